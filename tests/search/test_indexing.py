"""Search follows the content: publishing, unpublishing, editing, deleting, hiding a post,
leaving a task force; and `search_reindex` rebuilds everything."""

import io

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from network.models import User
from search.models import SearchEntry
from search.query import search_site
from taskforces import services as taskforce_services
from tests import factories
from tests.search.conftest import PRIVATE_WORD

pytestmark = pytest.mark.django_db
VISITOR = AnonymousUser()


def titles(query: str, user=VISITOR) -> list[str]:
    return [hit.title for hit in search_site(query, user=user).page or []]


def test_publishing_unpublishing_editing_and_deleting_a_page(site_tree):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Sequence validator", summary="Checks ST.26 files."
    )
    entry.save_revision().publish()
    assert titles("validator") == ["Sequence validator"]

    entry.summary = "Checks nucleotide listings."
    entry.save_revision().publish()
    assert titles("nucleotide") == ["Sequence validator"]
    assert titles("ST.26") == []

    entry.unpublish()
    assert titles("validator") == []

    entry.save_revision().publish()
    entry.delete()
    assert titles("validator") == []
    assert not SearchEntry.objects.filter(title="Sequence validator").exists()


def test_a_draft_over_a_published_page_changes_nothing(site_tree):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Register viewer", summary="Shows the register."
    )
    entry.save_revision().publish()
    entry.summary = "Unannounced quasarword feature."
    entry.save_revision()
    assert titles("quasarword") == []
    assert titles("register") == ["Register viewer"]


def test_a_new_post_is_found_by_its_task_force_once_stored(
    cast, workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taskforce_services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Try *tesseracts*."
        )
    assert [hit.kind for hit in search_site("tesseracts", user=workspace.insider).page] == ["post"]


def test_a_new_post_gets_its_entry_only_after_the_commit(
    cast, workspace, django_capture_on_commit_callbacks
):
    # Written after the commit, once its event is out (docs/realtime.md): a rolled-back
    # post never had one.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = taskforce_services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Try *tesseracts*."
        )
        assert not SearchEntry.objects.filter(source="taskforces.post", source_pk=str(post.pk))
    for callback in callbacks:
        callback()
    assert SearchEntry.objects.filter(source="taskforces.post", source_pk=str(post.pk)).exists()


def test_a_new_post_hidden_before_its_entry_is_written_is_never_found(
    cast, workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = taskforce_services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Try *tesseracts*."
        )
    # A moderator hides it between the commit and the writing of its entry.
    taskforce_services.post_hide(post=post, moderator=cast.secretariat, reason="Off topic.")
    for callback in callbacks:
        callback()
    assert search_site("tesseracts", user=workspace.insider).total == 0
    assert not SearchEntry.objects.filter(source="taskforces.post", source_pk=str(post.pk))


def test_a_post_shown_again_is_found_again(cast, workspace, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post = taskforce_services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Try *tesseracts*."
        )
    taskforce_services.post_hide(post=post, moderator=cast.secretariat, reason="Off topic.")
    assert search_site("tesseracts", user=workspace.insider).total == 0
    taskforce_services.post_show(post=post, moderator=cast.secretariat)
    assert search_site("tesseracts", user=workspace.insider).total == 1


def test_a_new_post_deleted_before_its_entry_is_written_is_never_found(
    cast, workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = taskforce_services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Try *tesseracts*."
        )
    post.delete()
    for callback in callbacks:
        callback()
    assert not SearchEntry.objects.filter(source="taskforces.post", source_pk=str(post.pk))


def test_the_deferred_entry_is_written_under_a_lock_of_the_post(
    cast, workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        taskforce_services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Try *tesseracts*."
        )
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    if connection.features.has_select_for_update:
        # So that a moderator hiding it commits wholly before or after the entry is written.
        assert any(
            "taskforces_post" in query["sql"] and "FOR UPDATE" in query["sql"]
            for query in queries.captured_queries
        )


