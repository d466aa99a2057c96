"""What every websocket of the portal shares: a cap per person, joining groups, and a
clean close when the channel layer fails."""

import asyncio
import contextlib
import logging

from django.conf import settings

from channels.consumer import get_handler_name
from redis.exceptions import RedisError

from taskforces import events
from taskforces.socket_limits import open_sockets

logger = logging.getLogger(__name__)

# Failures of the channel layer when Redis is down or restarting.
LAYER_ERRORS = (RedisError, OSError)


class PortalSocket:
    """What every socket of the portal shares: a cap on the sockets one person holds, and
    a clean close (4503, the page reconnects and catches up) when the channel layer fails.

    When Redis stops, the layer's receive fails in every socket, and a restarted Redis has
    forgotten the groups: closing is what makes the pages join them again.
    """

    counted_user_id = None
    renewing = None

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        except LAYER_ERRORS as error:
            # Mostly the layer (Redis) failing; also a client gone while being answered.
            logger.warning("Closing a socket after a failure: %r", error)
            await self._uncount()
            # The socket may be gone already.
            with contextlib.suppress(Exception):
                await send(
                    {
                        "type": "websocket.close",
                        "code": events.CloseCode.UNAVAILABLE,
                        "reason": events.CloseReason.UNAVAILABLE,
                    }
                )

    async def dispatch(self, message):
        """Hand a message to its handler, without a trip to the database thread first.

        Channels' own dispatch closes stale database connections before every message,
        in the one thread all of a process's database work shares: each event then waits
        there behind whatever that thread is doing (a post being saved), once for every
        socket it reaches. Here every database access goes through database_sync_to_async,
        which closes stale connections itself, before and after; events that need no
        database (a thread's new post) go straight out.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def _count(self, user) -> bool:
        """Count this socket against its person's cap; False if they hold too many."""
        if not await open_sockets.open(user.pk, self.channel_name):
            return False
        self.counted_user_id = user.pk
        if settings.REDIS_URL:
            self.renewing = asyncio.ensure_future(self._renew())
        return True

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(open_sockets.entry_seconds / 3)
            await open_sockets.renew(self.counted_user_id, self.channel_name)

    async def _uncount(self) -> None:
        if self.renewing is not None:
            self.renewing.cancel()
            self.renewing = None
        if self.counted_user_id is not None:
            user_id, self.counted_user_id = self.counted_user_id, None
            await open_sockets.close(user_id, self.channel_name)

    async def _refuse(self, code: int, reason: str) -> None:
        await self.accept()
        await self.close(code=code, reason=reason)

    async def _join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.joined.append(group)

    async def _unavailable(self, error: Exception) -> None:
        """The layer failed while connecting: close with 4503, the page tries again later."""
        logger.warning("The channel layer failed; refusing a socket: %r", error)
        await self._uncount()
        await self._refuse(events.CloseCode.UNAVAILABLE, events.CloseReason.UNAVAILABLE)

    async def _leave_groups(self) -> None:
        await self._uncount()
        for group in getattr(self, "joined", ()):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except LAYER_ERRORS:
                # Group entries expire in the layer on their own.
                break
