"""What a thread socket refuses: repeated posts, over-long posts and frames, floods,
too many sockets, malformed frames and pages of other origins."""

from django.test import override_settings

import pytest
from asgiref.sync import async_to_sync

from taskforces import events
from taskforces.forms import PostForm
from taskforces.models import POST_MAX_LENGTH, Post
from tests.taskforces.test_consumers import signed_in_cookie, socket_for, thread_path

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run(scenario):
    return async_to_sync(scenario)()


async def answers_until_closed(communicator, limit: int = 500) -> list[dict]:
    """Everything the server sends, up to and including its close."""
    outputs = []
    for _ in range(limit):
        output = await communicator.receive_output(timeout=5)
        outputs.append(output)
        if output["type"] == "websocket.close":
            break
    return outputs


def test_a_post_resent_with_its_key_is_stored_once_and_acknowledged_each_time(client, workspace):
    cookie = signed_in_cookie(client, workspace.member)
    message = {"type": "post", "body": "Sent twice", "key": "k-123", "ref": 1}

    async def scenario():
        first = socket_for(thread_path(workspace.thread), cookie=cookie)
        await first.connect()
        await first.send_json_to(message)
        acknowledged = await first.receive_json_from(timeout=3)
        await first.disconnect()
        # The page did not hear the answer and resends after reconnecting.
        second = socket_for(thread_path(workspace.thread), cookie=cookie)
        await second.connect()
        await second.send_json_to({**message, "ref": 2})
        again = await second.receive_json_from(timeout=3)
        await second.disconnect()
        return acknowledged, again

    acknowledged, again = run(scenario)
    post = Post.objects.get(body="Sent twice")
    assert acknowledged == {"type": "posted", "post": post.pk, "ref": 1, "key": "k-123"}
    assert again == {"type": "posted", "post": post.pk, "ref": 2, "key": "k-123"}
    assert Post.objects.filter(body="Sent twice").count() == 1


def test_an_over_long_post_is_refused_with_the_post_forms_message(client, workspace):
    cookie = signed_in_cookie(client, workspace.member)
    body = "x" * (POST_MAX_LENGTH + 1)
    form = PostForm({"body": body}, thread=workspace.thread)
    assert not form.is_valid()

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_json_to({"type": "post", "body": body, "key": "long"})
        answer = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return answer

    answer = run(scenario)
    assert answer["type"] == "error"
    assert answer["code"] == events.ErrorCode.BAD_REQUEST
    assert answer["message"] == form.errors["body"][0]
    assert not Post.objects.filter(client_key="long").exists()


def test_a_frame_over_the_size_limit_closes_the_socket_unread(client, workspace, settings):
    cookie = signed_in_cookie(client, workspace.member)
    frame = '{"type": "post", "body": "' + "x" * settings.WEBSOCKET_MAX_MESSAGE_CHARS + '"}'

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_to(text_data=frame)
        return await answers_until_closed(communicator)

    (closing,) = run(scenario)
    assert closing["code"] == events.CloseCode.TOO_LARGE
    assert Post.objects.count() == 1


def test_a_flood_of_posts_meets_error_frames_then_a_close(client, workspace, settings):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        for number in range(200):
            await communicator.send_json_to({"type": "post", "body": f"Flood {number}"})
        return await answers_until_closed(communicator)

    outputs = run(scenario)
    frames = [output for output in outputs if output["type"] == "websocket.send"]
    codes = [events.ErrorCode.RATE_LIMITED in frame["text"] for frame in frames]
    assert outputs[-1]["code"] == events.CloseCode.RATE_LIMITED
    assert sum(codes) == settings.WEBSOCKET_REFUSALS_BEFORE_CLOSE
    stored = Post.objects.filter(body__startswith="Flood").count()
    assert settings.WEBSOCKET_POST_BURST <= stored <= settings.WEBSOCKET_POST_BURST + 5


@override_settings(WEBSOCKET_MAX_SOCKETS_PER_USER=3)
def test_a_person_holds_at_most_the_capped_number_of_sockets(client, workspace):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        open_ones = []
        for _ in range(3):
            communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
            connected, _ = await communicator.connect()
            assert connected
            open_ones.append(communicator)
        extra = socket_for("/ws/notifications/", cookie=cookie)
        await extra.connect()
        refused = await extra.receive_output(timeout=3)
        await open_ones.pop().disconnect()
        after_one_closed = socket_for(thread_path(workspace.thread), cookie=cookie)
        await after_one_closed.connect()
        still_open = await after_one_closed.receive_nothing(timeout=0.5)
        for communicator in [*open_ones, after_one_closed]:
            await communicator.disconnect()
        return refused, still_open

    refused, still_open = run(scenario)
    assert refused["code"] == events.CloseCode.TOO_MANY_SOCKETS
    assert still_open is True


@pytest.mark.parametrize(
    "frame",
    [
        {"bytes_data": b"\x00\x01binary"},
        {"text_data": "[" * 100_000},
        {"text_data": "{not json"},
        {"text_data": '{"type": "read", "post": true}'},
        {"text_data": '{"type": "resume", "after": "1"}'},
        {"text_data": '["post"]'},
    ],
    ids=["binary", "nested", "not-json", "bool-id", "string-id", "list"],
)
def test_a_malformed_frame_closes_the_socket_with_4400(client, workspace, frame):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_to(**frame)
        return await answers_until_closed(communicator)

    (closing,) = run(scenario)
    assert closing["code"] == events.CloseCode.BAD_REQUEST


@pytest.mark.parametrize(
    "message",
    [
        {"type": "post", "body": ["a list"]},
        {"type": "post", "body": "ok", "reply_to": "12"},
        {"type": "post", "body": "ok", "key": {"nested": 1}},
        {"type": "post", "body": "ok", "key": "spaces are not allowed"},
    ],
    ids=["body-list", "reply-string", "key-object", "key-spaces"],
)
def test_a_post_of_the_wrong_shape_is_answered_with_an_error_frame(client, workspace, message):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        await communicator.connect()
        await communicator.send_json_to(message)
        answer = await communicator.receive_json_from(timeout=3)
        await communicator.disconnect()
        return answer

    answer = run(scenario)
    assert answer["type"] == "error"
    assert answer["code"] == events.ErrorCode.BAD_REQUEST
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    ("origin", "host", "accepted"),
    [
        ("http://testserver", "testserver", True),
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("http://testserver:8080", "testserver", False),
        ("https://testserver", "testserver", False),
        ("http://evil.example", "evil.example", False),
        ("null", "testserver", False),
        ("https://portal.example.org", "internal:8000", True),
    ],
)
@override_settings(CSRF_TRUSTED_ORIGINS=["https://portal.example.org"])
def test_the_origin_must_match_scheme_host_and_port(client, workspace, origin, host, accepted):
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), origin=origin, cookie=cookie)
        communicator.scope["headers"] = [
            (name, host.encode() if name == b"host" else value)
            for name, value in communicator.scope["headers"]
        ]
        connected, _ = await communicator.connect()
        assert connected
        quiet = await communicator.receive_nothing(timeout=0.5)
        closing = None if quiet else await communicator.receive_output(timeout=1)
        await communicator.disconnect()
        return closing

    closing = run(scenario)
    if accepted:
        assert closing is None
    else:
        assert closing["code"] == events.CloseCode.FORBIDDEN
