"""Limits on websockets: how fast one socket may send, and how many one person may hold.

Both are a few lines over Redis or a clock; the channel layer's own client is not
exposed for other commands, and no library counts sockets across processes.
"""

import asyncio
import logging
import time
import weakref
from collections import defaultdict

from django.conf import settings

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class TokenBucket:
    """Lets ``capacity`` messages through at once, then ``rate`` a second.

    One per socket, in memory: what one socket sends concerns no other process.
    """

    def __init__(self, capacity: int, rate: float):
        self.capacity = capacity
        self.rate = rate
        self.tokens = float(capacity)
        self.checked_at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.checked_at) * self.rate)
        self.checked_at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class OpenSockets:
    """A person's open sockets, counted in Redis across processes (with REDIS_URL) or here.

    In Redis, each person has a sorted set of socket names scored by when each stops
    counting; an open socket renews its entry (``renew``), so the sockets of a process
    that died stop counting after ``SOCKET_ENTRY_SECONDS``. When Redis fails, the count
    of this process is used instead: a limit that holds loosely beats refusing everyone.
    """

    def __init__(self):
        self.local: dict[int, set[str]] = defaultdict(set)
        self.clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @property
    def entry_seconds(self) -> int:
        return settings.WEBSOCKET_SOCKET_ENTRY_SECONDS

    def _redis(self) -> Redis | None:
        if not settings.REDIS_URL:
            return None
        # A client belongs to the event loop that made it.
        loop = asyncio.get_running_loop()
        client = self.clients.get(loop)
        if client is None:
            client = Redis.from_url(
                settings.REDIS_URL,
                socket_connect_timeout=settings.REDIS_TIMEOUT,
                socket_timeout=settings.REDIS_TIMEOUT,
                retry=Retry(NoBackoff(), 1),
            )
            self.clients[loop] = client
        return client

    @staticmethod
    def _key(user_id: int) -> str:
        return f"portal:sockets:{user_id}"

    async def open(self, user_id: int, socket: str) -> bool:
        """Count a new socket; False (and not counted) if the person holds too many."""
        limit = settings.WEBSOCKET_MAX_SOCKETS_PER_USER
        client = self._redis()
        if client is not None:
            try:
                count = await self._count_in_redis(client, user_id, socket)
            except (RedisError, OSError) as error:
                logger.warning("Counting sockets in this process only: %r", error)
            else:
                if count > limit:
                    await self.close(user_id, socket)
                    return False
                self.local[user_id].add(socket)
                return True
        if len(self.local[user_id]) >= limit:
            return False
        self.local[user_id].add(socket)
        return True

    async def _count_in_redis(self, client: Redis, user_id: int, socket: str) -> int:
        now = time.time()
        key = self._key(user_id)
        async with client.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.zadd(key, {socket: now + self.entry_seconds})
            pipe.zcard(key)
            pipe.expire(key, self.entry_seconds)
            results = await pipe.execute()
        return results[2]

    async def renew(self, user_id: int, socket: str) -> None:
        client = self._redis()
        if client is None:
            return
        try:
            key = self._key(user_id)
            async with client.pipeline(transaction=True) as pipe:
                pipe.zadd(key, {socket: time.time() + self.entry_seconds})
                pipe.expire(key, self.entry_seconds)
                await pipe.execute()
        except (RedisError, OSError) as error:
            logger.warning("Could not renew a socket's entry: %r", error)

    async def close(self, user_id: int, socket: str) -> None:
        self.local[user_id].discard(socket)
        if not self.local[user_id]:
            del self.local[user_id]
        client = self._redis()
        if client is None:
            return
        try:
            await client.zrem(self._key(user_id), socket)
        except (RedisError, OSError) as error:
            # The entry stops counting on its own after entry_seconds.
            logger.warning("Could not uncount a closed socket: %r", error)


open_sockets = OpenSockets()
