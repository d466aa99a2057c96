"""A task force with a person in each role, a thread and a post, for the workspace tests."""

from dataclasses import dataclass

import pytest

from network.models import User
from taskforces.models import MembershipRole, Post, TaskForcePage, Thread
from tests import factories
from tests.conftest import Cast, make_member


@dataclass
class Workspace:
    taskforce: TaskForcePage
    chair: User
    member: User
    observer: User
    outsider: User
    secretariat: User
    thread: Thread
    post: Post

    def url(self, name: str = "workspace", *args) -> str:
        return self.taskforce.workspace_url(name, *args)

    @property
    def thread_url(self) -> str:
        return self.url("thread", self.thread.pk)

    def person(self, role: str) -> User | None:
        return None if role == "visitor" else getattr(self, role)


@pytest.fixture
def workspace(site_tree, cast: Cast) -> Workspace:
    """Chair Ana Alves, member Mo Member, observer Bo Berg; Olga Outsider is in the network
    but not in the task force."""
    taskforce = factories.TaskForcePageFactory(
        parent=site_tree.taskforces, title="Task force on AI tools", slug="ai-tools"
    )
    for user, role in [
        (cast.cio_a, MembershipRole.CHAIR),
        (cast.member, MembershipRole.MEMBER),
        (cast.cio_b, MembershipRole.OBSERVER),
    ]:
        factories.MembershipFactory(taskforce=taskforce, user=user, role=role)
    thread = factories.ThreadFactory(
        taskforce=taskforce, author=cast.cio_a, title="Classification pilots"
    )
    post = factories.PostFactory(
        thread=thread, author=cast.member, body="Our pilot routes **patents** by IPC class."
    )
    outsider = make_member(cast.office_b, first_name="Olga", last_name="Outsider")
    return Workspace(
        taskforce=taskforce,
        chair=cast.cio_a,
        member=cast.member,
        observer=cast.cio_b,
        outsider=outsider,
        secretariat=cast.secretariat,
        thread=thread,
        post=post,
    )


@pytest.fixture
def forum_workspace(site_tree, cast: Cast) -> Workspace:
    """The network's forum in the task force's place, with the same people: Mo Member,
    who never joined, takes part as every member of the network does; Ana Alves
    moderates (the chair's role); the secretariat made Bo Berg a reader only (observer);
    Olga Outsider has an account but is not in the network (she had a forum membership).
    The thread is filed under a category open to everyone."""
    forum = factories.ForumPageFactory(parent=site_tree.home)
    category = factories.ForumCategoryFactory(forum=forum, name="Questions to peers")
    factories.ForumCategoryFactory(forum=forum, name="Announcements", moderators_only=True)
    factories.MembershipFactory(taskforce=forum, user=cast.cio_a, role=MembershipRole.CHAIR)
    factories.MembershipFactory(taskforce=forum, user=cast.cio_b, role=MembershipRole.OBSERVER)
    thread = factories.ThreadFactory(
        taskforce=forum, author=cast.cio_a, title="Classification pilots", category=category
    )
    post = factories.PostFactory(
        thread=thread, author=cast.member, body="Our pilot routes **patents** by IPC class."
    )
    outsider = make_member(cast.office_b, first_name="Olga", last_name="Outsider")
    outsider.member.delete()
    factories.MembershipFactory(taskforce=forum, user=outsider, role=MembershipRole.MEMBER)
    return Workspace(
        taskforce=forum,
        chair=cast.cio_a,
        member=cast.member,
        observer=cast.cio_b,
        outsider=User.objects.get(pk=outsider.pk),
        secretariat=cast.secretariat,
        thread=thread,
        post=post,
    )


@pytest.fixture
def sign_in_as(client, workspace):
    """The test client signed in as one of the workspace's people, or out for "visitor"."""

    def sign_in(role: str):
        client.logout()
        person = workspace.person(role)
        if person is not None:
            # Signing out raised the account's session epoch in the database; a session
            # signed with the stale value held by this object would not be accepted.
            person.refresh_from_db()
            client.force_login(person)
        return client

    return sign_in
