"""Nothing private leaks: every workspace path is a 404 to visitors and non-members."""

from django.core import mail

import pytest

from taskforces import services
from taskforces.models import Notification, Post
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_paths(workspace) -> dict[str, str]:
    """One address of each kind of private thing in the workspace."""
    attachment = factories.AttachmentFactory(post=workspace.post)
    version = factories.DocumentVersionFactory(
        document__taskforce=workspace.taskforce, document__created_by=workspace.member
    )
    meeting = factories.MeetingFactory(taskforce=workspace.taskforce, created_by=workspace.chair)
    proposal = factories.ProposalFactory(taskforce=workspace.taskforce, created_by=workspace.chair)
    thread_id, post_id = workspace.thread.pk, workspace.post.pk
    return {
        "workspace": workspace.url(),
        "thread": workspace.url("thread", thread_id),
        "new thread": workspace.url("thread_new"),
        "post": workspace.url("post", thread_id, post_id),
        "post history": workspace.url("post_history", thread_id, post_id),
        "attachment": workspace.url("attachment", attachment.pk),
        "documents": workspace.url("document_list"),
        "document": workspace.url("document", version.document.pk),
        "document file": workspace.url("document_version", version.document.pk, version.number),
        "meetings": workspace.url("meeting_list"),
        "meeting": workspace.url("meeting", meeting.pk),
        "decisions": workspace.url("decision_log"),
        "proposal": workspace.url("proposal", proposal.pk),
        "actions": workspace.url("actions"),
        "members": workspace.url("members"),
    }


@pytest.mark.parametrize("role", ["visitor", "outsider"])
def test_visitors_and_non_members_get_404_on_every_private_path(role, private_paths, sign_in_as):
    client = sign_in_as(role)
    answers = {name: client.get(path).status_code for name, path in private_paths.items()}
    assert answers == dict.fromkeys(private_paths, 404)


@pytest.mark.parametrize("role", ["visitor", "outsider"])
def test_visitors_and_non_members_cannot_post_or_upload(role, workspace, sign_in_as):
    client = sign_in_as(role)
    responses = [
        client.post(workspace.thread_url, {"body": "Leaked?"}),
        client.post(workspace.url("thread_new"), {"title": "T", "body": "Leaked?"}),
        client.post(workspace.url("document_list"), {"title": "T"}),
    ]
    assert [response.status_code for response in responses] == [404, 404, 404]
    assert list(Post.objects.values_list("body", flat=True)) == [workspace.post.body]


@pytest.mark.parametrize("role", ["chair", "member", "observer", "secretariat"])
def test_every_role_of_the_task_force_and_the_secretariat_read_every_path(
    role, private_paths, sign_in_as
):
    client = sign_in_as(role)
    answers = {name: client.get(path).status_code for name, path in private_paths.items()}
    # The post's own address redirects to its place in the thread.
    expected = dict.fromkeys(private_paths, 200) | {"post": 302}
    if role == "observer":
        expected["new thread"] = 403
    assert answers == expected


def test_observers_cannot_post_over_http(workspace, sign_in_as):
    client = sign_in_as("observer")
    response = client.post(workspace.thread_url, {"body": "May I?"})
    assert response.status_code == 403
    assert not Post.objects.filter(body="May I?").exists()


def test_the_thread_page_tells_observers_they_read_only(workspace, sign_in_as):
    page = sign_in_as("observer").get(workspace.thread_url).content.decode()
    assert "Observers read the thread but do not post." in page
    assert 'name="body"' not in page


def test_the_public_page_shows_nothing_of_the_workspace(client, workspace):
    page = client.get(workspace.taskforce.url).content.decode()
    assert workspace.thread.title not in page
    assert "routes" not in page


def test_a_mention_of_a_non_member_tells_them_nothing(
    workspace, django_capture_on_commit_callbacks
):
    # Olga is in the network; the handle exists in the directory but not in the task force.
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            thread=workspace.thread,
            author=workspace.member,
            body="@olga.outsider what do you think of the budget?",
        )
    assert not Notification.objects.filter(user=workspace.outsider).exists()
    assert all(workspace.outsider.email not in message.to for message in mail.outbox)
    assert "budget" not in "".join(message.body for message in mail.outbox)


def test_people_who_left_no_longer_see_the_task_forces_notifications(workspace, client):
    services.notification_create(
        user=workspace.member,
        kind="mention",
        taskforce=workspace.taskforce,
        text="Ana mentioned you in “Classification pilots”.",
        url=workspace.thread_url,
    )
    membership = workspace.taskforce.memberships.get(user=workspace.member)
    services.membership_end(membership=membership, ended_by=workspace.member)
    client.force_login(workspace.member)
    page = client.get("/my/notifications/").content.decode()
    assert "Classification pilots" not in page
    assert client.get(workspace.thread_url).status_code == 404


def test_no_notification_is_stored_for_someone_who_may_not_read(workspace):
    notification = services.notification_create(
        user=workspace.outsider,
        kind="mention",
        taskforce=workspace.taskforce,
        text="Secret",
        url=workspace.thread_url,
    )
    assert notification is None
    assert not Notification.objects.filter(user=workspace.outsider).exists()
