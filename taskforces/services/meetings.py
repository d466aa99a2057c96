"""The records a chair keeps: meetings, proposals and the decisions log, action items."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from network.models import User
from taskforces import permissions, refusals
from taskforces.models import (
    ActionItem,
    ActionStatus,
    Answer,
    Decision,
    DecisionStatus,
    Meeting,
    MembershipRole,
    NotificationKind,
    Proposal,
    ProposalResponse,
    TaskForcePage,
    Thread,
)
from taskforces.services import invitations
from taskforces.services.notifications import notification_create


def _require_manager(user: User, taskforce: TaskForcePage) -> None:
    if not permissions.can_manage(user, taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)


def deadline_check(deadline: datetime.datetime) -> None:
    """A proposal's deadline lies ahead; the proposal form checks with this too."""
    if deadline <= timezone.now():
        raise ValidationError({"deadline": refusals.DEADLINE_IN_FUTURE})


def answer_check(*, answer: str, reason: str) -> None:
    """An objection says why; the answer form checks with this too."""
    if answer == Answer.OBJECTION and not reason.strip():
        raise ValidationError({"reason": refusals.OBJECTION_NEEDS_REASON})


def meeting_save(
    *,
    taskforce: TaskForcePage,
    saved_by: User,
    meeting: Meeting | None = None,
    title: str,
    starts_at: datetime.datetime,
    duration: int | None = None,
    location: str = "",
    agenda: str = "",
    minutes: str = "",
    attendees: Iterable[User] = (),
) -> Meeting:
    """Schedule a meeting or change it. Members are sent an invitation with its .ics when
    it is scheduled, and an update when its time, length, place or title changes
    (taskforces.services.invitations)."""
    _require_manager(saved_by, taskforce)
    attendees = list(attendees)
    allowed = set(taskforce.memberships.values_list("user_id", flat=True))
    if any(person.pk not in allowed for person in attendees):
        raise ValidationError(refusals.ATTENDEES_MEMBERS_ONLY)
    with transaction.atomic():
        created = meeting is None
        if created:
            meeting = Meeting(taskforce=taskforce, created_by=saved_by)
        else:
            meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if meeting.is_cancelled:
                raise ValidationError(refusals.MEETING_CANCELLED)
        before = invitations.calendar_fields(meeting)
        meeting.title = title
        meeting.starts_at = starts_at
        # Not given: an hour, the model's default.
        meeting.duration = duration or Meeting._meta.get_field("duration").default
        meeting.location = location
        meeting.agenda = agenda
        meeting.minutes = minutes
        meeting.save()
        meeting.attendees.set(attendees)
        if created:
            invitations.meeting_scheduled(meeting)
        else:
            invitations.meeting_changed(meeting, before)
    return meeting


def meeting_cancel(*, meeting: Meeting, cancelled_by: User) -> Meeting:
    """Cancel a meeting; members are sent the cancellation for their calendars."""
    _require_manager(cancelled_by, meeting.taskforce)
    return invitations.meeting_cancel(meeting)


def proposal_create(
    *,
    taskforce: TaskForcePage,
    created_by: User,
    title: str,
    text: str,
    deadline: datetime.datetime,
    quorum: int,
    meeting: Meeting | None = None,
    thread: Thread | None = None,
) -> Proposal:
    _require_manager(created_by, taskforce)
    deadline_check(deadline)
    for linked in (meeting, thread):
        if linked is not None and linked.taskforce_id != taskforce.pk:
            raise ValidationError(refusals.LINK_OWN_RECORDS)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            taskforce=taskforce,
            created_by=created_by,
            title=title,
            text=text,
            deadline=deadline,
            quorum=quorum,
            meeting=meeting,
            thread=thread,
        )
        url = taskforce.workspace_url("proposal", proposal.pk)
        for membership in taskforce.memberships.exclude(role=MembershipRole.OBSERVER).exclude(
            user=created_by
        ):
            notification_create(
                user=membership.user,
                kind=NotificationKind.PROPOSAL,
                taskforce=taskforce,
                text=gettext_noop(
                    "New proposal for a decision: “%(title)s”. Answer by %(deadline)s."
                ),
                params={"title": title, "deadline": {"date": deadline.isoformat()}},
                url=url,
            )
    return proposal


def proposal_answer(
    *, proposal: Proposal, user: User, answer: str, reason: str = ""
) -> ProposalResponse:
    if not permissions.can_answer_proposal(user, proposal.taskforce):
        raise PermissionDenied(refusals.OBSERVERS_READ_ONLY)
    if not proposal.is_open or proposal.deadline <= timezone.now():
        raise ValidationError(refusals.PROPOSAL_NOT_OPEN)
    answer_check(answer=answer, reason=reason)
    response, _created = ProposalResponse.objects.update_or_create(
        proposal=proposal, user=user, defaults={"answer": answer, "reason": reason}
    )
    return response


def proposal_close(
    *, proposal: Proposal, closed_by: User, review_on: datetime.date | None = None
) -> Decision:
    """Close the proposal and record its outcome in the decisions log."""
    _require_manager(closed_by, proposal.taskforce)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ValidationError(refusals.PROPOSAL_ALREADY_CLOSED)
        answers = list(proposal.responses.values_list("answer", flat=True))
        counts = {choice: answers.count(choice) for choice in Answer.values}
        if len(answers) < proposal.quorum:
            status = DecisionStatus.NO_QUORUM
        elif counts[Answer.OBJECTION]:
            status = DecisionStatus.NOT_ADOPTED
        else:
            status = DecisionStatus.ADOPTED
        proposal.closed_at = timezone.now()
        proposal.save(update_fields=["closed_at"])
        decision = Decision.objects.create(
            taskforce=proposal.taskforce,
            proposal=proposal,
            title=proposal.title,
            text=proposal.text,
            decided_on=timezone.localdate(),
            meeting=proposal.meeting,
            thread=proposal.thread,
            status=status,
            review_on=review_on,
            consents=counts[Answer.CONSENT],
            objections=counts[Answer.OBJECTION],
            abstentions=counts[Answer.ABSTAIN],
        )
    return decision


def action_item_create(
    *,
    taskforce: TaskForcePage,
    created_by: User,
    title: str,
    owner: User,
    due_on: datetime.date | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
) -> ActionItem:
    _require_manager(created_by, taskforce)
    if not taskforce.memberships.filter(user=owner).exists():
        raise ValidationError({"owner": refusals.OWNER_MEMBER_ONLY})
    with transaction.atomic():
        item = ActionItem.objects.create(
            taskforce=taskforce,
            created_by=created_by,
            title=title,
            owner=owner,
            due_on=due_on,
            meeting=meeting,
            decision=decision,
        )
        if owner.pk != created_by.pk:
            notification_create(
                user=owner,
                kind=NotificationKind.ACTION,
                taskforce=taskforce,
                text=gettext_noop("New action item for you: %(title)s"),
                params={"title": title},
                url=taskforce.workspace_url("actions"),
            )
    return item


def action_item_set_status(*, item: ActionItem, changed_by: User, status: str) -> ActionItem:
    if not permissions.can_update_action(changed_by, item):
        raise PermissionDenied(refusals.OWNER_OR_CHAIR_ONLY)
    if status not in ActionStatus.values:
        raise ValidationError(refusals.UNKNOWN_STATUS)
    item.status = status
    item.save(update_fields=["status"])
    return item
