"""Browser tests: Playwright drives Debian's chromium against a live ASGI server.

Without chromium the tests are skipped with the reason printed (pytest -ra), unless
REQUIRE_BROWSER=1, which makes its absence an error. No browser is ever downloaded.
"""

import os
import socket
import threading
import time
from dataclasses import dataclass, field

from django.db import connections
from django.db.backends.signals import connection_created

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these, chromium keeps calling home, and this machine's closed network
# turns every such call into a failed request.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's synchronous API keeps an event loop in the test thread, which Django
# would otherwise take for async code and refuse database queries from.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def live_server_url(django_db_setup, django_db_blocker):
    """The portal's ASGI application served by uvicorn in a thread of this process."""
    import uvicorn

    from portal.asgi import application

    server_connections = []

    def remember_connection(sender, connection, **kwargs):
        server_connections.append(connection)

    connection_created.connect(remember_connection, weak=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        application, lifespan="off", log_level="warning", ws="websockets-sansio"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    with django_db_blocker.unblock():
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("The live ASGI server did not start.")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)
        # Views ran in threads of their own, and test code that ran while Playwright's
        # event loop was active got connections of its own too; close all of them but
        # the test run's, so that the test database can be dropped at the end.
        for wrapper in server_connections:
            if wrapper is not connections[wrapper.alias]:
                wrapper.inc_thread_sharing()
                wrapper.close()
        connection_created.disconnect(remember_connection)


@pytest.fixture
def browser():
    # Started per test, after the test's data is in place: while Playwright's event loop
    # runs, Django hands this thread other database connections, and the test case's
    # restore of the migrated data between tests would not see its own.
    if not os.path.exists(CHROMIUM):
        reason = f"chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """Console errors and failed requests seen by a page, for tests to assert are none."""

    console_errors: list = field(default_factory=list)  # text, or (text, address)
    failed_requests: list[str] = field(default_factory=list)
    # Wagtail's admin autosaves a page being written, as JSON, half a second after each
    # change; a form not yet complete answers 400 with its errors, which the editor sees
    # beside the fields only on saving or publishing. That is Wagtail's protocol, not a
    # failure: the addresses that answered so, and the browser's console line about them.
    autosaves_refused: set[str] = field(default_factory=set)

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url")))

    def _response(self, response) -> None:
        if response.status < 400:
            return
        request = response.request
        autosave = (
            request.method == "POST"
            and "/admin/pages/" in request.url
            and "text/html" not in (request.headers.get("accept") or "")
        )
        if autosave and response.status == 400:
            self.autosaves_refused.add(response.url)
            return
        self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def _request_failed(self, request) -> None:
        # A request the browser dropped because the test moved on to the next page
        # (ERR_ABORTED) is not a failure of the site.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def errors(self) -> list[str]:
        """The console's errors, but the lines about refused autosaves."""
        return [
            str(error[0] if isinstance(error, tuple) else error)
            for error in self.console_errors
            if not (isinstance(error, tuple) and error[1] in self.autosaves_refused)
        ]

    def __bool__(self) -> bool:
        return bool(self.errors() or self.failed_requests)

    def __repr__(self) -> str:
        errors, failed = self.errors(), self.failed_requests
        return f"PageProblems(console_errors={errors!r}, failed_requests={failed!r})"


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page_and_problems(context):
    page = context.new_page()
    problems = PageProblems()
    problems.watch(page)
    return page, problems


def sign_in(page, base_url: str, email: str, password: str = "a-test-password") -> None:
    """Sign in through the site's own form, as a person would."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def browser_member(office, email: str = "reader@example.org"):
    """A network member of ``office`` who signs in with a password alone, as members
    without an admin role do (the cast's people have two-factor authentication on)."""
    from django.contrib.auth.models import Group

    from network import permissions
    from tests import factories

    user = factories.UserFactory(email=email, first_name="Rui", last_name="Reader")
    factories.MemberFactory(user=user, office=office)
    user.groups.add(Group.objects.get_or_create(name=permissions.MEMBERS_GROUP)[0])
    return user
