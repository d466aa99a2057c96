"""Chairs and the secretariat pin, lock, hide with a reason and move; each action is logged."""

import pytest
from bs4 import BeautifulSoup

from search.models import SearchEntry
from taskforces.models import (
    MembershipRole,
    ModerationAction,
    Notification,
    NotificationKind,
    Post,
    Thread,
)
from tests import factories

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


def moderate_url(workspace) -> str:
    return workspace.url("thread_moderate", workspace.thread.pk)


def hide_url(workspace, post=None) -> str:
    return workspace.url("post_hide", workspace.thread.pk, (post or workspace.post).pk)


@pytest.mark.parametrize("role", ["chair", "secretariat"])
def test_chairs_and_the_secretariat_pin_and_lock_and_it_is_logged(workspace, sign_in_as, role):
    client = sign_in_as(role)
    client.post(moderate_url(workspace), {"action": "pin"})
    client.post(moderate_url(workspace), {"action": "lock"})
    thread = Thread.objects.get(pk=workspace.thread.pk)
    assert (thread.pinned, thread.locked) == (True, True)
    log = list(ModerationAction.objects.order_by("pk").values_list("action", "actor"))
    assert log == [("pin", workspace.person(role).pk), ("lock", workspace.person(role).pk)]


@pytest.mark.parametrize("role", ["member", "observer"])
def test_members_and_observers_cannot_moderate(workspace, sign_in_as, role):
    client = sign_in_as(role)
    assert client.post(moderate_url(workspace), {"action": "lock"}).status_code == 403
    response = client.post(hide_url(workspace), {"action": "hide", "reason": "Mine"})
    assert response.status_code == 403
    assert not Thread.objects.get(pk=workspace.thread.pk).locked
    assert not Post.objects.get(pk=workspace.post.pk).is_hidden


def test_hiding_needs_a_reason(workspace, sign_in_as):
    response = sign_in_as("chair").post(hide_url(workspace), {"action": "hide", "reason": ""})
    assert response.status_code == 400
    assert not Post.objects.get(pk=workspace.post.pk).is_hidden


def test_a_hidden_post_shows_its_reason_to_its_author_and_not_to_others(
    workspace, sign_in_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_as("chair").post(
            hide_url(workspace), {"action": "hide", "reason": "Shares unpublished figures"}
        )
    author_view = text_of(sign_in_as("member").get(workspace.thread_url))
    assert "Shares unpublished figures" in author_view
    observer_view = text_of(sign_in_as("observer").get(workspace.thread_url))
    assert "A moderator hid this post." in observer_view
    assert "Shares unpublished figures" not in observer_view
    assert "IPC class" not in observer_view
    notification = Notification.objects.get(user=workspace.member)
    assert notification.kind == NotificationKind.POST_HIDDEN
    assert "Shares unpublished figures" in notification.display_text
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.post, action.reason) == (
        "hide",
        workspace.chair,
        Post.objects.get(pk=workspace.post.pk),
        "Shares unpublished figures",
    )


def test_a_hidden_post_can_be_shown_again(workspace, sign_in_as):
    client = sign_in_as("chair")
    client.post(hide_url(workspace), {"action": "hide", "reason": "Mistake"})
    client.post(hide_url(workspace), {"action": "show"})
    assert not Post.objects.get(pk=workspace.post.pk).is_hidden
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        "hide",
        "show",
    ]


def test_a_chair_moves_a_thread_to_another_task_force_they_chair(workspace, sign_in_as):
    target = factories.TaskForcePageFactory(
        parent=workspace.taskforce.get_parent(), title="Task force on cloud"
    )
    factories.MembershipFactory(taskforce=target, user=workspace.chair, role=MembershipRole.CHAIR)
    client = sign_in_as("chair")
    response = client.post(
        moderate_url(workspace), {"action": "move", "target": target.pk, "reason": "Cloud topic"}
    )
    assert response["Location"] == target.workspace_url("thread", workspace.thread.pk)
    assert Thread.objects.get(pk=workspace.thread.pk).taskforce_id == target.pk
    # The AI task force's members no longer reach it.
    assert sign_in_as("member").get(response["Location"]).status_code == 404
    log = sign_in_as("chair").get(workspace.url("moderation_log"))
    assert "From Task force on AI tools to Task force on cloud" in text_of(log)


