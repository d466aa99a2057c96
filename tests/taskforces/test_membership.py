"""Joining and leaving: network members ask, chairs or the secretariat decide."""

from django.core import mail

import pytest
from bs4 import BeautifulSoup

from taskforces.models import JoinRequest, JoinRequestStatus, Membership, MembershipRole
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


def test_a_network_member_asks_to_join_and_the_chair_is_told(workspace, sign_in_as):
    client = sign_in_as("outsider")
    response = client.post(workspace.taskforce.url + "join/", {"message": "We pilot MT."})
    assert response.status_code == 302
    request = JoinRequest.objects.get(user=workspace.outsider)
    assert (request.status, request.message) == (JoinRequestStatus.PENDING, "We pilot MT.")
    assert "You asked to join on" in text_of(client.get(workspace.taskforce.url))
    assert workspace.chair.notifications.get().display_text == (
        "Olga Outsider asks to join Task force on AI tools."
    )


def test_visitors_are_sent_to_sign_in_and_the_public_page_says_so(client, workspace):
    response = client.post(workspace.taskforce.url + "join/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "sign in to ask to join" in text_of(client.get(workspace.taskforce.url))


def test_accounts_outside_the_network_cannot_ask(client, workspace):
    from tests import factories

    client.force_login(factories.UserFactory())
    assert client.post(workspace.taskforce.url + "join/").status_code == 403


@pytest.mark.parametrize("role", ["chair", "secretariat"])
def test_a_chair_or_the_secretariat_accepts_and_the_person_is_emailed(
    workspace, sign_in_as, role, django_capture_on_commit_callbacks
):
    request = JoinRequest.objects.create(taskforce=workspace.taskforce, user=workspace.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_as(role).post(
            workspace.url("members"),
            {"action": "decide", "request": request.pk, "decision": "accept", "note": "Welcome"},
        )
    membership = Membership.objects.get(taskforce=workspace.taskforce, user=workspace.outsider)
    assert membership.role == MembershipRole.MEMBER
    (message,) = mail.outbox
    assert message.to == [workspace.outsider.email]
    assert "Welcome to the Task force on AI tools" in message.subject
    assert "Welcome" in message.body
    assert sign_in_as("outsider").get(workspace.url()).status_code == 200


def test_a_declined_request_is_explained_by_email_and_grants_nothing(
    workspace, sign_in_as, django_capture_on_commit_callbacks
):
    request = JoinRequest.objects.create(taskforce=workspace.taskforce, user=workspace.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        sign_in_as("chair").post(
            workspace.url("members"),
            {"action": "decide", "request": request.pk, "decision": "decline", "note": "Full"},
        )
    assert JoinRequest.objects.get(pk=request.pk).status == JoinRequestStatus.DECLINED
    assert "was declined" in mail.outbox[0].body
    assert "Full" in mail.outbox[0].body
    assert sign_in_as("outsider").get(workspace.url()).status_code == 404


def test_members_cannot_decide_on_requests(workspace, sign_in_as):
    request = JoinRequest.objects.create(taskforce=workspace.taskforce, user=workspace.outsider)
    response = sign_in_as("member").post(
        workspace.url("members"), {"action": "decide", "request": request.pk, "decision": "accept"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=workspace.outsider).exists()


def test_a_member_leaves_and_loses_the_workspace(workspace, sign_in_as):
    client = sign_in_as("member")
    response = client.post(workspace.taskforce.url + "leave/")
    assert response["Location"] == workspace.taskforce.url
    assert client.get(workspace.url()).status_code == 404


def test_the_last_chair_cannot_leave(workspace, sign_in_as):
    client = sign_in_as("chair")
    client.post(workspace.taskforce.url + "leave/")
    assert Membership.objects.filter(user=workspace.chair, role=MembershipRole.CHAIR).exists()
    page = text_of(client.get(workspace.url("members")))
    assert "A task force needs a chair" in page


def test_the_secretariat_manages_any_task_force(workspace, sign_in_as):
    other = make_member(workspace.chair.member.office, first_name="Nia", last_name="New")
    Membership.objects.create(taskforce=workspace.taskforce, user=other)
    client = sign_in_as("secretariat")
    membership = Membership.objects.get(user=other)
    client.post(
        workspace.url("members"), {"action": "role", "membership": membership.pk, "role": "chair"}
    )
    assert Membership.objects.get(pk=membership.pk).role == MembershipRole.CHAIR
    client.post(workspace.url("members"), {"action": "remove", "membership": membership.pk})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_member_list_shows_roles_and_mention_handles(workspace, sign_in_as):
    page = text_of(sign_in_as("observer").get(workspace.url("members")))
    assert "Ana Alves Office A (Switzerland) Chair @ana.alves" in page
    assert "Bo Berg Office B (Switzerland) Observer @bo.berg" in page
    assert "Change role" not in page


@pytest.mark.parametrize("action", [None, "promote", "decide "])
def test_an_unknown_member_action_is_a_bad_request(workspace, sign_in_as, action):
    membership = Membership.objects.get(user=workspace.member)
    posted = {"membership": membership.pk, "role": "chair"}
    if action is not None:
        posted["action"] = action
    response = sign_in_as("chair").post(workspace.url("members"), posted)
    assert response.status_code == 400
    assert Membership.objects.get(pk=membership.pk).role == MembershipRole.MEMBER
