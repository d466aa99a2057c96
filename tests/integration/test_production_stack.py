"""The portal as deployed (deploy/stack.py, what `make prod-local` runs): nginx in front of
gunicorn and two uvicorn processes, the task worker and the scheduler, on production
settings, a database of its own, a Redis server of its own and a real SMTP server.

Runs when nginx, PostgreSQL and redis-server are here (CI has them); skipped, with the
reason printed, otherwise.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client

import psycopg
import pytest
import requests
from aiosmtpd.controller import Controller
from websockets.sync.client import connect

from deploy import stack as deployed
from taskforces.models import MembershipRole
from tests import factories
from tests.portal.test_task_retries import MailServer
from tests.servers import RedisProcess, free_port

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NGINX = Path("/usr/sbin/nginx")
if not NGINX.exists():
    pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)
if shutil.which("redis-server") is None:
    pytest.skip("redis-server is not installed", allow_module_level=True)
if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
    pytest.skip("the deployed stack runs on PostgreSQL (DATABASE_URL)", allow_module_level=True)


def admin_url(name: str = "postgres") -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgresql://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def copy_test_database(name: str) -> None:
    """A database of the stack's own: a copy of the test database as it stands now, by
    pg_dump and pg_restore (a TEMPLATE copy needs no other session on the test database,
    and the browser tests' live server keeps one open)."""
    db = settings.DATABASES["default"]
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    where = ["-h", db["HOST"], "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    dump = subprocess.run(  # noqa: S603 - PostgreSQL's own tools
        ["pg_dump", *where, "-Fc", connection.settings_dict["NAME"]],  # noqa: S607
        capture_output=True, check=True, env=env, timeout=300,
    )  # fmt: skip
    subprocess.run(  # noqa: S603
        ["pg_restore", *where, "--no-owner", "-d", name],  # noqa: S607
        input=dump.stdout, capture_output=True, check=True, env=env, timeout=300,
    )  # fmt: skip


def drop_database(name: str) -> None:
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def mail_server():
    handler = MailServer(refusals=0)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def start_stack(tmp_path, mail_server):
    """Start the stack on free ports over a copy of the test database as it is then."""
    started = {}

    def start() -> deployed.Stack:
        database = f"portal_stack_{secrets.token_hex(4)}"
        copy_test_database(database)
        started["database"] = database
        redis_server = RedisProcess()
        redis_server.start()
        started["redis"] = redis_server
        run_dir, port = tmp_path / "run", free_port()
        stack = deployed.Stack(
            run_dir=run_dir,
            port=port,
            web_port=free_port(),
            websocket_ports=[free_port(), free_port()],
            env={
                "DJANGO_SETTINGS_MODULE": "portal.settings.production",
                # The sessions made here are signed with it.
                "SECRET_KEY": settings.SECRET_KEY,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "0",
                "PORTAL_TRUSTED_PROXIES": "127.0.0.1",
                "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
                "DATABASE_URL": admin_url(database).replace("postgresql", "postgres", 1),
                "REDIS_URL": redis_server.url,
                "TASKS_WORKER": "1",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(mail_server.port),
                "EMAIL_USE_TLS": "0",
                "STATIC_ROOT": str(tmp_path / "static"),
                "MEDIA_ROOT": str(tmp_path / "media"),
                "ELASTICSEARCH_URL": "",
                "DJANGO_ALLOW_ASYNC_UNSAFE": "",
            },
        )
        run_dir.mkdir()
        # The site's own static files only: collecting (and compressing) the admin's
        # takes minutes, and no page asked here needs them.
        deployed.manage(stack, "collectstatic", "--noinput", "-i", "wagtail*", "-i", "ninja")
        deployed.manage(stack, "migrate", "--noinput")
        started["run_dir"] = run_dir
        deployed.start(stack, prepare=False)
        return stack

    yield start
    if "run_dir" in started:
        deployed.stop(started["run_dir"])
        for log in sorted(started["run_dir"].glob("*.log")):
            print(f"--- {log.name}\n{log.read_text()[-3000:]}")  # noqa: T201
    if "redis" in started:
        started["redis"].kill()
    if "database" in started:
        drop_database(started["database"])


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_the_deployed_stack_serves_pages_sockets_and_mail(site_tree, start_stack, mail_server):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, slug="ai-tools")
    reader, writer = factories.UserFactory(), factories.UserFactory()
    for user in (reader, writer):
        factories.MemberFactory(user=user)
        factories.MembershipFactory(taskforce=taskforce, user=user, role=MembershipRole.MEMBER)
    thread = factories.ThreadFactory(taskforce=taskforce, author=writer)
    cookies = {user: session_cookie(user) for user in (reader, writer)}
    stack = start_stack()
    site = f"127.0.0.1:{stack.port}"

    # A page, through the proxy (gunicorn), and the /media/ rules.
    # A worker's first page loads templates and translations: slow on a busy machine.
    home = requests.get(f"http://{site}/", timeout=60)
    assert home.status_code == 200
    assert "About the network" in home.text
    assert home.headers["Server"] == "nginx"
    assert requests.get(f"http://{site}/media/original_images/a.jpg", timeout=10).status_code == 404

    # A post sent through the socket of one uvicorn process reaches a socket held by the
    # other process, and one held through the proxy.
    first, second = (f"127.0.0.1:{port}" for port in stack.websocket_ports)
    path = f"/ws/task-forces/threads/{thread.pk}/?after=0"

    def socket(host, user):
        return connect(
            f"ws://{host}{path}",
            origin=f"http://{host}",
            additional_headers={"Cookie": f"sessionid={cookies[user]}"},
            open_timeout=10,
        )

    with socket(first, reader) as on_first, socket(site, reader) as on_proxy:
        with socket(second, writer) as on_second:
            on_second.send(
                json.dumps({"type": "post", "body": "Sent through the second", "key": "k1"})
            )
            acknowledged = [json.loads(on_second.recv(timeout=10)) for _ in range(2)]
        assert any(message.get("type") == "post.created" for message in acknowledged)
        for received in (on_first, on_proxy):
            event = json.loads(received.recv(timeout=10))
            assert event["type"] == "post.created"
            assert "Sent through the second" in event["html"]

    # A password reset asked through the proxy is e-mailed by the task worker.
    http = requests.Session()
    form = http.get(f"http://{site}/accounts/password/reset/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    # The CSRF cookie is Secure, so a client on plain HTTP keeps it only if told to.
    csrf = form.cookies.get("csrftoken") or re.search(
        r"csrftoken=([^;]+)", form.headers["Set-Cookie"]
    ).group(1)
    asked = http.post(
        f"http://{site}/accounts/password/reset/",
        data={"csrfmiddlewaretoken": token, "email": reader.email},
        headers={"Cookie": f"csrftoken={csrf}", "Referer": f"http://{site}/"},
        allow_redirects=False,
        timeout=10,
    )
    assert asked.status_code == 302
    deadline = time.monotonic() + 20
    while not mail_server.messages_to(reader.email) and time.monotonic() < deadline:
        time.sleep(0.2)
    (message,) = mail_server.messages_to(reader.email)
    assert f"http://{site}/accounts/password/reset/key/" in message.replace("=\n", "")