def test_a_thread_cannot_be_moved_where_the_moderator_is_not_chair(workspace, sign_in_as):
    target = factories.TaskForcePageFactory(parent=workspace.taskforce.get_parent())
    factories.MembershipFactory(taskforce=target, user=workspace.chair, role=MembershipRole.MEMBER)
    response = sign_in_as("chair").post(
        moderate_url(workspace), {"action": "move", "target": target.pk}
    )
    assert response.status_code == 400
    assert Thread.objects.get(pk=workspace.thread.pk).taskforce_id == workspace.taskforce.pk


def test_the_moderation_log_does_not_name_authors_of_not_for_attribution_threads(
    workspace, sign_in_as
):
    Thread.objects.filter(pk=workspace.thread.pk).update(not_for_attribution=True)
    client = sign_in_as("chair")
    client.post(hide_url(workspace), {"action": "hide", "reason": "Off topic"})
    log = text_of(client.get(workspace.url("moderation_log")))
    assert "Hid a post" in log
    assert "Mo Member" not in log


def test_the_moderation_log_is_for_chairs_and_the_secretariat(workspace, sign_in_as):
    assert sign_in_as("member").get(workspace.url("moderation_log")).status_code == 403
    assert sign_in_as("secretariat").get(workspace.url("moderation_log")).status_code == 200


def test_a_chair_renames_a_thread_and_readers_and_search_see_the_new_title(
    workspace, sign_in_as, django_capture_on_commit_callbacks
):
    client = sign_in_as("chair")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            moderate_url(workspace),
            {"action": "rename", "title": "IPC classification pilots", "label": "Pilots"},
        )
    assert response.status_code == 302
    thread_page = BeautifulSoup(sign_in_as("member").get(response.url).content, "html.parser")
    assert thread_page.select_one("[data-thread-title]").get_text() == "IPC classification pilots"
    assert thread_page.select_one("[data-thread-label]").get_text() == "Pilots"
    (action,) = ModerationAction.objects.filter(action="rename")
    assert action.actor == workspace.chair
    assert action.detail == "From “Classification pilots” to “IPC classification pilots”"
    entry = SearchEntry.objects.get(kind="thread", source_pk=str(workspace.thread.pk))
    assert entry.title == "IPC classification pilots"


def test_a_thread_keeps_its_title_when_the_new_one_is_empty_or_too_long(workspace, sign_in_as):
    client = sign_in_as("chair")
    for title in ["   ", "x" * 201]:
        response = client.post(moderate_url(workspace), {"action": "rename", "title": title})
        assert response.status_code == 400
        assert Thread.objects.get(pk=workspace.thread.pk).title == "Classification pilots"
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("role", ["member", "observer"])
def test_members_and_observers_cannot_rename(workspace, sign_in_as, role):
    response = sign_in_as(role).post(
        moderate_url(workspace), {"action": "rename", "title": "Mine now"}
    )
    assert response.status_code == 403
    assert Thread.objects.get(pk=workspace.thread.pk).title == "Classification pilots"


@pytest.mark.parametrize("action", [None, "", "delete", "PIN"])
def test_an_unknown_moderation_action_is_a_bad_request(workspace, sign_in_as, action):
    posted = {} if action is None else {"action": action}
    response = sign_in_as("chair").post(moderate_url(workspace), posted)
    assert response.status_code == 400
    hide = sign_in_as("chair").post(hide_url(workspace), {**posted, "reason": "Off topic"})
    assert hide.status_code == 400
    assert not ModerationAction.objects.exists()
