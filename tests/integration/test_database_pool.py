"""A uvicorn process under load holds no more PostgreSQL connections than its pool allows.

Django runs each synchronous view of the ASGI application in a thread of its own; with
persistent connections every one of those threads left a connection open, and a few
busy clients filled PostgreSQL's max_connections. The server here runs with the
deployed stack's settings (deploy/stack.py) on the test database. Runs on PostgreSQL
(CI's DATABASE_URL); skipped, with the reason printed, elsewhere.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection

import pytest
import requests

from deploy import stack as deployed
from tests.servers import database_url, free_port, server_log, start_portal, stop

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
    pytest.skip("the connection pool is PostgreSQL's (DATABASE_URL)", allow_module_level=True)

REQUESTS = 200
CLIENTS = 16


def server_connections(application_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
            [application_name],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def deployed_server(tmp_path):
    """uvicorn on portal.asgi with the deployed settings; its address, its pool's size and
    the name its connections carry in pg_stat_activity."""
    port = free_port()
    application_name = f"portal-pool-test-{uuid.uuid4().hex[:8]}"
    environment = deployed.local_environment(tmp_path, port)
    environment.pop("REDIS_URL")
    environment.update(
        DATABASE_URL=database_url(), MEDIA_ROOT=str(tmp_path), PGAPPNAME=application_name
    )
    process = start_portal(port, environment=environment)
    try:
        yield f"http://127.0.0.1:{port}", int(environment["DATABASE_POOL_MAX"]), application_name
    finally:
        log = server_log(process)
        stop(process)
    assert "Traceback" not in log


def test_a_busy_asgi_process_keeps_within_its_pool(deployed_server):
    base_url, pool_max, application_name = deployed_server
    peak = 0
    loaded = threading.Event()

    def watch():
        nonlocal peak
        try:
            while not loaded.wait(0.02):
                peak = max(peak, server_connections(application_name))
        finally:
            connection.close()

    def ask(_number):
        with requests.Session() as session:
            return session.get(f"{base_url}/api/catalogue/entries", timeout=30).status_code

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(CLIENTS) as clients:
            statuses = list(clients.map(ask, range(REQUESTS)))
    finally:
        loaded.set()
        watcher.join()

    assert statuses == [200] * REQUESTS
    assert 0 < peak <= pool_max
    assert server_connections(application_name) <= pool_max
