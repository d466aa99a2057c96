"""The header's unread counts on notification sockets: read when the socket opens, then
kept by post events with no query per post and per socket (taskforces/live_counts.py).

Transactional, as test_consumers.py: writes commit and broadcast as in production.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator

from portal.asgi import application
from taskforces import events, services
from taskforces.live_counts import LiveCounts, ThreadCount
from taskforces.models import WatchLevel
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def write_and_broadcast():
    """Run a service from a scenario; it commits, then its events go out."""
    return database_sync_to_async(lambda write, **kwargs: write(**kwargs))


def notification_socket(user) -> WebsocketCommunicator:
    client = Client()  # one each: signing another person in on a client ends the session
    client.force_login(user)
    headers = [
        (b"host", b"testserver"),
        (b"origin", b"http://testserver"),
        (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()),
    ]
    return WebsocketCommunicator(application, "/ws/notifications/", headers=headers)


def activity(post) -> dict:
    """The event post_create sends the task force's group once the post is stored."""
    return events.activity_event(
        taskforce_id=post.thread.taskforce_id,
        thread_id=post.thread_id,
        post_id=post.pk,
        author_id=post.author_id,
    )


def counts(unread_posts: int, thread=None, thread_unread: int = 0) -> dict:
    return events.counts_payload(
        unread_posts=unread_posts,
        unread_notifications=0,
        thread_id=thread.pk if thread else None,
        thread_unread=thread_unread,
    )


def test_each_post_reaches_every_header_without_a_query(workspace):
    """The fixture's post is unread for the chair and the observer; each new post adds one."""
    sockets = [notification_socket(workspace.chair), notification_socket(workspace.observer)]
    group = events.taskforce_group(workspace.taskforce.pk)
    write = database_sync_to_async(factories.PostFactory)

    async def scenario(queries):
        for socket in sockets:
            assert (await socket.connect())[0]
        new_posts = [await write(thread=workspace.thread, author=workspace.member) for _ in "12"]
        frames, before = [], len(queries)
        for post in new_posts:
            await get_channel_layer().group_send(group, activity(post))
            frames += [await socket.receive_json_from(timeout=10) for socket in sockets]
        delivering = queries[before:]
        for socket in sockets:
            await socket.disconnect()
        return frames, delivering

    # The sockets' database work runs in this thread, on this connection.
    with CaptureQueriesContext(connection) as captured:
        frames, delivering = async_to_sync(scenario)(captured.captured_queries)
    assert len(captured.captured_queries) > 0  # connecting reads the counts
    assert delivering == []
    thread = workspace.thread
    assert frames == [counts(2, thread, 2)] * 2 + [counts(3, thread, 3)] * 2


def test_a_post_is_counted_once_however_often_and_in_whatever_order_it_arrives(workspace):
    first, second = (
        factories.PostFactory(thread=workspace.thread, author=workspace.member) for _ in range(2)
    )
    socket = notification_socket(workspace.chair)
    group = events.taskforce_group(workspace.taskforce.pk)

    async def scenario():
        assert (await socket.connect())[0]
        # Both posts were stored before the socket read its counts: already counted.
        await get_channel_layer().group_send(group, activity(first))
        before = await socket.receive_json_from(timeout=3)
        later = await database_sync_to_async(factories.PostFactory)(
            thread=workspace.thread, author=workspace.member
        )
        frames = []
        for post in (later, second, later):
            await get_channel_layer().group_send(group, activity(post))
            frames.append(await socket.receive_json_from(timeout=3))
        await socket.disconnect()
        return before, frames

    before, frames = async_to_sync(scenario)()
    assert before == counts(3, workspace.thread, 3)
    assert [frame["unread_posts"] for frame in frames] == [4, 4, 4]


def test_the_authors_own_post_leaves_their_thread_read(workspace, write_and_broadcast):
    socket = notification_socket(workspace.member)
    factories.PostFactory(thread=workspace.thread, author=workspace.chair)

    async def scenario():
        assert (await socket.connect())[0]
        await write_and_broadcast(
            services.post_create, thread=workspace.thread, author=workspace.member, body="Mine"
        )
        frame = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return frame

    assert async_to_sync(scenario)() == counts(0, workspace.thread, 0)


def test_a_muted_thread_is_counted_for_itself_but_not_in_the_header(workspace):
    services.watch_set_for_thread(
        user=workspace.chair, thread=workspace.thread, level=WatchLevel.MUTED
    )
    post = factories.PostFactory(thread=workspace.thread, author=workspace.member)
    socket = notification_socket(workspace.chair)

    async def scenario():
        assert (await socket.connect())[0]
        await get_channel_layer().group_send(
            events.taskforce_group(workspace.taskforce.pk), activity(post)
        )
        frame = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return frame

    # The fixture's post and this one are unread in the thread; the header counts neither.
    assert async_to_sync(scenario)() == counts(0, workspace.thread, 2)


def test_hiding_a_post_updates_readers_headers(workspace, write_and_broadcast):
    socket = notification_socket(workspace.observer)

    async def scenario():
        assert (await socket.connect())[0]
        await write_and_broadcast(
            services.post_hide, post=workspace.post, moderator=workspace.chair, reason="Spam"
        )
        frame = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return frame

    assert async_to_sync(scenario)() == counts(0)


def test_a_new_thread_is_read_once_and_then_counted_from_events(workspace):
    live = LiveCounts(workspace.chair)
    live.read()
    thread = factories.ThreadFactory(taskforce=workspace.taskforce, author=workspace.member)
    post = factories.PostFactory(thread=thread, author=workspace.member)
    assert live.add_post(thread_id=thread.pk, post_id=post.pk) is False
    live.read_thread(thread.pk)
    assert live.add_post(thread_id=thread.pk, post_id=post.pk) is True
    assert live.payload(thread.pk)["thread_unread"] == 1
    assert live.unread_posts() == 2


def test_a_thread_out_of_reach_is_not_counted(workspace):
    other = factories.TaskForcePageFactory(
        parent=workspace.taskforce.get_parent(), title="Other", slug="other"
    )
    elsewhere = factories.ThreadFactory(taskforce=other, author=workspace.outsider)
    factories.PostFactory(thread=elsewhere, author=workspace.outsider)
    live = LiveCounts(workspace.chair)
    live.read()
    live.read_thread(elsewhere.pk)
    assert not live.knows(elsewhere.pk)
    assert live.payload(elsewhere.pk)["thread_unread"] == 0


def test_a_socket_reads_its_counts_again_after_many_added_posts(monkeypatch, workspace):
    monkeypatch.setattr("taskforces.live_counts.ADDED_LIMIT", 2)
    live = LiveCounts(workspace.chair)
    live.threads = {7: ThreadCount(unread=0, read_through=10, muted=False)}
    assert [live.add_post(thread_id=7, post_id=post) for post in (11, 9, 12, 13)] == [
        True,
        True,
        True,
        False,
    ]
    assert live.payload(7)["thread_unread"] == 2
