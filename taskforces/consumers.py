"""Websocket consumers: check who is connecting, join their groups, relay events.

Consumers accept the handshake before refusing anyone, so that the browser receives the
close code (taskforces.events.CloseCode) rather than a bare failure. Access is checked
again whenever it may have changed: a membership that ends, a thread that moves. What
every socket shares (a cap per person, closing when Redis fails) is in portal_socket.py;
what a page sends is read and checked in socket_messages.py.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer

from network.permissions import forget_cached_roles
from taskforces import events, permissions, refusals, selectors, services
from taskforces.live_counts import LiveCounts
from taskforces.models import Thread
from taskforces.portal_socket import LAYER_ERRORS, PortalSocket
from taskforces.socket_limits import TokenBucket
from taskforces.socket_messages import (
    BadMessage,
    NewPost,
    Read,
    after_from_query,
    decode,
    echo,
    is_post,
    read_message,
)


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


class NotificationConsumer(PortalSocket, AsyncJsonWebsocketConsumer):
    """Pushes a signed-in person's notifications and unread counts to every page they have open."""

    async def connect(self):
        user = self.scope.get("user")
        self.joined = []
        if user is None or not user.is_authenticated:
            await self._refuse(events.CloseCode.UNAUTHENTICATED, events.CloseReason.SIGN_IN)
            return
        self.user = user
        self.counts = LiveCounts(user)
        if not await self._count(user):
            await self._refuse(
                events.CloseCode.TOO_MANY_SOCKETS, events.CloseReason.TOO_MANY_SOCKETS
            )
            return
        # Groups first: once the page sees the socket open, it hears of every change;
        # then the counts, so that no post falls between reading them and hearing of it.
        try:
            await self._join(events.user_group(user.pk))
            await self._join_workspaces()
        except LAYER_ERRORS as error:
            await self._unavailable(error)
            return
        await database_sync_to_async(self._read_counts)()
        await self.accept()

    async def _join_workspaces(self) -> None:
        readable = await database_sync_to_async(self._readable_groups)()
        for group in {g for g in self.joined if g.startswith("taskforce.")} - readable:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.joined.remove(group)
        for group in readable - set(self.joined):
            await self._join(group)

    def _readable_groups(self) -> set[str]:
        _forget(self.user)
        return {events.taskforce_group(pk) for pk in permissions.readable_taskforce_ids(self.user)}

    async def disconnect(self, code):
        await self._leave_groups()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # The client only listens on this socket: whatever it sends is not even parsed.
        await self.close(
            code=events.CloseCode.BAD_REQUEST, reason="This socket only sends notifications."
        )

    async def notification_new(self, event):
        unread = event["payload"].get("unread")
        if unread is not None:
            self.counts.notifications = unread
        await self.send_json(event["payload"])

    async def workspace_activity(self, event):
        # Everyone who reads the workspace hears of the post, and adds it to their own
        # counts without a query (live_counts.py). The database is asked only for a
        # thread these counts do not know, or after this person's own post (which moved
        # their read position).
        thread_id = event["thread"]
        if event["author"] == self.user.pk:
            await database_sync_to_async(self._read_thread)(thread_id)
        elif not self.counts.add_post(thread_id=thread_id, post_id=event["post"]):
            if self.counts.knows(thread_id):
                await database_sync_to_async(self._read_counts)()
            else:
                await database_sync_to_async(self._read_thread)(thread_id)
        await self.send_json(self.counts.payload(thread_id))

    async def counts_changed(self, event):
        await database_sync_to_async(self._read_counts)()
        await self.send_json(self.counts.payload())

    async def access_changed(self, event):
        await self._join_workspaces()
        await self.counts_changed(event)

    def _read_counts(self) -> None:
        _forget(self.user)
        self.counts.read()

    def _read_thread(self, thread_id: int) -> None:
        _forget(self.user)
        self.counts.read_thread(thread_id)

    async def account_signed_out(self, event):
        await self.close(
            code=events.CloseCode.UNAUTHENTICATED, reason=events.CloseReason.SIGNED_OUT
        )


