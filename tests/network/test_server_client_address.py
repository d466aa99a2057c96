"""Served as docs/deployment.md says (uvicorn --no-proxy-headers), a local peer cannot
choose the address that sign-in limits count; a trusted proxy's X-Forwarded-For can."""

import re

import pytest
import requests

from tests import factories
from tests.servers import free_port, start_portal, stop

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REFUSED = "Too many failed login attempts"


@pytest.fixture
def serve():
    """Start the portal with the documented uvicorn flags; returns its base URL."""
    processes = []

    def start(trusted_proxies: str = "") -> str:
        port = free_port()
        processes.append(
            start_portal(port, environment={"PORTAL_TRUSTED_PROXIES": trusted_proxies})
        )
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        stop(process)


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
