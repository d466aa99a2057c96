"""Websockets through the full ASGI application: origin check, session auth, relay,
numbered thread events and catch-up after a reconnection.

Each test runs one async scenario per async_to_sync call. The tests are transactional:
Channels closes a connection it finds inside a transaction, and every write commits and
broadcasts as it would in production.
"""

from unittest import mock

from django.test import Client

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator

from portal.asgi import application
from taskforces import events, services
from taskforces.models import Post, ThreadEvent
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def socket_for(path: str, *, origin: str = "http://testserver", cookie: str = ""):
    headers = [(b"host", b"testserver"), (b"origin", origin.encode())]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path, headers=headers)


def signed_in_cookie(client, user) -> str:
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def thread_path(thread, after: int | None = None) -> str:
    path = f"/ws/task-forces/threads/{thread.pk}/"
    return path if after is None else f"{path}?after={after}"


async def closing_of(communicator) -> dict:
    connected, _ = await communicator.connect()
    assert connected
    closing = await communicator.receive_output(timeout=3)
    await communicator.wait()
    return closing


@pytest.fixture
def write_and_broadcast():
    """Run a service from a scenario; it commits, then its events go out."""
    return database_sync_to_async(lambda write, **kwargs: write(**kwargs))


# Notification sockets ------------------------------------------------------------------


def test_a_signed_in_person_receives_their_notifications(client):
    user = factories.UserFactory()
    cookie = signed_in_cookie(client, user)
    event = events.notification_event(notification_id=7, text="You were mentioned", url="/t/1/")

    async def scenario():
        communicator = socket_for("/ws/notifications/", cookie=cookie)
        connected, _ = await communicator.connect()
        assert connected
        await get_channel_layer().group_send(events.user_group(user.pk), event)
        message = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return message

    assert async_to_sync(scenario)() == {
        "type": "notification",
        "id": 7,
        "text": "You were mentioned",
        "url": "/t/1/",
    }


def test_another_persons_notifications_do_not_reach_the_socket(client):
    user, other = factories.UserFactory(), factories.UserFactory()
    cookie = signed_in_cookie(client, user)
    event = events.notification_event(notification_id=8, text="Private", url="/t/2/")

    async def scenario():
        communicator = socket_for("/ws/notifications/", cookie=cookie)
        await communicator.connect()
        await get_channel_layer().group_send(events.user_group(other.pk), event)
        nothing = await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()
        return nothing

    assert async_to_sync(scenario)() is True


def test_an_anonymous_socket_is_closed_with_a_reason_code():
    async def scenario():
        return await closing_of(socket_for("/ws/notifications/"))

    assert async_to_sync(scenario)() == {
        "type": "websocket.close",
        "code": events.CloseCode.UNAUTHENTICATED,
        "reason": "Sign in first.",
    }


@pytest.mark.parametrize("path", ["/ws/notifications/", "/ws/task-forces/threads/1/"])
def test_a_socket_opened_from_another_site_is_closed_with_a_reason_code(client, path):
    cookie = signed_in_cookie(client, factories.UserFactory())

    async def scenario():
        communicator = socket_for(path, origin="https://attacker.example", cookie=cookie)
        return await closing_of(communicator)

    closing = async_to_sync(scenario)()
    assert closing["code"] == events.CloseCode.FORBIDDEN
    assert "other sites" in closing["reason"]


def test_unread_counts_reach_the_header_when_someone_posts(client, workspace, write_and_broadcast):
    cookie = signed_in_cookie(client, workspace.chair)

    async def scenario():
        communicator = socket_for("/ws/notifications/", cookie=cookie)
        await communicator.connect()
        await write_and_broadcast(
            services.post_create, thread=workspace.thread, author=workspace.member, body="New"
        )
        messages = [await communicator.receive_json_from(timeout=3) for _ in range(1)]
        await communicator.disconnect()
        return messages

    (counts,) = async_to_sync(scenario)()
    # The fixture's first post and the new one are both unread for the chair.
    assert counts == {
        "type": "counts",
        "unread_posts": 2,
        "unread_notifications": 0,
        "thread": workspace.thread.pk,
        "thread_unread": 2,
    }


