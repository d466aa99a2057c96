"""Fault tests: the portal runs as a server process of its own, on a Redis server that
the test starts, kills and starts again, and the test asserts what people see."""

import shutil

from django.test import Client

import pytest

from tests.servers import RedisProcess, free_port, server_log, start_portal, stop
from tests.taskforces.conftest import workspace  # noqa: F401 - a fixture used here too

if shutil.which("redis-server") is None:
    pytest.skip("redis-server is not installed", allow_module_level=True)


@pytest.fixture
def redis_server():
    """A redis-server of the test's own, without persistence: killed, it forgets all."""
    server = RedisProcess()
    server.start()
    yield server
    server.kill()


@pytest.fixture
def portal_server(redis_server):
    """One uvicorn process of the portal using the test's Redis; its host and port."""
    port = free_port()
    process = start_portal(port, redis_url=redis_server.url)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        log = server_log(process)
        stop(process)
        if log:
            # Shown with the test's output when it fails.
            print(log[-20000:])  # noqa: T201


def session_cookie(user) -> str:
    """A session for ``user``, stored where the server reads it (the database)."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
