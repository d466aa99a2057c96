"""Meetings in members' calendars: the invitation e-mailed when a meeting is scheduled,
its update when it moves, its cancellation, and a reminder the day before, sent once.

Each e-mail carries the meeting's .ics (taskforces.calendars): METHOD:REQUEST for an
invitation or an update, METHOD:CANCEL for a cancellation, one UID for the meeting's
whole life and a SEQUENCE raised by every change. They go to the task force's members
who take e-mail (not those who chose "No e-mail"), each in their own language and time
zone, once the change is committed.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from network.models import User
from portal.emails import send_templated_email
from taskforces import calendars
from taskforces.models import EmailMode, Meeting

# What a calendar must apply when it changes: the invitation is sent again as an update.
CALENDAR_FIELDS = ("title", "starts_at", "duration", "location")
REMINDER_AHEAD = datetime.timedelta(hours=24)


def meeting_recipients(meeting: Meeting) -> list[User]:
    return list(
        User.objects.filter(
            taskforce_memberships__taskforce_id=meeting.taskforce_id, is_active=True
        )
        .exclude(notification_preference__email_mode=EmailMode.NONE)
        .distinct()
    )


def _send(meeting: Meeting, change: str, method: str) -> None:
    recipients = meeting_recipients(meeting)
    if not recipients:
        return
    ics = calendars.meeting_ics(meeting, method=method)
    send_templated_email(
        "taskforces/emails/meeting",
        {
            "change": change,
            "meeting": meeting,
            "taskforce": meeting.taskforce,
            "url": calendars.meeting_url(meeting),
        },
        to=recipients,
        attachments=[("meeting.ics", ics, "text/calendar")],
    )


def meeting_scheduled(meeting: Meeting) -> None:
    _send(meeting, "scheduled", calendars.REQUEST)


def meeting_changed(meeting: Meeting, before: dict) -> bool:
    """After a save: raise the sequence and send the update if the calendar must change
    (``before``: the calendar fields' earlier values). Returns whether it did."""
    if all(getattr(meeting, name) == value for name, value in before.items()):
        return False
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence"])
    _send(meeting, "moved", calendars.REQUEST)
    return True


def calendar_fields(meeting: Meeting) -> dict:
    return {name: getattr(meeting, name) for name in CALENDAR_FIELDS}


def meeting_cancel(meeting: Meeting) -> Meeting:
    """Cancel the meeting (once) and send the cancellation."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_cancelled:
            return meeting
        meeting.cancelled_at = timezone.now()
        meeting.sequence += 1
        meeting.save(update_fields=["cancelled_at", "sequence"])
        _send(meeting, "cancelled", calendars.CANCEL)
    return meeting


def meeting_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the members of each meeting starting within a day; each meeting once, even
    if two schedulers run this at the same time. Returns how many meetings."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_AHEAD,
    ).select_related("taskforce")
    sent = 0
    for meeting in due:
        with transaction.atomic():
            claimed = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                _send(meeting, "reminder", calendars.REQUEST)
                sent += 1
    return sent
