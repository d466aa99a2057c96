"""What the forum adds to a task-force workspace: every member of the network takes part
without joining, threads go under categories, announcements take moderators' posts only,
and nothing of it reaches anyone outside the network."""

import pytest
from bs4 import BeautifulSoup

from search.engine import database_engine
from search.query import search_site
from search.services import entries_rebuild
from taskforces import services
from taskforces.models import Membership, MembershipRole, Thread
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(forum_workspace):
    return forum_workspace


@pytest.fixture
def sign_in(client):
    def sign_in_as(person):
        client.logout()
        if person is not None:
            person.refresh_from_db()
            client.force_login(person)
        return client

    return sign_in_as


def text_of(response) -> str:
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return " ".join(main.get_text().split())


def announcements(forum):
    return forum.taskforce.categories.get(moderators_only=True)


def peers(forum):
    return forum.thread.category


def test_a_member_who_never_joined_reads_and_posts_in_the_forum(forum, sign_in):
    assert not Membership.objects.filter(taskforce=forum.taskforce, user=forum.member).exists()
    client = sign_in(forum.member)
    assert "Classification pilots" in text_of(client.get(forum.url()))
    response = client.post(forum.thread_url, {"body": "We do the same."})
    assert response.status_code == 302
    assert forum.thread.posts.filter(author=forum.member, body="We do the same.").exists()
    # Joining and leaving are for task forces: nothing to ask for here.
    assert client.post(forum.taskforce.url + "join/").status_code == 403
    assert "Ask to join" not in text_of(client.get(forum.taskforce.url))


def test_the_forum_public_page_shows_nothing_of_its_threads(forum, sign_in):
    client = sign_in(None)
    page = text_of(client.get(forum.taskforce.url))
    assert "Questions to peers" in page  # categories are its public outline
    assert "Classification pilots" not in page
    assert "IPC class" not in page
    assert "Sign in to read and post." in page
    assert client.get(forum.url()).status_code == 404
    assert client.get(forum.thread_url).status_code == 404


def test_an_account_outside_the_network_finds_no_forum_even_with_a_membership(forum, sign_in):
    client = sign_in(forum.outsider)
    assert client.get(forum.url()).status_code == 404
    assert client.get(forum.thread_url).status_code == 404
    assert client.post(forum.thread_url, {"body": "Hello"}).status_code == 404
    assert "The forum is for members of the network." in text_of(client.get(forum.taskforce.url))


def test_the_header_of_an_account_outside_the_network_leads_to_no_forum(forum, sign_in):
    from taskforces.header import header_facts

    assert header_facts(forum.outsider).readable == frozenset()
    home = sign_in(forum.outsider).get("/").content.decode()
    assert "/forum/workspace/" not in home
    member_home = sign_in(forum.member).get("/").content.decode()
    assert "/forum/workspace/" in member_home  # in no task force: the forum is theirs


def test_someone_who_leaves_the_network_loses_the_forum(forum, sign_in):
    client = sign_in(forum.member)
    assert client.get(forum.url()).status_code == 200
    forum.member.member.delete()
    client = sign_in(forum.member)
    assert client.get(forum.url()).status_code == 404


def test_only_moderators_start_threads_in_announcements(forum, sign_in):
    category = announcements(forum)
    client = sign_in(forum.member)
    form = client.get(forum.url("thread_new")).content.decode()
    assert "Questions to peers" in form
    assert "Announcements" not in form
    response = client.post(
        forum.url("thread_new"),
        {"title": "Mine", "body": "News", "category": category.pk},
    )
    assert response.status_code == 400
    assert not Thread.objects.filter(title="Mine").exists()

    client = sign_in(forum.chair)
    response = client.post(
        forum.url("thread_new"),
        {"title": "Session dates", "body": "In April.", "category": category.pk},
    )
    assert response.status_code == 302
    assert Thread.objects.get(title="Session dates").category == category


