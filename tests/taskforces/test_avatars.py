"""Avatars beside posts, members and the thread list: the person's photo, served by the
portal, or their initials on a colour of their own."""

from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup

from network.templatetags.network_tags import AVATAR_COLOURS, initials
from tests import factories
from tests.network.test_office_images import png
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def give_photo(user):
    user.member.photo = get_image_model().objects.create(title=str(user), file=png("me.png"))
    user.member.save()


def test_a_post_shows_its_authors_initials_on_their_own_colour(workspace, sign_in_as):
    page = soup_of(sign_in_as("chair").get(workspace.thread_url))
    avatar = page.select_one(f"#post-{workspace.post.pk} .avatar")
    assert avatar.get_text() == "MM"
    assert f"avatar--{workspace.member.pk % AVATAR_COLOURS}" in avatar["class"]
    # Decorative: the name is written beside it.
    assert avatar["aria-hidden"] == "true"


def test_a_post_shows_the_authors_photo_from_the_portals_own_media(workspace, sign_in_as):
    give_photo(workspace.member)
    page = soup_of(sign_in_as("chair").get(workspace.thread_url))
    photo = page.select_one(f"#post-{workspace.post.pk} img.avatar")
    assert photo["src"].startswith("/media/images/")
    assert photo["alt"] == ""


def test_the_members_list_and_the_thread_lists_last_poster_have_avatars(workspace, sign_in_as):
    client = sign_in_as("member")
    members = soup_of(client.get(workspace.url("members")))
    assert [a.get_text() for a in members.select(".member-name .avatar")] == ["AA", "MM", "BB"]
    threads = soup_of(client.get(workspace.url()))
    last = threads.select_one(f'[data-thread-row="{workspace.thread.pk}"] .threads__last')
    assert last.select_one(".avatar").get_text() == "MM"
    assert "Mo Member" in last.get_text()


def test_a_not_for_attribution_thread_names_no_last_poster_in_the_list(workspace, sign_in_as):
    workspace.thread.not_for_attribution = True
    workspace.thread.save()
    threads = soup_of(sign_in_as("chair").get(workspace.url()))
    last = threads.select_one(f'[data-thread-row="{workspace.thread.pk}"] .threads__last')
    assert last.select_one(".avatar") is None
    assert "Mo Member" not in last.get_text()


def test_photos_do_not_add_queries_per_post(workspace, sign_in_as):
    client = sign_in_as("chair")
    give_photo(workspace.member)
    client.get(workspace.thread_url)  # the first view makes the rendition
    few = count_queries(client, workspace.thread_url)
    for _ in range(5):
        factories.PostFactory(thread=workspace.thread, author=workspace.member)
    assert count_queries(client, workspace.thread_url) == few


def test_initials_fall_back_to_the_email_address():
    assert (
        initials(factories.UserFactory.build(first_name="", last_name="", email="x@y.org")) == "X"
    )
    assert initials(factories.UserFactory.build(first_name="lena", last_name="fischer")) == "LF"


def test_thread_settings_come_before_the_posts_and_actions_look_like_buttons(workspace, sign_in_as):
    page = soup_of(sign_in_as("chair").get(workspace.thread_url))
    thread = page.select_one(".thread")
    order = [child.get("class")[0] for child in thread.find_all(recursive=False)]
    assert order == ["thread__head", "thread__side", "thread__main"]
    actions = page.select(f"#post-{workspace.post.pk} .post__actions a")
    assert actions and all("button" in action["class"] for action in actions)
