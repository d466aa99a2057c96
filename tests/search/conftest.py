"""Fixtures for search: a task-force workspace with private text, and the index built."""

from dataclasses import dataclass

import pytest

from network.models import MemberRole, User
from search.engine import database_engine
from search.services import entries_rebuild
from taskforces.models import Post, TaskForcePage, Thread
from tests import factories
from tests.conftest import make_member

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