def test_members_read_announcements_but_do_not_post_in_them(forum, sign_in):
    thread = services.thread_create(
        taskforce=forum.taskforce,
        author=forum.secretariat,
        title="Session dates",
        body="In April.",
        category=announcements(forum),
    )
    client = sign_in(forum.member)
    url = forum.url("thread", thread.pk)
    page = client.get(url)
    assert "In April." in text_of(page)
    assert 'name="body"' not in page.content.decode()
    assert client.post(url, {"body": "Thanks!"}).status_code == 403
    assert thread.posts.count() == 1
    assert sign_in(forum.chair).post(url, {"body": "Agenda to follow."}).status_code == 302


def test_a_thread_without_a_chosen_category_goes_in_the_first_open_to_all(forum, sign_in):
    client = sign_in(forum.member)
    response = client.post(forum.url("thread_new"), {"title": "Plain", "body": "A question."})
    assert response.status_code == 302
    assert Thread.objects.get(title="Plain").category == peers(forum)


def test_a_category_of_another_forum_or_none_is_refused(forum, sign_in, site_tree):
    elsewhere = factories.ForumCategoryFactory(forum__parent=site_tree.home, forum__slug="other")
    client = sign_in(forum.member)
    for value in (elsewhere.pk, "x", "99999999"):
        response = client.post(
            forum.url("thread_new"), {"title": "Lost", "body": "Where?", "category": value}
        )
        assert response.status_code == 400
    assert not Thread.objects.filter(title="Lost").exists()


def test_the_forum_lists_one_category_at_a_time(forum, sign_in):
    services.thread_create(
        taskforce=forum.taskforce,
        author=forum.secretariat,
        title="Session dates",
        body="In April.",
        category=announcements(forum),
    )
    client = sign_in(forum.member)
    everything = text_of(client.get(forum.url()))
    assert "Session dates" in everything and "Classification pilots" in everything
    only = text_of(client.get(forum.url(), {"category": peers(forum).pk}))
    assert "Classification pilots" in only and "Session dates" not in only
    assert client.get(forum.url(), {"category": "nope"}).status_code == 400


def test_a_member_who_never_joined_chooses_how_closely_to_follow_the_forum(forum, sign_in):
    client = sign_in(forum.member)
    assert "Notifications for the forum" in text_of(client.get(forum.url()))
    response = client.post(forum.url("workspace_watch"), {"level": "muted"})
    assert response.status_code == 302
    membership = Membership.objects.get(taskforce=forum.taskforce, user=forum.member)
    assert (membership.role, membership.watch_level) == (MembershipRole.MEMBER, "muted")


def test_forum_posts_are_found_by_members_of_the_network_only(forum, cast):
    from django.contrib.auth.models import AnonymousUser

    entries_rebuild(progress=lambda done, total: None, engine=database_engine())
    assert search_site("IPC class", user=forum.member).total >= 1
    assert search_site("IPC class", user=AnonymousUser()).total == 0
    assert search_site("IPC class", user=forum.outsider).total == 0


def test_the_menu_leads_to_the_forum(forum, sign_in):
    menu = BeautifulSoup(sign_in(None).get("/").content, "html.parser")
    assert any(link["href"].endswith("/forum/") for link in menu.select("nav a[href]"))


def test_a_reader_only_cannot_leave_the_forum_to_post_again(forum, sign_in):
    client = sign_in(forum.observer)
    assert client.post(forum.taskforce.url + "leave/").status_code == 403
    assert Membership.objects.filter(taskforce=forum.taskforce, user=forum.observer).exists()
    assert client.post(forum.thread_url, {"body": "Let me in"}).status_code == 403


def test_a_translation_of_the_forum_opens_the_same_forum(forum, sign_in):
    from wagtail.models import Locale

    french_locale = Locale.objects.get_or_create(language_code="fr")[0]
    french = forum.taskforce.copy_for_translation(french_locale, copy_parents=True)
    french.save_revision().publish()
    client = sign_in(forum.member)
    assert "Classification pilots" in text_of(client.get("/fr/forum/workspace/"))
    response = client.post(
        f"/fr/forum/workspace/threads/{forum.thread.pk}/", {"body": "Merci, nous aussi."}
    )
    assert response.status_code == 302
    assert forum.thread.posts.filter(body="Merci, nous aussi.").exists()
    assert not Thread.objects.filter(taskforce_id=french.pk).exists()
