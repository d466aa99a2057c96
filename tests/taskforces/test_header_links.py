"""The header's task-force links: unread notifications, unread posts and the way to the
reader's workspaces, read in one query and counted as the workspace and notification
pages count them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from taskforces import selectors, services
from taskforces.models import Membership, NotificationKind, ReadPosition, WatchLevel
from tests import factories

pytestmark = pytest.mark.django_db


def header(client) -> dict[str, str | None]:
    """What the reader sees in the header on the home page."""
    page = BeautifulSoup(client.get("/").content, "html.parser")
    nav = page.find("nav", attrs={"aria-label": "Your account"})
    notifications = nav.select_one('[data-count="notifications"]')
    unread = nav.select_one('[data-count="unread-posts"]')
    return {
        "notifications": notifications.text if notifications else None,
        "unread_posts": unread.text if unread else None,
        "workspaces": unread.find_parent("a")["href"] if unread else None,
    }


def notify(workspace, user, taskforce=None):
    return services.notification_create(
        user=user,
        kind=NotificationKind.MENTION,
        taskforce=taskforce or workspace.taskforce,
        text="Ana mentioned you.",
        url=workspace.thread_url,
        email=False,
    )


def test_a_member_of_one_task_force_is_linked_to_its_workspace(workspace, sign_in_as):
    factories.PostFactory(thread=workspace.thread, author=workspace.member)
    notify(workspace, workspace.chair)
    assert header(sign_in_as("chair")) == {
        "notifications": "1",
        "unread_posts": "2",
        "workspaces": workspace.url(),
    }


def test_the_counts_are_those_of_the_workspace_and_notification_pages(workspace, sign_in_as):
    chair = workspace.chair
    # Read up to the first post; then a second by someone else, one of their own and a
    # hidden one: one unread.
    ReadPosition.objects.create(
        user=chair, thread=workspace.thread, last_read_post_id=workspace.post.pk
    )
    factories.PostFactory(thread=workspace.thread, author=workspace.member)
    factories.PostFactory(thread=workspace.thread, author=chair)
    hidden = factories.PostFactory(thread=workspace.thread, author=workspace.member)
    services.post_hide(post=hidden, moderator=chair, reason="Off topic")
    # The workspace muted, but the first thread kept at normal and a second watched: both
    # count; a third, muted with the workspace, does not.
    watched = factories.ThreadFactory(taskforce=workspace.taskforce, author=workspace.member)
    factories.PostFactory(thread=watched, author=workspace.member)
    muted = factories.ThreadFactory(taskforce=workspace.taskforce, author=workspace.member)
    factories.PostFactory(thread=muted, author=workspace.member)
    services.watch_set_for_workspace(
        membership=Membership.objects.get(user=chair, taskforce=workspace.taskforce),
        level=WatchLevel.MUTED,
    )
    services.watch_set_for_thread(user=chair, thread=watched, level=WatchLevel.WATCHING)
    services.watch_set_for_thread(user=chair, thread=workspace.thread, level=WatchLevel.NORMAL)
    # Notifications: two unread, one read, one from a task force the chair is not in.
    notify(workspace, chair)
    notify(workspace, chair)
    services.notifications_mark_read(user=chair, notification_ids=[notify(workspace, chair).pk])
    elsewhere = factories.TaskForcePageFactory(parent=workspace.taskforce.get_parent())
    notify(workspace, chair, taskforce=elsewhere)

    seen = header(sign_in_as("chair"))
    assert seen["unread_posts"] == "2" == str(selectors.unread_total(chair))
    assert seen["notifications"] == "2" == str(selectors.unread_notification_count(chair))


def test_someone_in_no_task_force_has_notifications_but_no_workspace_link(workspace, sign_in_as):
    assert header(sign_in_as("outsider")) == {
        "notifications": "0",
        "unread_posts": None,
        "workspaces": None,
    }


def test_the_secretariat_reads_every_workspace_and_is_linked_to_the_index(workspace, sign_in_as):
    second = factories.TaskForcePageFactory(parent=workspace.taskforce.get_parent())
    thread = factories.ThreadFactory(taskforce=second, author=workspace.member)
    factories.PostFactory(thread=thread, author=workspace.member)
    notify(workspace, workspace.secretariat, taskforce=second)
    assert header(sign_in_as("secretariat")) == {
        "notifications": "1",
        "unread_posts": "2",
        "workspaces": workspace.taskforce.get_parent().url,
    }


def test_the_header_links_take_one_query(workspace, sign_in_as):
    """One on PostgreSQL; SQLite has no arrays and reads the reader's roles apart."""
    client = sign_in_as("chair")
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    header_queries = [
        query["sql"]
        for query in captured
        if "taskforces_notification" in query["sql"] or "taskforces_membership" in query["sql"]
    ]
    assert len(header_queries) == (1 if connection.vendor == "postgresql" else 2), header_queries
