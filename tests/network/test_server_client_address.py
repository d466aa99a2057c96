"""Served as docs/deployment.md says (uvicorn --no-proxy-headers), a local peer cannot
choose the address that sign-in limits count; a trusted proxy's X-Forwarded-For can."""

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import closing

from django.db import connection

import pytest
import requests

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REFUSED = "Too many failed login attempts"


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database, as the server process must reach it."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until_listening(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server on port {port} stopped: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"The server on port {port} did not start in {seconds} s")


@pytest.fixture
def serve():
    """Start the portal with the documented uvicorn flags; returns its base URL."""
    processes = []

    def start(trusted_proxies: str = "") -> str:
        port = free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"REDIS_URL", "PORTAL_TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.test",
            DATABASE_URL=database_url(),
            PORTAL_TRUSTED_PROXIES=trusted_proxies,
        )
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                *(sys.executable, "-m", "uvicorn", "portal.asgi:application"),
                *("--host", "127.0.0.1", "--port", str(port), "--no-proxy-headers"),
                *("--lifespan", "off", "--log-level", "warning"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        wait_until_listening(port, process)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def sign_in(base: str, email: str, password: str, forwarded_for: str) -> requests.Response:
    session = requests.Session()
    form = session.get(f"{base}/accounts/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    return session.post(
        f"{base}/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"X-Forwarded-For": forwarded_for},
        allow_redirects=False,
        timeout=10,
    )


def test_a_local_peer_cannot_pass_for_other_addresses(serve):
    user = factories.MemberFactory().user
    base = serve()
    pages = [sign_in(base, user.email, "wrong", f"192.0.2.{n}").text for n in range(6)]
    assert [REFUSED in page for page in pages] == [False] * 5 + [True]


def test_behind_a_trusted_proxy_the_owner_signs_in_while_the_guesser_is_refused(serve):
    user = factories.MemberFactory().user
    base = serve(trusted_proxies="127.0.0.1")
    pages = [
        sign_in(base, user.email, "wrong", f"192.0.2.{n}, 198.51.100.7").text for n in range(6)
    ]
    assert [REFUSED in page for page in pages] == [False] * 5 + [True]
    assert REFUSED in sign_in(base, user.email, "a-test-password", "198.51.100.7").text
    response = sign_in(base, user.email, "a-test-password", "203.0.113.20")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
