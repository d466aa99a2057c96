"""Two ASGI server processes sharing Redis and the database behave as one site.

A websocket held by one process receives a post made through the other. Runs whenever
REDIS_URL names a Redis server (CI sets it); skipped, with the reason printed, otherwise.
"""

import json
import os
import re
import time

from django.conf import settings
from django.test import Client

import pytest
import requests
from websockets.sync.client import connect

from taskforces.models import MembershipRole
from tests import factories
from tests.servers import free_port, start_portal, stop

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

if not os.environ.get("REDIS_URL"):
    pytest.skip(
        "REDIS_URL is not set: the two-process test needs a Redis channel layer",
        allow_module_level=True,
    )


@pytest.fixture
def two_servers():
    """Two uvicorn processes of the portal on different ports; their base URLs."""
    ports = [free_port(), free_port()]
    processes = []
    try:
        for port in ports:
            processes.append(start_portal(port, redis_url=settings.REDIS_URL))
        yield [f"127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            stop(process)


def test_a_socket_on_one_process_receives_a_post_made_through_the_other(site_tree, two_servers):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, slug="ai-tools")
    reader = factories.UserFactory()
    writer = factories.UserFactory()
    for user in (reader, writer):
        factories.MemberFactory(user=user)
        factories.MembershipFactory(taskforce=taskforce, user=user, role=MembershipRole.MEMBER)
    thread = factories.ThreadFactory(taskforce=taskforce, author=writer)

    sessions = {}
    for name, user in (("reader", reader), ("writer", writer)):
        client = Client()
        client.force_login(user)
        sessions[name] = client.cookies["sessionid"].value

    first, second = two_servers
    thread_path = taskforce.workspace_url("thread", thread.pk)
    with connect(
        f"ws://{first}/ws/task-forces/threads/{thread.pk}/?after=0",
        origin=f"http://{first}",
        additional_headers={"Cookie": f"sessionid={sessions['reader']}"},
        open_timeout=10,
    ) as websocket:
        # Idle for longer than redis-py's default read timeout (5 s), which used to drop
        # every quiet socket: the post must still arrive.
        time.sleep(6)
        http = requests.Session()
        http.cookies.set("sessionid", sessions["writer"])
        page = http.get(f"http://{second}{thread_path}", timeout=10)
        assert page.status_code == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        posted = http.post(
            f"http://{second}{thread_path}",
            data={"csrfmiddlewaretoken": token, "body": "Saved by the second process"},
            allow_redirects=False,
            timeout=10,
        )
        assert posted.status_code == 302

        event = json.loads(websocket.recv(timeout=10))

    assert event["type"] == "post.created"
    assert event["id"] == 1
    assert "Saved by the second process" in event["html"]