# Thread sockets: who may connect --------------------------------------------------------


def test_an_anonymous_thread_socket_is_closed_with_4401(workspace):
    async def scenario():
        return await closing_of(socket_for(thread_path(workspace.thread)))

    assert async_to_sync(scenario)()["code"] == events.CloseCode.UNAUTHENTICATED


def test_a_non_member_thread_socket_is_closed_with_4404(client, workspace):
    cookie = signed_in_cookie(client, workspace.outsider)

    async def scenario():
        return await closing_of(socket_for(thread_path(workspace.thread), cookie=cookie))

    assert async_to_sync(scenario)() == {
        "type": "websocket.close",
        "code": events.CloseCode.NOT_FOUND,
        "reason": "No such thread.",
    }


def test_a_socket_closes_when_its_person_leaves_the_task_force(
    client, workspace, write_and_broadcast
):
    cookie = signed_in_cookie(client, workspace.member)
    membership = workspace.taskforce.memberships.get(user=workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await write_and_broadcast(
            services.membership_end, membership=membership, ended_by=workspace.member
        )
        closing = await communicator.receive_output(timeout=3)
        await communicator.wait()
        return closing

    assert async_to_sync(scenario)()["code"] == events.CloseCode.FORBIDDEN


def test_a_thread_moved_out_of_reach_closes_the_socket_and_others_follow_it(
    workspace, write_and_broadcast
):
    target = factories.TaskForcePageFactory(
        parent=workspace.taskforce.get_parent(), title="Task force on cloud"
    )
    factories.MembershipFactory(taskforce=target, user=workspace.chair, role="chair")
    # One browser each: signing one person in on a shared client would sign the other out.
    member_cookie = signed_in_cookie(Client(), workspace.member)
    chair_cookie = signed_in_cookie(Client(), workspace.chair)

    async def scenario():
        member = socket_for(thread_path(workspace.thread, after=0), cookie=member_cookie)
        chair = socket_for(thread_path(workspace.thread, after=0), cookie=chair_cookie)
        await member.connect()
        await chair.connect()
        await write_and_broadcast(
            services.thread_move,
            thread=workspace.thread,
            moderator=workspace.chair,
            target=target,
            reason="Cloud topic",
        )
        closing = await member.receive_output(timeout=3)
        moved = await chair.receive_json_from(timeout=3)
        await member.wait()
        await chair.disconnect()
        return closing, moved

    closing, moved = async_to_sync(scenario)()
    assert closing["code"] == events.CloseCode.FORBIDDEN
    assert moved["type"] == "thread.moved"
    assert moved["state"]["url"] == target.workspace_url("thread", workspace.thread.pk)


def test_a_bad_message_closes_the_socket_with_4400(client, workspace):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_to(text_data="{not json")
        closing = await communicator.receive_output(timeout=3)
        await communicator.wait()
        return closing

    assert async_to_sync(scenario)()["code"] == events.CloseCode.BAD_REQUEST


# Thread sockets: posting ----------------------------------------------------------------


def test_observers_cannot_post_over_the_socket(client, workspace):
    cookie = signed_in_cookie(client, workspace.observer)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_json_to({"type": "post", "body": "May I?", "ref": "a1"})
        answer = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return answer

    answer = async_to_sync(scenario)()
    assert answer["type"] == "error"
    assert answer["code"] == events.ErrorCode.FORBIDDEN
    assert answer["ref"] == "a1"
    assert not Post.objects.filter(body="May I?").exists()


def test_a_member_posts_over_the_socket(client, workspace):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_json_to({"type": "post", "body": "Over the *socket*", "ref": 9})
        answer = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return answer

    answer = async_to_sync(scenario)()
    post = Post.objects.get(body="Over the *socket*")
    assert answer == {"type": "posted", "post": post.pk, "ref": 9, "key": None}
    assert post.body_html == "<p>Over the <em>socket</em></p>"


# Thread sockets: events in order, nothing lost ------------------------------------------


def test_a_new_post_reaches_everyone_on_the_thread_with_its_event_id(
    client, workspace, write_and_broadcast
):
    cookie = signed_in_cookie(client, workspace.chair)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread, after=0), cookie=cookie)
        await communicator.connect()
        post = await write_and_broadcast(
            services.post_create,
            thread=workspace.thread,
            author=workspace.member,
            body="Live **now**",
        )
        event = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return post, event

    post, event = async_to_sync(scenario)()
    assert event["type"] == "post.created"
    assert event["id"] == 1
    assert event["thread"] == workspace.thread.pk
    assert event["post"] == post.pk
    assert event["author"] == workspace.member.pk
    assert "Live <strong>now</strong>" in event["html"]


