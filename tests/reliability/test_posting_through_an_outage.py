"""Twenty members post over websockets while Redis is killed and, five seconds later,
started again (empty). What they see: no page fails, every post they sent is stored
exactly once and acknowledged, resent with its key where an answer was lost."""

import itertools
import json
import threading
import time
import uuid

import pytest
import requests
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.sync.client import connect

from taskforces.models import MembershipRole, Post
from tests import factories
from tests.reliability.conftest import session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLIENTS = 20
POSTING_SECONDS = 14
KILL_AT, OUTAGE_SECONDS = 3, 5
# Twenty members posting every four seconds: five posts a second in all, as much as
# a test server on a small shared machine answers without falling behind.
SEND_EVERY = 4.0
RESEND_AFTER = 8.0
DRAIN_SECONDS = 25


class Poster(threading.Thread):
    """A page that posts over its socket, keeps every unanswered post with its key, and
    resends those after reconnecting (or when no answer came for a while)."""

    def __init__(self, url: str, origin: str, cookie: str, name: str):
        super().__init__(daemon=True)
        self.url, self.origin, self.cookie, self.label = url, origin, cookie, name
        self.pending: dict[str, tuple[str, float]] = {}
        self.acknowledged: dict[str, int] = {}
        self.errors: list[dict] = []
        self.closes: list[int | str | None] = []
        self.numbers = itertools.count()

    def run(self):
        started = time.monotonic()
        stop_posting, give_up = started + POSTING_SECONDS, started + POSTING_SECONDS + DRAIN_SECONDS
        while time.monotonic() < give_up and (time.monotonic() < stop_posting or self.pending):
            try:
                with connect(
                    self.url,
                    origin=self.origin,
                    additional_headers={"Cookie": f"sessionid={self.cookie}"},
                    open_timeout=10,
                    close_timeout=1,
                ) as socket:
                    self.converse(socket, stop_posting, give_up)
            except ConnectionClosed as closed:
                self.closes.append(closed.rcvd.code if closed.rcvd else None)
            except (OSError, InvalidHandshake, TimeoutError) as error:
                self.closes.append(type(error).__name__)
            time.sleep(0.3)

    def converse(self, socket, stop_posting: float, give_up: float) -> None:
        for key, (body, _) in list(self.pending.items()):
            self.send(socket, key, body)
        next_post = time.monotonic()
        while time.monotonic() < give_up:
            now = time.monotonic()
            if now < stop_posting and now >= next_post:
                self.send(socket, uuid.uuid4().hex, f"{self.label} post {next(self.numbers)}")
                next_post = now + SEND_EVERY
            for key, (body, sent_at) in list(self.pending.items()):
                if now - sent_at > RESEND_AFTER:
                    self.send(socket, key, body)
            if now >= stop_posting and not self.pending:
                return
            try:
                message = json.loads(socket.recv(timeout=0.2))
            except TimeoutError:
                continue
            if message.get("type") == "posted":
                self.acknowledged[message["key"]] = message["post"]
                self.pending.pop(message["key"], None)
            elif message.get("type") == "error":
                # Refused, e.g. rate-limited: still pending, sent again later.
                self.errors.append(message)

    def send(self, socket, key: str, body: str) -> None:
        self.pending[key] = (body, time.monotonic())
        socket.send(json.dumps({"type": "post", "body": body, "key": key}))


class PageWatcher(threading.Thread):
    """Someone reading the site all along: the status of every page they asked for."""

    def __init__(self, base: str, cookie: str, paths: list[str], seconds: float):
        super().__init__(daemon=True)
        self.base, self.cookie, self.paths, self.seconds = base, cookie, paths, seconds
        self.statuses: list[tuple[str, int | str]] = []

    def run(self):
        http = requests.Session()
        http.cookies.set("sessionid", self.cookie)
        deadline = time.monotonic() + self.seconds
        for path in itertools.cycle(self.paths):
            if time.monotonic() > deadline:
                return
            try:
                status = http.get(self.base + path, timeout=5).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            self.statuses.append((path, status))
            time.sleep(0.2)


def test_posts_survive_a_redis_outage_stored_once_and_acknowledged(
    workspace, redis_server, portal_server
):
    posters = []
    for number in range(CLIENTS):
        user = factories.UserFactory(first_name="Poster", last_name=f"N{number}")
        factories.MemberFactory(user=user)
        factories.MembershipFactory(
            taskforce=workspace.taskforce, user=user, role=MembershipRole.MEMBER
        )
        posters.append(
            Poster(
                f"ws://{portal_server}/ws/task-forces/threads/{workspace.thread.pk}/",
                f"http://{portal_server}",
                session_cookie(user),
                f"P{number}",
            )
        )
    watcher = PageWatcher(
        f"http://{portal_server}",
        session_cookie(workspace.chair),
        ["/", workspace.url(), workspace.thread_url],
        POSTING_SECONDS,
    )
    for thread in [*posters, watcher]:
        thread.start()
    time.sleep(KILL_AT)
    redis_server.kill()
    time.sleep(OUTAGE_SECONDS)
    redis_server.start()
    for thread in [*posters, watcher]:
        thread.join(timeout=POSTING_SECONDS + DRAIN_SECONDS + 10)

    failed_pages = [(path, status) for path, status in watcher.statuses if status != 200]
    assert watcher.statuses and failed_pages == []
    # Every post was answered in the end: nothing is left for a page to resend.
    assert [poster.pending for poster in posters] == [{}] * CLIENTS, [
        (poster.closes, poster.errors[-3:]) for poster in posters if poster.pending
    ][:3]
    acknowledged = {
        (poster.label, key): post_id
        for poster in posters
        for key, post_id in poster.acknowledged.items()
    }
    stored = {
        (body.split(" ")[0], key): pk
        for pk, body, key in Post.objects.exclude(client_key="").values_list(
            "pk", "body", "client_key"
        )
    }
    # Stored once each, every one acknowledged with its id, none acknowledged and lost.
    assert stored == acknowledged
    assert Post.objects.exclude(client_key="").count() == len(acknowledged)
    # The outage was felt: sockets were closed and the pages reconnected.
    assert any(poster.closes for poster in posters)
    print(  # noqa: T201 - the numbers of the run, shown with pytest -s
        f"{len(acknowledged)} posts acknowledged; "
        f"{sum(len(p.closes) for p in posters)} reconnections; "
        f"{sum(len(p.errors) for p in posters)} error frames; "
        f"{len(watcher.statuses)} page loads, none failed"
    )
