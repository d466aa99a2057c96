"""A post's rules (its length, what it replies to) hold the same on every path: the thread
page's form, its background (htmx) request and the thread socket, with the same words."""

from django.core.exceptions import ValidationError

import pytest
from asgiref.sync import async_to_sync

from taskforces import events, refusals, services
from taskforces.models import POST_MAX_LENGTH, Post
from tests import factories
from tests.taskforces.test_consumers import signed_in_cookie, socket_for, thread_path

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (POST_MAX_LENGTH + 1)
LONGEST = "y" * POST_MAX_LENGTH


def too_long_message() -> str:
    return str(refusals.POST_TOO_LONG % {"limit": POST_MAX_LENGTH, "length": POST_MAX_LENGTH + 1})


def post_over_socket(client, workspace, message: dict, *, refused: bool = True) -> dict:
    cookie = signed_in_cookie(client, workspace.member)

    async def scenario():
        communicator = socket_for(thread_path(workspace.thread), cookie=cookie)
        connected, _ = await communicator.connect()
        assert connected
        await communicator.send_json_to(message)
        answer = await communicator.receive_json_from(timeout=5)
        if refused:
            # The socket stays open after a refused post: it still takes messages.
            await communicator.send_json_to({"type": "read", "post": workspace.post.pk})
            assert await communicator.receive_nothing(timeout=0.2)
        await communicator.disconnect()
        return answer

    return async_to_sync(scenario)()


def test_the_limit_is_twenty_thousand_characters():
    assert POST_MAX_LENGTH == 20000


class HttpTests:
    def test_an_over_long_post_from_the_page_is_refused_with_the_rules_words(
        self, workspace, sign_in_as
    ):
        response = sign_in_as("member").post(workspace.thread_url, {"body": TOO_LONG})
        assert response.status_code == 400
        assert too_long_message() in response.content.decode()
        assert workspace.thread.posts.count() == 1

    def test_an_over_long_post_from_htmx_is_refused_with_the_rules_words(
        self, workspace, sign_in_as
    ):
        response = sign_in_as("member").post(
            workspace.thread_url, {"body": TOO_LONG}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 400
        assert response.content.decode() == too_long_message()
        assert workspace.thread.posts.count() == 1

    def test_a_post_of_exactly_the_limit_is_stored(self, workspace, sign_in_as):
        client = sign_in_as("member")
        page = client.post(workspace.thread_url, {"body": LONGEST})
        fragment = client.post(workspace.thread_url, {"body": LONGEST}, HTTP_HX_REQUEST="true")
        assert (page.status_code, fragment.status_code) == (302, 201)
        assert Post.objects.filter(body=LONGEST).count() == 2

    def test_an_over_long_edit_is_refused_with_the_same_words(self, workspace, sign_in_as):
        url = workspace.url("post_edit", workspace.thread.pk, workspace.post.pk)
        response = sign_in_as("member").post(url, {"body": TOO_LONG})
        assert response.status_code == 400
        assert too_long_message() in response.content.decode()
        workspace.post.refresh_from_db()
        assert workspace.post.body != TOO_LONG

    def test_the_service_refuses_with_the_same_words(self, workspace):
        with pytest.raises(ValidationError) as refusal:
            services.post_create(thread=workspace.thread, author=workspace.member, body=TOO_LONG)
        assert refusal.value.messages == [too_long_message()]
        with pytest.raises(ValidationError) as refusal:
            services.post_edit(post=workspace.post, editor=workspace.member, body=TOO_LONG)
        assert refusal.value.messages == [too_long_message()]

    def test_a_reply_to_a_post_of_another_thread_is_refused(self, workspace, sign_in_as):
        elsewhere = factories.PostFactory(
            thread=factories.ThreadFactory(taskforce=workspace.taskforce, author=workspace.chair),
            author=workspace.chair,
        )
        response = sign_in_as("member").post(
            workspace.thread_url,
            {"body": "Agreed", "reply_to": elsewhere.pk},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 400
        assert response.content.decode() == str(refusals.REPLY_TO_ELSEWHERE)
        assert not Post.objects.filter(body="Agreed").exists()

    def test_a_reply_to_a_hidden_post_is_refused(self, workspace, sign_in_as):
        services.post_hide(post=workspace.post, moderator=workspace.chair, reason="Off topic")
        response = sign_in_as("member").post(
            workspace.thread_url, {"body": "Agreed", "reply_to": workspace.post.pk}
        )
        assert response.status_code == 400
        assert str(refusals.REPLY_TO_ELSEWHERE) in response.content.decode()
        with pytest.raises(ValidationError) as refusal:
            services.post_create(
                thread=workspace.thread,
                author=workspace.member,
                body="Agreed",
                reply_to=workspace.post,
            )
        assert refusal.value.messages == [str(refusals.REPLY_TO_ELSEWHERE)]
        assert not Post.objects.filter(body="Agreed").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class SocketTests:
    def test_an_over_long_post_is_refused_and_the_socket_stays_open(self, client, workspace):
        answer = post_over_socket(
            client, workspace, {"type": "post", "body": TOO_LONG, "key": "long", "ref": 1}
        )
        assert answer == {
            "type": "error",
            "code": events.ErrorCode.BAD_REQUEST,
            "message": too_long_message(),
            "ref": 1,
            "key": "long",
        }
        assert not Post.objects.filter(client_key="long").exists()
        assert workspace.thread.posts.count() == 1

    def test_a_post_of_exactly_the_limit_is_stored(self, client, workspace):
        answer = post_over_socket(
            client, workspace, {"type": "post", "body": LONGEST, "key": "longest"}, refused=False
        )
        post = Post.objects.get(client_key="longest")
        assert answer == {"type": "posted", "post": post.pk, "ref": None, "key": "longest"}
        assert post.body == LONGEST

    def test_a_reply_to_a_hidden_post_is_refused_with_the_forms_words(self, client, workspace):
        services.post_hide(post=workspace.post, moderator=workspace.chair, reason="Off topic")
        answer = post_over_socket(
            client,
            workspace,
            {"type": "post", "body": "Agreed", "reply_to": workspace.post.pk, "key": "r"},
        )
        assert answer["code"] == events.ErrorCode.BAD_REQUEST
        assert answer["message"] == str(refusals.REPLY_TO_ELSEWHERE)
        assert not Post.objects.filter(client_key="r").exists()
