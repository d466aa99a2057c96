"""Reminders before a workshop and the request for feedback after it, each sent once."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.emails import send_templated_email
from portal.workshops import calendars
from portal.workshops.models import Registration, ReminderKind, ReminderSent
from portal.workshops.services.registrations import reader_zone_name

# How long after the event participants are still asked for feedback.
FEEDBACK_WINDOW = datetime.timedelta(days=14)


def _reminder_candidates(kind: str, now: datetime.datetime):
    registrations = Registration.objects.confirmed().filter(
        workshop__live=True, user__is_active=True
    )
    if kind == ReminderKind.WEEK_BEFORE:
        # Not for people who got their place inside the week: their confirmation is recent.
        registrations = registrations.filter(
            workshop__starts_at__gt=now + datetime.timedelta(days=1),
            workshop__starts_at__lte=now + datetime.timedelta(days=7),
            confirmed_at__lte=F("workshop__starts_at") - datetime.timedelta(days=7),
        )
    elif kind == ReminderKind.DAY_BEFORE:
        registrations = registrations.filter(
            workshop__starts_at__gt=now,
            workshop__starts_at__lte=now + datetime.timedelta(days=1),
            confirmed_at__lte=F("workshop__starts_at") - datetime.timedelta(days=1),
        )
    else:
        registrations = registrations.filter(
            workshop__ends_at__lte=now,
            workshop__ends_at__gt=now - FEEDBACK_WINDOW,
            feedback__isnull=True,
        ).exclude(attended=False)
    return registrations.exclude(reminders_sent__kind=kind).select_related("workshop", "user")


REMINDER_TEMPLATES = {
    ReminderKind.WEEK_BEFORE: "workshops/emails/reminder",
    ReminderKind.DAY_BEFORE: "workshops/emails/reminder",
    ReminderKind.FEEDBACK: "workshops/emails/feedback_request",
}


def reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send the reminders that are due; each one at most once per participant.

    Meant to run from a scheduler (e.g. hourly). The record of a reminder is written in
    the same transaction that queues its e-mail, and the database refuses a second
    record, so overlapping runs cannot send the same reminder twice.
    """
    now = now or timezone.now()
    sent = {}
    for kind in ReminderKind:
        count = 0
        for registration in _reminder_candidates(kind, now):
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(registration=registration, kind=kind, sent_at=now)
                    _email_reminder(registration, kind)
            except IntegrityError:
                continue  # Another run recorded it first.
            count += 1
        sent[kind.value] = count
    return sent


def _email_reminder(registration: Registration, kind: str) -> None:
    workshop = registration.workshop
    attachments = None
    if kind != ReminderKind.FEEDBACK:
        ics = calendars.workshop_ics(workshop, include_online_link=True)
        attachments = [(f"{workshop.slug}.ics", ics, "text/calendar")]
    send_templated_email(
        REMINDER_TEMPLATES[kind],
        {
            "registration": registration,
            "workshop": workshop,
            "kind": kind,
            "days": 7 if kind == ReminderKind.WEEK_BEFORE else 1,
            "reader_zone": reader_zone_name(registration.user),
        },
        to=[registration.user.email],
        attachments=attachments,
    )
