"""The secretariat's admin for task-force memberships goes through taskforces.services:
it keeps a chair, and tells the person's open pages as the workspace's pages do."""

from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from taskforces import events
from taskforces.models import Membership, MembershipRole

pytestmark = pytest.mark.django_db

NEEDS_A_CHAIR = "A task force needs a chair: name another chair first, or ask the secretariat."


@pytest.fixture
def admin(client, workspace):
    """The secretariat signed in to the admin (the cast has two-factor set up)."""
    client.force_login(workspace.secretariat)
    return client


@pytest.fixture
def sent(monkeypatch):
    """The real-time events broadcast (once a request's transaction commits)."""
    broadcasts = []
    monkeypatch.setattr(
        events, "send_to_group", lambda group, event: broadcasts.append((group, event))
    )
    return broadcasts


@pytest.fixture
def post(admin, django_capture_on_commit_callbacks):
    """Post to the admin; what waits for the commit runs as it would after a request."""

    def post(path: str, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return admin.post(path, data or {})

    return post


def access_changed(workspace, user) -> tuple[str, dict]:
    return (
        events.user_group(user.pk),
        events.access_changed_event(taskforce_id=workspace.taskforce.pk),
    )


def membership(workspace, user) -> Membership:
    return Membership.objects.get(taskforce=workspace.taskforce, user=user)


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_taskforces_membership:{name}", args=args)


def test_deleting_the_only_chair_is_refused_and_nothing_changes(workspace, post, sent):
    chair = membership(workspace, workspace.chair)

    response = post(url("delete", chair.pk))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NEEDS_A_CHAIR]
    assert Membership.objects.filter(pk=chair.pk, role=MembershipRole.CHAIR).exists()
    assert sent == []


def test_removing_everyone_at_once_is_refused_while_it_leaves_no_chair(workspace, post, sent):
    ids = list(workspace.taskforce.memberships.values_list("pk", flat=True))
    bulk = reverse("wagtail_bulk_action", args=["taskforces", "membership", "delete"])

    response = post(bulk + "?" + "&".join(f"id={pk}" for pk in ids))

    assert response.status_code == 302
    assert NEEDS_A_CHAIR in [str(m) for m in get_messages(response.wsgi_request)]
    assert workspace.taskforce.memberships.count() == len(ids)
    assert sent == []


def test_removing_a_member_closes_their_access_at_once(workspace, post, sent):
    member = membership(workspace, workspace.member)

    response = post(url("delete", member.pk))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert sent == [access_changed(workspace, workspace.member)]


def test_demoting_the_only_chair_is_refused(workspace, post, sent):
    chair = membership(workspace, workspace.chair)

    response = post(url("edit", chair.pk), {"role": MembershipRole.MEMBER})

    assert response.status_code == 200
    assert NEEDS_A_CHAIR in response.content.decode()
    chair.refresh_from_db()
    assert chair.role == MembershipRole.CHAIR
    assert sent == []


def test_a_role_changed_in_the_admin_reaches_the_persons_pages(workspace, post, sent):
    observer = membership(workspace, workspace.observer)

    response = post(url("edit", observer.pk), {"role": MembershipRole.MEMBER})

    assert response.status_code == 302
    observer.refresh_from_db()
    assert observer.role == MembershipRole.MEMBER
    assert sent == [access_changed(workspace, workspace.observer)]


def test_a_member_added_in_the_admin_gets_access_at_once(workspace, post, sent):
    response = post(
        url("add"),
        {
            "taskforce": workspace.taskforce.pk,
            "user": workspace.outsider.pk,
            "role": MembershipRole.CHAIR,
        },
    )

    assert response.status_code == 302
    assert membership(workspace, workspace.outsider).role == MembershipRole.CHAIR
    assert sent == [access_changed(workspace, workspace.outsider)]


def test_an_existing_member_cannot_be_added_again(workspace, post, sent):
    response = post(
        url("add"),
        {
            "taskforce": workspace.taskforce.pk,
            "user": workspace.chair.pk,
            "role": MembershipRole.OBSERVER,
        },
    )

    assert response.status_code == 200
    assert membership(workspace, workspace.chair).role == MembershipRole.CHAIR
    assert sent == []