class ThreadConsumer(PortalSocket, AsyncJsonWebsocketConsumer):
    """One thread's page: its events in order, catch-up after a reconnection, and posting.

    Events carry the thread's increasing id. The socket remembers the last id it sent:
    an event at or below it is dropped (no duplicates); one past a gap makes it fetch the
    missing events from the database first (nothing lost, in order).

    What the page sends is checked before it is read: text frames only, at most
    WEBSOCKET_MAX_MESSAGE_CHARS long, at the rate token buckets allow (one for every
    message, a stricter one for posts, which write).
    """

    async def connect(self):
        self.joined = []
        self.last_sent = 0
        self.bucket = TokenBucket(settings.WEBSOCKET_BURST, settings.WEBSOCKET_RATE_PER_SECOND)
        self.post_bucket = TokenBucket(
            settings.WEBSOCKET_POST_BURST, settings.WEBSOCKET_POSTS_PER_SECOND
        )
        self.refusals = 0
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self._refuse(events.CloseCode.UNAUTHENTICATED, events.CloseReason.SIGN_IN)
            return
        self.user = user
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        try:
            after = after_from_query(self.scope.get("query_string", b""))
        except BadMessage as bad:
            await self._refuse(events.CloseCode.BAD_REQUEST, str(bad))
            return
        if not await database_sync_to_async(self._can_read)():
            await self._refuse(events.CloseCode.NOT_FOUND, events.CloseReason.NO_SUCH_THREAD)
            return
        if not await self._count(user):
            await self._refuse(
                events.CloseCode.TOO_MANY_SOCKETS, events.CloseReason.TOO_MANY_SOCKETS
            )
            return
        # Join before reading what was missed, so nothing falls between the two, and
        # before accepting, so that an open socket hears of every later change.
        try:
            for group in (events.thread_group(self.thread_id), events.user_group(user.pk)):
                await self._join(group)
        except LAYER_ERRORS as error:
            await self._unavailable(error)
            return
        await self.accept()
        if after is None:
            self.last_sent = await database_sync_to_async(self._last_event_id)()
        else:
            self.last_sent = after
            await self._catch_up()

    def _thread(self) -> Thread | None:
        return Thread.objects.select_related("taskforce").filter(pk=self.thread_id).first()

    def _can_read(self) -> bool:
        _forget(self.user)
        thread = self._thread()
        return thread is not None and permissions.can_read_taskforce(self.user, thread.taskforce)

    def _last_event_id(self) -> int:
        return Thread.objects.filter(pk=self.thread_id).values_list("last_event_id", flat=True)[0]

    async def disconnect(self, code):
        await self._leave_groups()

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

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            await self.close(code=events.CloseCode.BAD_REQUEST, reason="Send JSON in text frames.")
            return
        if len(text_data) > settings.WEBSOCKET_MAX_MESSAGE_CHARS:
            await self.close(code=events.CloseCode.TOO_LARGE, reason="Message too long.")
            return
        content = decode(text_data)
        if not self.bucket.take() or (is_post(content) and not self.post_bucket.take()):
            await self._rate_limited(content)
            return
        self.refusals = 0
        await self.receive_json(content)

    async def _rate_limited(self, content) -> None:
        self.refusals += 1
        if self.refusals > settings.WEBSOCKET_REFUSALS_BEFORE_CLOSE:
            await self.close(code=events.CloseCode.RATE_LIMITED, reason="Too many messages.")
            return
        await self._send_error(events.ErrorCode.RATE_LIMITED, refusals.SENDING_TOO_FAST, content)

    async def _send_error(self, code: str, message, content) -> None:
        ref, key = echo(content)
        await self.send_json(
            events.error_payload(code=code, message=str(message), ref=ref, key=key)
        )

    async def receive_json(self, content, **kwargs):
        try:
            message = read_message(content)
        except BadMessage as bad:
            await self.close(code=events.CloseCode.BAD_REQUEST, reason=str(bad))
            return
        except ValidationError as invalid:
            # A post of the wrong shape: refused, and the socket stays open.
            await self._send_error(
                events.ErrorCode.BAD_REQUEST, " ".join(invalid.messages), content
            )
            return
        if isinstance(message, NewPost):
            await self.send_json(await database_sync_to_async(self._post)(message))
        elif isinstance(message, Read):
            await database_sync_to_async(self._read)(message.post_id)
        else:
            self.last_sent = message.after
            await self._catch_up()

    def _post(self, message: NewPost) -> dict:
        """Save a post sent through the socket and acknowledge it, or say why not.

        The services check it as they check the post form (length, reply-to, lock), with
        the same words. Its event then reaches everyone, this socket too. A post resent
        with the key of one already stored is acknowledged again, with the stored post's id.
        """
        _forget(self.user)
        thread = self._thread()
        ref, key = message.ref, message.key

        def error(code: str, text) -> dict:
            return events.error_payload(code=code, message=str(text), ref=ref, key=key)

        if thread is None or not permissions.can_read_taskforce(self.user, thread.taskforce):
            return error(events.ErrorCode.NOT_FOUND, refusals.NO_SUCH_THREAD)
        try:
            post = services.post_create(
                thread=thread,
                author=self.user,
                body=message.body,
                reply_to=services.reply_to_find(thread=thread, post_id=message.reply_to_id),
                client_key=key,
            )
        except PermissionDenied as refusal:
            return error(events.ErrorCode.FORBIDDEN, str(refusal))
        except ValidationError as invalid:
            return error(events.ErrorCode.BAD_REQUEST, " ".join(invalid.messages))
        return events.posted_payload(post_id=post.pk, ref=ref, key=key)

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
            # The text encoded once by the sender (events.thread_event).
            await self.send(text_data=event.get("text") or self.encode_json(payload))
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
        await self.close(
            code=events.CloseCode.UNAUTHENTICATED, reason=events.CloseReason.SIGNED_OUT
        )