def test_a_client_that_reconnects_catches_up_in_order_without_duplicates(
    client, workspace, write_and_broadcast
):
    cookie = signed_in_cookie(client, workspace.chair)
    thread, member = workspace.thread, workspace.member

    async def scenario():
        first = socket_for(thread_path(thread, after=0), cookie=cookie)
        await first.connect()
        seen = await write_and_broadcast(
            services.post_create, thread=thread, author=member, body="Seen live"
        )
        received = [await first.receive_json_from(timeout=3)]
        await first.disconnect()

        # While the client is away: two posts and an edit of the first.
        missed_one = await write_and_broadcast(
            services.post_create, thread=thread, author=member, body="Missed one"
        )
        missed_two = await write_and_broadcast(
            services.post_create, thread=thread, author=member, body="Missed two"
        )
        await write_and_broadcast(
            services.post_edit, post=seen, editor=member, body="Seen live, edited"
        )

        second = socket_for(thread_path(thread, after=received[-1]["id"]), cookie=cookie)
        await second.connect()
        for _ in range(3):
            received.append(await second.receive_json_from(timeout=3))
        # A late copy of an event already delivered is dropped.
        await get_channel_layer().group_send(
            events.thread_group(thread.pk),
            events.thread_event(event_id=2, kind="post.created", thread_id=thread.pk),
        )
        after_catch_up = await second.receive_nothing(timeout=0.3)
        live = await write_and_broadcast(
            services.post_create, thread=thread, author=member, body="Live again"
        )
        received.append(await second.receive_json_from(timeout=3))
        await second.disconnect()
        return received, after_catch_up, [seen, missed_one, missed_two, live]

    received, nothing_more, (seen, missed_one, missed_two, live) = async_to_sync(scenario)()
    assert [(event["id"], event["type"], event["post"]) for event in received] == [
        (1, "post.created", seen.pk),
        (2, "post.created", missed_one.pk),
        (3, "post.created", missed_two.pk),
        (4, "post.edited", seen.pk),
        (5, "post.created", live.pk),
    ]
    assert "Missed one" in received[1]["html"]
    assert "Seen live, edited" in received[3]["html"]
    assert nothing_more is True


def test_an_event_past_a_gap_brings_the_missing_ones_first(client, workspace):
    cookie = signed_in_cookie(client, workspace.chair)
    thread, member = workspace.thread, workspace.member

    def post_without_broadcast(body: str):
        # As if the process that saved this post were slow to publish its event.
        with mock.patch("taskforces.events.send_to_group"):
            return services.post_create(thread=thread, author=member, body=body)

    async def scenario():
        communicator = socket_for(thread_path(thread, after=0), cookie=cookie)
        await communicator.connect()
        first = await database_sync_to_async(services.post_create)(
            thread=thread, author=member, body="First"
        )
        received = [await communicator.receive_json_from(timeout=3)]
        delayed = await database_sync_to_async(post_without_broadcast)("Delayed")
        third = await database_sync_to_async(services.post_create)(
            thread=thread, author=member, body="Third"
        )
        received += [await communicator.receive_json_from(timeout=3) for _ in range(2)]
        nothing_more = await communicator.receive_nothing(timeout=0.3)
        await communicator.disconnect()
        return received, nothing_more, [first, delayed, third]

    received, nothing_more, posts = async_to_sync(scenario)()
    assert [(event["id"], event["post"]) for event in received] == [
        (1, posts[0].pk),
        (2, posts[1].pk),
        (3, posts[2].pk),
    ]
    assert nothing_more is True


