"""Documents with versions, meetings, proposals and the decisions log, action items."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from taskforces import services
from taskforces.models import (
    ActionItem,
    ActionStatus,
    Answer,
    Decision,
    DecisionStatus,
    Document,
    Meeting,
    Notification,
    NotificationKind,
    ProposalResponse,
)
from tests import factories

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


class DocumentTests:
    def test_a_new_version_keeps_the_earlier_ones(self, workspace, sign_in_as):
        client = sign_in_as("member")
        client.post(
            workspace.url("document_list"),
            {
                "title": "Accuracy template",
                "description": "What to report",
                "file": SimpleUploadedFile("template.txt", b"version one"),
            },
        )
        document = Document.objects.get(title="Accuracy template")
        client.post(
            workspace.url("document", document.pk),
            {"file": SimpleUploadedFile("template.txt", b"version two"), "note": "Adds metric"},
        )
        versions = {v.number: v for v in document.versions.all()}
        assert sorted(versions) == [1, 2]
        for number, content in [(1, b"version one"), (2, b"version two")]:
            download = client.get(workspace.url("document_version", document.pk, number))
            assert b"".join(download.streaming_content) == content
        page = text_of(client.get(workspace.url("document", document.pk)))
        assert "v2 template.txt" in page
        assert "Adds metric" in page

    def test_observers_read_documents_but_do_not_upload(self, workspace, sign_in_as):
        response = sign_in_as("observer").post(
            workspace.url("document_list"),
            {"title": "Mine", "file": SimpleUploadedFile("a.txt", b"x")},
        )
        assert response.status_code == 403
        assert not Document.objects.exists()

    def test_an_html_file_is_refused_with_a_message(self, workspace, sign_in_as):
        response = sign_in_as("member").post(
            workspace.url("document_list"),
            {"title": "Page", "file": SimpleUploadedFile("page.html", b"<script></script>")},
        )
        assert response.status_code == 400
        assert "files of this type cannot be shared" in response.content.decode()
        assert not Document.objects.exists()

    def test_the_document_list_does_not_grow_with_documents(self, workspace, sign_in_as):
        from tests.queries import count_queries

        client = sign_in_as("member")
        factories.DocumentVersionFactory(
            document__taskforce=workspace.taskforce, document__created_by=workspace.member
        )
        few = count_queries(client, workspace.url("document_list"))
        for _ in range(5):
            factories.DocumentVersionFactory(
                document__taskforce=workspace.taskforce, document__created_by=workspace.member
            )
        assert count_queries(client, workspace.url("document_list")) == few


class MeetingTests:
    def test_the_chair_records_a_meeting_with_agenda_minutes_and_attendees(
        self, workspace, sign_in_as
    ):
        client = sign_in_as("chair")
        response = client.post(
            workspace.url("meeting_new"),
            {
                "title": "Kick-off",
                "starts_at": "2026-03-02T12:00",
                "location": "Online",
                "agenda": "1. Welcome\n2. **Mandate**",
                "minutes": "Agreed to meet every six weeks.",
                "attendees": [workspace.chair.pk, workspace.member.pk],
            },
        )
        meeting = Meeting.objects.get(title="Kick-off")
        assert response["Location"] == workspace.url("meeting", meeting.pk)
        page = text_of(sign_in_as("observer").get(workspace.url("meeting", meeting.pk)))
        assert "Ana Alves, Mo Member" in page
        assert "Agreed to meet every six weeks." in page

    def test_attendees_must_be_members(self, workspace, sign_in_as):
        response = sign_in_as("chair").post(
            workspace.url("meeting_new"),
            {"title": "X", "starts_at": "2026-03-02T12:00", "attendees": [workspace.outsider.pk]},
        )
        assert response.status_code == 400
        assert not Meeting.objects.exists()

    def test_members_do_not_record_meetings(self, workspace, sign_in_as):
        response = sign_in_as("member").post(
            workspace.url("meeting_new"), {"title": "X", "starts_at": "2026-03-02T12:00"}
        )
        assert response.status_code == 403


class DecisionTests:
    def proposal(self, workspace, **fields):
        return factories.ProposalFactory(
            taskforce=workspace.taskforce, created_by=workspace.chair, **fields
        )

    def test_putting_a_proposal_tells_the_members_who_answer(
        self, workspace, sign_in_as, django_capture_on_commit_callbacks
    ):
        deadline = (timezone.now() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
        with django_capture_on_commit_callbacks(execute=True):
            sign_in_as("chair").post(
                workspace.url("proposal_new"),
                {
                    "title": "Meet monthly",
                    "text": "We meet monthly.",
                    "deadline": deadline,
                    "quorum": 2,
                },
            )
        told = set(
            Notification.objects.filter(kind=NotificationKind.PROPOSAL).values_list(
                "user", flat=True
            )
        )
        assert told == {workspace.member.pk}

    def test_an_objection_needs_a_reason(self, workspace, sign_in_as):
        proposal = self.proposal(workspace)
        response = sign_in_as("member").post(
            workspace.url("proposal", proposal.pk), {"action": "answer", "answer": "objection"}
        )
        assert response.status_code == 400
        assert "Give the reason for your objection." in response.content.decode()
        assert not ProposalResponse.objects.exists()

    def test_observers_do_not_answer(self, workspace, sign_in_as):
        proposal = self.proposal(workspace)
        response = sign_in_as("observer").post(
            workspace.url("proposal", proposal.pk), {"action": "answer", "answer": "consent"}
        )
        assert response.status_code == 403

    @pytest.mark.parametrize(
        ("answers", "status"),
        [
            ([Answer.CONSENT, Answer.ABSTAIN], DecisionStatus.ADOPTED),
            ([Answer.CONSENT, Answer.OBJECTION], DecisionStatus.NOT_ADOPTED),
            ([Answer.CONSENT], DecisionStatus.NO_QUORUM),
        ],
    )
    def test_closing_records_the_outcome_in_the_decisions_log(
        self, workspace, sign_in_as, answers, status
    ):
        meeting = factories.MeetingFactory(
            taskforce=workspace.taskforce, created_by=workspace.chair
        )
        proposal = self.proposal(workspace, quorum=2, meeting=meeting, thread=workspace.thread)
        for person, answer in zip([workspace.chair, workspace.member], answers, strict=False):
            services.proposal_answer(proposal=proposal, user=person, answer=answer, reason="r")
        sign_in_as("chair").post(
            workspace.url("proposal", proposal.pk), {"action": "close", "review_on": "2027-01-15"}
        )
        decision = Decision.objects.get(proposal=proposal)
        assert decision.status == status
        assert (decision.meeting, decision.thread) == (meeting, workspace.thread)
        assert decision.review_on == datetime.date(2027, 1, 15)
        log = text_of(sign_in_as("member").get(workspace.url("decision_log")))
        assert proposal.title in log
        assert str(decision.get_status_display()) in log
        assert meeting.title in log and workspace.thread.title in log

    def test_a_closed_proposal_takes_no_more_answers(self, workspace, sign_in_as):
        proposal = self.proposal(workspace)
        services.proposal_close(proposal=proposal, closed_by=workspace.chair)
        response = sign_in_as("member").post(
            workspace.url("proposal", proposal.pk), {"action": "answer", "answer": "consent"}
        )
        assert response.status_code == 403
        assert not ProposalResponse.objects.exists()

    @pytest.mark.parametrize("action", [None, "reopen", "answer\x00"])
    def test_an_unknown_proposal_action_is_a_bad_request(self, workspace, sign_in_as, action):
        proposal = self.proposal(workspace)
        posted = (
            {"answer": "consent"} if action is None else {"action": action, "answer": "consent"}
        )
        response = sign_in_as("chair").post(workspace.url("proposal", proposal.pk), posted)
        assert response.status_code == 400
        assert not ProposalResponse.objects.exists()


class ActionItemTests:
    def test_owners_see_their_own_action_items_across_task_forces(
        self, workspace, sign_in_as, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            sign_in_as("chair").post(
                workspace.url("actions"),
                {
                    "title": "Share the template",
                    "owner": workspace.member.pk,
                    "due_on": "2027-02-01",
                },
            )
        factories.ActionItemFactory(
            taskforce=workspace.taskforce, owner=workspace.chair, created_by=workspace.chair
        )
        assert Notification.objects.get(user=workspace.member).kind == NotificationKind.ACTION
        page = text_of(sign_in_as("member").get("/my/action-items/"))
        assert "Share the template" in page
        assert "Task force on AI tools" in page
        assert ActionItem.objects.filter(owner=workspace.chair).get().title not in page

    def test_the_owner_marks_an_item_done_and_others_cannot(self, workspace, sign_in_as):
        item = factories.ActionItemFactory(
            taskforce=workspace.taskforce, owner=workspace.member, created_by=workspace.chair
        )
        url = workspace.url("action", item.pk)
        assert sign_in_as("observer").post(url, {"status": "done"}).status_code == 403
        sign_in_as("member").post(url, {"status": "done", "next": "mine"})
        assert ActionItem.objects.get(pk=item.pk).status == ActionStatus.DONE

    def test_a_bad_return_address_is_a_bad_request(self, workspace, sign_in_as):
        item = factories.ActionItemFactory(
            taskforce=workspace.taskforce, owner=workspace.member, created_by=workspace.chair
        )
        url = workspace.url("action", item.pk)
        response = sign_in_as("member").post(url, {"status": "done", "next": "//evil.example"})
        assert response.status_code == 400
        assert ActionItem.objects.get(pk=item.pk).status != ActionStatus.DONE

    def test_an_item_for_someone_outside_the_task_force_is_refused(self, workspace, sign_in_as):
        response = sign_in_as("chair").post(
            workspace.url("actions"), {"title": "Leak", "owner": workspace.outsider.pk}
        )
        assert response.status_code == 400
        assert not ActionItem.objects.exists()

    def test_my_action_items_leave_out_task_forces_i_left(self, workspace, client):
        factories.ActionItemFactory(
            taskforce=workspace.taskforce, owner=workspace.member, title="Secret item"
        )
        workspace.taskforce.memberships.filter(user=workspace.member).delete()
        client.force_login(workspace.member)
        assert "Secret item" not in client.get("/my/action-items/").content.decode()
