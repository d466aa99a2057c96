"""Fixtures for search: a task-force workspace with private text, the index built,
clusters that do not answer (a black hole, a closed port), and PostgreSQL's result cap
made small."""

import socket
import threading
from dataclasses import dataclass

from django.db import connection

import pytest

from network.models import MemberRole, User
from search import postgres
from search.engine import database_engine
from search.services import entries_rebuild
from taskforces.models import Post, TaskForcePage, Thread
from tests import factories
from tests.conftest import make_member

# What only PostgreSQL's engine does: stop counting at its cap (search.postgres.RESULT_CAP).
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only the PostgreSQL engine stops counting (set DATABASE_URL=postgres://…)",
)
# The cap in these tests, instead of 1,000.
CAP = 3


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(postgres, "RESULT_CAP", CAP)


# A word that appears nowhere but in the private content below.
PRIVATE_WORD = "zanzibarite"


@pytest.fixture
def reindex(db):
    """Build the index from what the test created (factories do not publish pages)."""

    def rebuild() -> int:
        return entries_rebuild(progress=lambda done, total: None, engine=database_engine())

    return rebuild


@dataclass
class Workspace:
    taskforce: TaskForcePage
    other_taskforce: TaskForcePage
    thread: Thread
    post: Post
    insider: User
    outsider: User

    def person(self, role: str, cast) -> User | None:
        if role == "visitor":
            return None
        if role == "member":
            return cast.member
        return {"taskforce_member": self.insider, "other_taskforce_member": self.outsider}[role]


@pytest.fixture
def workspace(cast, site_tree) -> Workspace:
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    other = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="Data exchange")
    insider = make_member(cast.office_a, MemberRole.EXPERT, first_name="Ines", last_name="Inside")
    outsider = make_member(cast.office_b, MemberRole.EXPERT, first_name="Otto", last_name="Out")
    factories.MembershipFactory(taskforce=taskforce, user=insider)
    factories.MembershipFactory(taskforce=other, user=outsider)
    thread = factories.ThreadFactory(
        taskforce=taskforce, title=f"Piloting {PRIVATE_WORD} routing", author=insider
    )
    post = factories.PostFactory(
        thread=thread, author=insider, body=f"Our {PRIVATE_WORD} pilot routes applications."
    )
    return Workspace(taskforce, other, thread, post, insider, outsider)


class BlackHole:
    """A TCP server on a free local port that accepts connections and never answers,
    as a stalled cluster does; it counts the connections made to it."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.listener.close()
        for client in self.connections:
            client.close()


@pytest.fixture
def black_hole():
    server = BlackHole()
    yield server
    server.close()


def closed_port() -> int:
    """A local port nothing listens on: connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