def test_a_resume_message_replays_from_the_given_id(client, workspace):
    cookie = signed_in_cookie(client, workspace.chair)
    thread = workspace.thread
    for n in range(2):
        services.post_create(thread=thread, author=workspace.member, body=f"Post {n}")

    async def scenario():
        communicator = socket_for(thread_path(thread), cookie=cookie)
        await communicator.connect()
        quiet = await communicator.receive_nothing(timeout=0.3)
        await communicator.send_json_to({"type": "resume", "after": 1})
        event = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return quiet, event

    quiet, event = async_to_sync(scenario)()
    # Without "after", the socket starts from now; asked, it sends what came after id 1.
    assert quiet is True
    assert event["id"] == 2


def test_a_post_hidden_since_is_replayed_hidden(client, workspace):
    cookie = signed_in_cookie(client, workspace.member)
    thread = workspace.thread
    post = services.post_create(thread=thread, author=workspace.chair, body="Budget: 1.2 million")
    services.post_hide(post=post, moderator=workspace.chair, reason="Not yet public")

    async def scenario():
        communicator = socket_for(thread_path(thread, after=0), cookie=cookie)
        await communicator.connect()
        events_ = [await communicator.receive_json_from(timeout=3) for _ in range(2)]
        await communicator.disconnect()
        return events_

    created, hidden = async_to_sync(scenario)()
    assert (created["type"], hidden["type"]) == ("post.created", "post.hidden")
    for event in (created, hidden):
        assert "1.2 million" not in event["html"]
        assert "Not yet public" not in event["html"]
        assert "A moderator hid this post." in event["html"]


def test_thread_events_are_numbered_without_gaps(workspace):
    thread = workspace.thread
    post = services.post_create(thread=thread, author=workspace.member, body="One")
    services.post_edit(post=post, editor=workspace.member, body="One, edited")
    services.thread_set_pinned(thread=thread, moderator=workspace.chair, pinned=True)
    assert list(ThreadEvent.objects.filter(thread=thread).values_list("seq", "kind")) == [
        (1, "post.created"),
        (2, "post.edited"),
        (3, "thread.changed"),
    ]
    thread.refresh_from_db()
    assert thread.last_event_id == 3


# Payload shapes --------------------------------------------------------------------------


def test_notification_payload_shape():
    event = events.notification_event(notification_id=1, text="t", url="/u/", unread=2)
    assert event["type"] == "notification.new"
    assert set(event["payload"]) == {"type", "id", "text", "url", "unread"}


def test_thread_event_payload_shapes(workspace):
    post_event = events.thread_event(
        event_id=4, kind="post.created", thread_id=1, post_id=2, author_id=3, html="<p>x</p>"
    )
    assert post_event["type"] == "thread.event"
    assert set(post_event["payload"]) == {"type", "id", "thread", "post", "author", "html"}
    thread = factories.ThreadFactory(
        taskforce=workspace.taskforce, title="Routing", label="Pilots", pinned=True
    )
    state = events.thread_state(thread)
    thread_event = events.thread_event(event_id=5, kind="thread.changed", thread_id=1, thread=state)
    assert set(thread_event["payload"]) == {"type", "id", "thread", "state"}
    assert thread_event["payload"]["state"] == {
        "title": "Routing",
        "label": "Pilots",
        "pinned": True,
        "locked": False,
        "taskforce": thread.taskforce_id,
        "url": thread.taskforce.workspace_url("thread", thread.pk),
    }


def test_counts_and_activity_payload_shapes():
    counts = events.counts_payload(unread_posts=1, unread_notifications=2, thread_id=3)
    assert set(counts) == {
        "type",
        "unread_posts",
        "unread_notifications",
        "thread",
        "thread_unread",
    }
    activity = events.activity_event(taskforce_id=1, thread_id=2, post_id=3, author_id=4)
    assert set(activity) == {"type", "taskforce", "thread", "post", "author"}
