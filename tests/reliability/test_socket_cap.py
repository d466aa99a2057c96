"""The cap on one person's sockets holds across processes, and Redis failing lifts it to
a per-process count rather than refusing everyone."""

import time

from asgiref.sync import async_to_sync

from taskforces.socket_limits import OpenSockets


def test_the_socket_cap_holds_across_processes_and_survives_redis_stopping(redis_server, settings):
    settings.REDIS_URL = redis_server.url
    settings.WEBSOCKET_MAX_SOCKETS_PER_USER = 2
    # Two processes, each with its own count, sharing Redis.
    first, second = OpenSockets(), OpenSockets()

    async def across_processes():
        opened = [await first.open(7, "a"), await second.open(7, "b"), await second.open(7, "c")]
        await first.close(7, "a")
        opened.append(await second.open(7, "d"))
        return opened

    assert async_to_sync(across_processes)() == [True, True, False, True]

    redis_server.kill()

    async def during_outage():
        started = time.monotonic()
        opened = [await first.open(8, "x"), await first.open(8, "y"), await first.open(8, "z")]
        return opened, time.monotonic() - started

    opened, seconds = async_to_sync(during_outage)()
    assert opened == [True, True, False]
    assert seconds < 3
