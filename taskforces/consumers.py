"""Websocket consumers: check who is connecting, join their groups, relay events.

Consumers accept the handshake before refusing anyone, so that the browser receives the
close code (taskforces.events.CloseCode) rather than a bare failure. Access is checked
again whenever it may have changed: a membership that ends, a thread that moves.
"""

from urllib.parse import parse_qs

from django.core.exceptions import PermissionDenied, ValidationError

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer

from network.permissions import forget_cached_roles
from taskforces import events, permissions, selectors, services
from taskforces.models import Post, Thread


def _forget(user) -> None:
    """Sockets live long: ask the database again rather than trust this object's cache."""
    forget_cached_roles(user)
    permissions.forget_cached_memberships(user)


class ForeignOriginConsumer(AsyncWebsocketConsumer):
    """Answers a handshake from a page on another site: closed with 4403."""

    async def connect(self):
        await self.accept()
        await self.close(
            code=events.CloseCode.FORBIDDEN, reason="Connections from other sites are refused."
        )


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """Pushes a signed-in person's notifications and unread counts to every page they have open."""

    async def connect(self):
        user = self.scope.get("user")
        self.joined = set()
        if user is None or not user.is_authenticated:
            await self.accept()
            await self.close(code=events.CloseCode.UNAUTHENTICATED, reason="Sign in first.")
            return
        self.user = user
        # Groups first: once the page sees the socket open, it hears of every change.
        await self._join(events.user_group(user.pk))
        await self._join_workspaces()
        await self.accept()

    async def _join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.joined.add(group)

    async def _join_workspaces(self) -> None:
        readable = await database_sync_to_async(self._readable_groups)()
        for group in {g for g in self.joined if g.startswith("taskforce.")} - readable:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.joined.discard(group)
        for group in readable - self.joined:
            await self._join(group)

    def _readable_groups(self) -> set[str]:
        _forget(self.user)
        return {events.taskforce_group(pk) for pk in permissions.readable_taskforce_ids(self.user)}

    async def disconnect(self, code):
        for group in getattr(self, "joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The client only listens on this socket.
        await self.close(
            code=events.CloseCode.BAD_REQUEST, reason="This socket only sends notifications."
        )

    def _counts(self, thread_id: int | None = None) -> dict:
        _forget(self.user)
        thread_unread = selectors.thread_unread_count(self.user, thread_id) if thread_id else 0
        return events.counts_payload(
            unread_posts=selectors.unread_total(self.user),
            unread_notifications=selectors.unread_notification_count(self.user),
            thread_id=thread_id,
            thread_unread=thread_unread,
        )

    async def notification_new(self, event):
        await self.send_json(event["payload"])

    async def workspace_activity(self, event):
        # Everyone who reads the workspace hears of the post; each socket works out what
        # that means for its own person (their unread counts, mutes and own posts).
        await self.send_json(await database_sync_to_async(self._counts)(event["thread"]))

    async def counts_changed(self, event):
        await self.send_json(await database_sync_to_async(self._counts)())

    async def access_changed(self, event):
        await self._join_workspaces()
        await self.send_json(await database_sync_to_async(self._counts)())

    async def account_signed_out(self, event):
        await self.close(code=events.CloseCode.UNAUTHENTICATED, reason="Signed out.")


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    """One thread's page: its events in order, catch-up after a reconnection, and posting.

    Events carry the thread's increasing id. The socket remembers the last id it sent:
    an event at or below it is dropped (no duplicates); one past a gap makes it fetch the
    missing events from the database first (nothing lost, in order).
    """

    async def connect(self):
        self.joined = []
        self.last_sent = 0
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self._refuse(events.CloseCode.UNAUTHENTICATED, "Sign in first.")
            return
        self.user = user
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        after = self._after_from_query()
        if after is False:
            await self._refuse(events.CloseCode.BAD_REQUEST, "Bad 'after' event id.")
            return
        if not await database_sync_to_async(self._can_read)():
            await self._refuse(events.CloseCode.NOT_FOUND, "No such thread.")
            return
        # Join before reading what was missed, so nothing falls between the two, and
        # before accepting, so that an open socket hears of every later change.
        for group in (events.thread_group(self.thread_id), events.user_group(user.pk)):
            await self.channel_layer.group_add(group, self.channel_name)
            self.joined.append(group)
        await self.accept()
        if after is None:
            self.last_sent = await database_sync_to_async(self._last_event_id)()
        else:
            self.last_sent = after
            await self._catch_up()

    async def _refuse(self, code: int, reason: str) -> None:
        await self.accept()
        await self.close(code=code, reason=reason)

    def _after_from_query(self) -> int | None | bool:
        values = parse_qs(self.scope.get("query_string", b"").decode("latin1")).get("after")
        if not values:
            return None
        return int(values[0]) if values[0].isdigit() else False

    def _thread(self) -> Thread | None:
        return Thread.objects.select_related("taskforce").filter(pk=self.thread_id).first()

    def _can_read(self) -> bool:
        _forget(self.user)
        thread = self._thread()
        return thread is not None and permissions.can_read_taskforce(self.user, thread.taskforce)

    def _last_event_id(self) -> int:
        return Thread.objects.filter(pk=self.thread_id).values_list("last_event_id", flat=True)[0]

    async def disconnect(self, code):
        for group in getattr(self, "joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def _catch_up(self) -> None:
        payloads, too_many = await database_sync_to_async(self._missed)()
        if too_many:
            await self.send_json({"type": "reload", "id": self.last_sent})
        for payload in payloads:
            if payload["id"] > self.last_sent:
                await self.send_json(payload)
                self.last_sent = payload["id"]

    def _missed(self) -> tuple[list[dict], bool]:
        thread = self._thread()
        if thread is None:
            return [], False
        return selectors.replay_events(thread, self.last_sent)

    # From the browser -----------------------------------------------------------------------

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "resume":
            after = content.get("after")
            if not isinstance(after, int) or after < 0:
                await self._refuse_message("'after' must be the last event id you saw.")
                return
            self.last_sent = after
            await self._catch_up()
        elif kind == "post":
            await self.send_json(await database_sync_to_async(self._post)(content))
        elif kind == "read":
            post_id = content.get("post")
            if not isinstance(post_id, int):
                await self._refuse_message("'post' must be a post id.")
                return
            await database_sync_to_async(self._read)(post_id)
        else:
            await self._refuse_message("Unknown message type.")

    async def decode_json(self, text_data):
        try:
            return await super().decode_json(text_data)
        except ValueError:
            return None

    async def _refuse_message(self, reason: str) -> None:
        await self.close(code=events.CloseCode.BAD_REQUEST, reason=reason)

    def _post(self, content: dict) -> dict:
        """Save a post sent through the socket; its event then reaches everyone, this socket too."""
        _forget(self.user)
        thread = self._thread()
        reference = content.get("ref")
        body = content.get("body")
        reply_to_id = content.get("reply_to")
        if thread is None or not permissions.can_read_taskforce(self.user, thread.taskforce):
            return self._error(events.CloseCode.NOT_FOUND, "No such thread.", reference)
        if not isinstance(body, str) or (
            reply_to_id is not None and not isinstance(reply_to_id, int)
        ):
            return self._error(events.CloseCode.BAD_REQUEST, "Send a text body.", reference)
        reply_to = None
        if reply_to_id is not None:
            reply_to = Post.objects.filter(pk=reply_to_id, thread=thread).first()
            if reply_to is None:
                return self._error(
                    events.CloseCode.BAD_REQUEST, "That post is not in this thread.", reference
                )
        try:
            post = services.post_create(
                thread=thread, author=self.user, body=body[:20000], reply_to=reply_to
            )
        except PermissionDenied as refusal:
            return self._error(events.CloseCode.FORBIDDEN, str(refusal), reference)
        except ValidationError as error:
            return self._error(events.CloseCode.BAD_REQUEST, " ".join(error.messages), reference)
        return {"type": "posted", "post": post.pk, "ref": reference}

    @staticmethod
    def _error(code: int, message: str, reference) -> dict:
        return {"type": "error", "code": code, "message": message, "ref": reference}

    def _read(self, post_id: int) -> None:
        thread = self._thread()
        if thread is not None:
            services.read_position_mark(user=self.user, thread=thread, post_id=post_id)

    # From the channel layer ---------------------------------------------------------------

    async def thread_event(self, event):
        payload = event["payload"]
        if payload["id"] <= self.last_sent:
            return
        if payload["type"] == "thread.moved" and not await database_sync_to_async(self._can_read)():
            await self.close(
                code=events.CloseCode.FORBIDDEN, reason="The thread moved out of your reach."
            )
            return
        if payload["id"] == self.last_sent + 1:
            await self.send_json(payload)
            self.last_sent = payload["id"]
        else:
            # An earlier event is still on its way (another process sent it): fetch what
            # is missing, in order; the late copy is dropped when it comes.
            await self._catch_up()

    async def access_changed(self, event):
        if not await database_sync_to_async(self._can_read)():
            await self.close(code=events.CloseCode.FORBIDDEN, reason="You left this task force.")

    async def counts_changed(self, event):
        pass

    async def notification_new(self, event):
        pass

    async def account_signed_out(self, event):
        await self.close(code=events.CloseCode.UNAUTHENTICATED, reason="Signed out.")