def test_leaving_a_task_force_hides_its_posts_from_the_next_search(cast, workspace, reindex):
    reindex()
    assert search_site(PRIVATE_WORD, user=workspace.insider).total == 2
    taskforce_services.membership_end(
        membership=workspace.taskforce.memberships.get(user=workspace.insider),
        ended_by=workspace.insider,
    )
    # The next search comes with the next request, which reads the person afresh.
    reader = User.objects.get(pk=workspace.insider.pk)
    assert search_site(PRIVATE_WORD, user=reader).total == 0


def test_joining_a_task_force_shows_its_posts(cast, workspace, reindex):
    reindex()
    factories.MembershipFactory(taskforce=workspace.taskforce, user=workspace.outsider)
    assert search_site(PRIVATE_WORD, user=workspace.outsider).total == 2


def test_deleting_a_post_or_thread_removes_it(cast, workspace, reindex):
    reindex()
    workspace.post.delete()
    assert [hit.kind for hit in search_site(PRIVATE_WORD, user=workspace.insider).page] == [
        "thread"
    ]
    workspace.thread.delete()
    assert search_site(PRIVATE_WORD, user=workspace.insider).total == 0


def test_renaming_a_thread_renames_its_posts_in_results(
    cast, workspace, reindex, django_capture_on_commit_callbacks
):
    reindex()
    with django_capture_on_commit_callbacks(execute=True):
        workspace.thread.title = "Routing pilots"
        workspace.thread.save()
    hits = search_site("pilot", user=workspace.insider).page
    assert {hit.title for hit in hits} == {"Routing pilots"}


def test_a_post_hidden_by_a_moderator_disappears_at_once(cast, workspace, reindex):
    reindex()
    taskforce_services.post_hide(
        post=workspace.post, moderator=cast.secretariat, reason="Off topic."
    )
    assert [hit.kind for hit in search_site(PRIVATE_WORD, user=workspace.insider).page] == [
        "thread"
    ]


def test_a_member_whose_account_is_closed_is_no_longer_found(cast, reindex):
    reindex()
    assert titles("Berg", user=cast.member) == ["Bo Berg"]
    cast.cio_b.is_active = False
    cast.cio_b.save()
    assert titles("Berg", user=cast.member) == []


def test_making_a_page_private_removes_it_and_its_subpages(
    site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    page = factories.StandardPageFactory(parent=site_tree.about, title="Quasarword notes")
    page.save_revision().publish()
    assert titles("quasarword") == ["Quasarword notes"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=site_tree.about, restriction_type=PageViewRestriction.LOGIN
        )
    assert titles("quasarword") == []


def test_moving_a_page_updates_its_address(site_tree, django_capture_on_commit_callbacks):
    page = factories.StandardPageFactory(
        parent=site_tree.about, title="Quasarword notes", slug="notes"
    )
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(site_tree.home, pos="last-child")
    assert [hit.url for hit in search_site("quasarword", user=VISITOR).page] == ["/notes/"]


def test_search_reindex_rebuilds_everything_and_forgets_what_is_gone(cast, workspace):
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(
        source="wagtailcore.page",
        source_pk="999999",
        kind="page",
        title="Ghost",
        url="/x/",
        audience="public",
    )
    output = io.StringIO()
    call_command("search_reindex", stdout=output)
    assert "Indexed" in output.getvalue()
    assert "#" * 30 in output.getvalue()  # the progress bar reached its end
    assert titles("ghost") == []
    assert search_site(PRIVATE_WORD, user=workspace.insider).total == 2
    assert "Office A" in titles("office")


def test_running_search_reindex_twice_changes_nothing(cast, workspace):
    call_command("search_reindex", stdout=io.StringIO())
    before = sorted(SearchEntry.objects.values_list("source", "source_pk", "title", "body"))
    call_command("search_reindex", stdout=io.StringIO())
    after = sorted(SearchEntry.objects.values_list("source", "source_pk", "title", "body"))
    assert before == after
