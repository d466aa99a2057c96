"""Every change to workshop registrations, feedback, reminders and hackathon teams.

Places are given out under a row lock on the workshop (SELECT … FOR UPDATE on
PostgreSQL), so two people taking the last place at the same moment get one place and
one waiting-list position. E-mails leave only after the transaction commits.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network import permissions as network_permissions
from network.models import User
from portal import calendars, permissions, selectors
from portal.emails import send_templated_email
from portal.models import (
    CalendarFeed,
    Feedback,
    HackathonChallenge,
    Registration,
    RegistrationStatus,
    ReminderKind,
    ReminderSent,
    Submission,
    Team,
    TeamMembership,
    WorkshopPage,
    WorkshopSegment,
)

# How long after the event participants are still asked for feedback.
FEEDBACK_WINDOW = datetime.timedelta(days=14)

REGISTRATION_REFUSALS = {
    "closed": gettext_lazy("Registration for this event is not on this site."),
    "not_yet": gettext_lazy("Registration has not opened yet."),
    "over": gettext_lazy("Registration for this event has closed."),
}


def _lock(workshop: WorkshopPage) -> WorkshopPage:
    """The workshop, locked until the transaction ends (a no-op on SQLite, which has one writer)."""
    return WorkshopPage.objects.select_for_update(of=("self",)).get(pk=workshop.pk)


def places_taken(workshop: WorkshopPage) -> tuple[int, Counter]:
    """Confirmed places in all, and per office."""
    per_office = Counter(
        dict(
            Registration.objects.confirmed()
            .filter(workshop=workshop)
            .values_list("office_id")
            .annotate(count=Count("pk"))
            .values_list("office_id", "count")
        )
    )
    return sum(per_office.values()), per_office


def _fits(workshop: WorkshopPage, office_id: int | None, total: int, per_office: Counter) -> bool:
    if workshop.capacity is not None and total >= workshop.capacity:
        return False
    limit = workshop.places_per_office
    return not (limit and office_id is not None and per_office[office_id] >= limit)


def registration_create(
    *,
    workshop: WorkshopPage,
    user: User,
    answers: Mapping[str, object] | None = None,
    segments: Iterable[WorkshopSegment] = (),
) -> Registration:
    """Register ``user``: a place if one is left for them, the waiting list otherwise.

    ``segments`` are the parts of the event they will attend; each must be one of this
    event's and open to them (an invitation-only segment needs an invitation).
    """
    if not permissions.can_register(user, workshop):
        raise PermissionDenied(_("Only members of the network register for workshops."))
    segments = _segments_for(user, workshop, segments)
    now = timezone.now()
    with transaction.atomic():
        workshop = _lock(workshop)
        state = workshop.registration_state(now)
        if state != "open":
            raise ValidationError(REGISTRATION_REFUSALS[state])
        registration = Registration.objects.filter(workshop=workshop, user=user).first()
        if registration is not None and registration.is_active:
            raise ValidationError(_("You are already registered for this event."))
        office_id = selectors.member_office_id(user)
        total, per_office = places_taken(workshop)
        confirmed = _fits(workshop, office_id, total, per_office)
        fields = {
            "office_id": office_id,
            "status": RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
            "answers": dict(answers or {}),
            "queued_at": now,
            "confirmed_at": now if confirmed else None,
            "cancelled_at": None,
            "attended": None,
        }
        if registration is None:
            registration = Registration.objects.create(
                workshop=workshop, user=user, created_at=now, **fields
            )
        else:
            # Coming back after cancelling: the same row, at the end of the queue.
            for name, value in fields.items():
                setattr(registration, name, value)
            registration.save()
        registration.segments.set(segments)
        registration.workshop = workshop
        if confirmed:
            _email_place(registration, "portal/emails/registration_confirmed")
        else:
            context = {
                "registration": registration,
                "workshop": workshop,
                "position": waiting_position(registration),
            }
            transaction.on_commit(
                lambda: send_templated_email(
                    "portal/emails/registration_waiting", context, to=[user.email]
                )
            )
    return registration


def _segments_for(
    user: User, workshop: WorkshopPage, chosen: Iterable[WorkshopSegment]
) -> list[WorkshopSegment]:
    allowed = {segment.pk: segment for segment in selectors.segments_open_to(user, workshop)}
    chosen = list(chosen)
    refused = [segment for segment in chosen if segment.pk not in allowed]
    if refused:
        raise ValidationError(
            {
                "segments": _(
                    "These parts of the event are by invitation, and you are not invited: "
                    "%(segments)s."
                )
                % {"segments": ", ".join(segment.title for segment in refused)}
            }
        )
    return [allowed[segment.pk] for segment in chosen]


def waiting_position(registration: Registration) -> int | None:
    if not registration.is_waiting:
        return None
    ahead = (
        Registration.objects.waiting()
        .filter(workshop_id=registration.workshop_id)
        .filter(queued_at__lte=registration.queued_at)
        .exclude(queued_at=registration.queued_at, pk__gt=registration.pk)
        .count()
    )
    return ahead


def registration_cancel(*, registration: Registration, cancelled_by: User) -> list[Registration]:
    """Cancel a registration; a freed place goes to the next people on the waiting list.

    Returns the registrations that were promoted. Cancelling twice changes nothing.
    """
    if registration.user_id != cancelled_by.pk and not permissions.can_manage_registrations(
        cancelled_by, registration.workshop
    ):
        raise PermissionDenied(_("You can only cancel your own registration."))
    with transaction.atomic():
        workshop = _lock(registration.workshop)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        if not registration.is_active:
            return []
        freed_a_place = registration.is_confirmed
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        send_templated_email(
            "portal/emails/registration_cancelled",
            {
                "registration": registration,
                "workshop": workshop,
                "by_secretariat": cancelled_by.pk != registration.user_id,
            },
            to=[registration.user.email],
        )
        return registrations_fill_places(workshop=workshop) if freed_a_place else []


def registrations_fill_places(*, workshop: WorkshopPage) -> list[Registration]:
    """Give free places to the waiting list in order, skipping people whose office is full.

    Called after a cancellation and after the secretariat publishes more places.
    """
    with transaction.atomic():
        workshop = _lock(workshop)
        if workshop.is_past:
            return []
        total, per_office = places_taken(workshop)
        promoted = []
        now = timezone.now()
        for candidate in (
            Registration.objects.waiting().filter(workshop=workshop).select_related("user")
        ):
            if workshop.capacity is not None and total >= workshop.capacity:
                break
            if not _fits(workshop, candidate.office_id, total, per_office):
                continue
            candidate.status = RegistrationStatus.CONFIRMED
            candidate.confirmed_at = now
            candidate.save(update_fields=["status", "confirmed_at"])
            candidate.workshop = workshop
            total += 1
            per_office[candidate.office_id] += 1
            promoted.append(candidate)
            _email_place(candidate, "portal/emails/registration_promoted")
        return promoted


def _email_place(registration: Registration, template: str) -> None:
    """Tell a participant they have a place, with the event for their calendar.

    Composed once the transaction commits, so that the workshop's lock is not held
    while the e-mail and its calendar file are rendered.
    """

    def compose():
        workshop = registration.workshop
        ics = calendars.workshop_ics(workshop, include_online_link=True)
        send_templated_email(
            template,
            {
                "registration": registration,
                "workshop": workshop,
                "reader_zone": _reader_zone_name(registration.user),
            },
            to=[registration.user.email],
            attachments=[(f"{workshop.slug}.ics", ics, "text/calendar")],
        )

    transaction.on_commit(compose)


def _reader_zone_name(user: User) -> str | None:
    from portal.selectors import reader_time_zone

    zone = reader_time_zone(user)
    return zone.key if zone else None


def registration_set_attendance(
    *, workshop: WorkshopPage, attendance: Mapping[int, bool | None], recorded_by: User
) -> int:
    """Record who came (True), who did not (False) or unknown (None); returns rows changed."""
    if not permissions.can_manage_registrations(recorded_by, workshop):
        raise PermissionDenied(_("Only the secretariat records attendance."))
    changed = 0
    with transaction.atomic():
        registrations = Registration.objects.confirmed().filter(
            workshop=workshop, pk__in=list(attendance)
        )
        for registration in registrations:
            value = attendance[registration.pk]
            if registration.attended != value:
                registration.attended = value
                registration.save(update_fields=["attended"])
                changed += 1
    return changed


def feedback_submit(
    *,
    registration: Registration,
    user: User,
    rating: int,
    most_useful: str = "",
    improve: str = "",
    next_topics: str = "",
) -> Feedback:
    """Save a participant's feedback; sending it again replaces the earlier answers."""
    if not permissions.can_give_feedback(user, registration.workshop, registration):
        raise PermissionDenied(_("Feedback is for the event's participants, once it has begun."))
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Choose from 1 to 5.")})
    feedback, _created = Feedback.objects.update_or_create(
        registration=registration,
        defaults={
            "rating": rating,
            "most_useful": most_useful,
            "improve": improve,
            "next_topics": next_topics,
            "submitted_at": timezone.now(),
        },
    )
    return feedback


# Reminders -------------------------------------------------------------------------------


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
    ReminderKind.WEEK_BEFORE: "portal/emails/reminder",
    ReminderKind.DAY_BEFORE: "portal/emails/reminder",
    ReminderKind.FEEDBACK: "portal/emails/feedback_request",
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
            "reader_zone": _reader_zone_name(registration.user),
        },
        to=[registration.user.email],
        attachments=attachments,
    )


# Hackathons ------------------------------------------------------------------------------


def team_create(
    *,
    workshop: WorkshopPage,
    name: str,
    challenge: HackathonChallenge | None,
    members: Iterable[User],
    created_by: User,
) -> Team:
    """Sign up a team of confirmed participants, each in no other team of this event."""
    registration = Registration.objects.filter(workshop=workshop, user=created_by).first()
    if not permissions.can_sign_up_team(created_by, workshop, registration):
        raise PermissionDenied(_("Teams are signed up by the event's registered participants."))
    name = " ".join(name.split())
    people = {created_by.pk: created_by, **{person.pk: person for person in members}}
    errors = {}
    if not name:
        errors["name"] = _("Give the team a name.")
    if challenge is not None and challenge.page_id != workshop.pk:
        errors["challenge"] = _("Choose one of this event's challenges.")
    if len(people) > workshop.max_team_size:
        errors["members"] = _("A team has at most %(size)d people.") % {
            "size": workshop.max_team_size
        }
    participants = set(
        workshop.registrations.confirmed().filter(user__in=people).values_list("user", flat=True)
    )
    if set(people) - participants:
        errors["members"] = _("Everyone in a team must be registered for the event.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        workshop = _lock(workshop)
        if workshop.teams.filter(name__iexact=name).exists():
            raise ValidationError({"name": _("Another team has this name.")})
        taken = TeamMembership.objects.filter(workshop=workshop, user__in=people).select_related(
            "user"
        )
        if taken:
            names = ", ".join(str(membership.user) for membership in taken)
            raise ValidationError(
                {"members": _("Already in a team: %(names)s.") % {"names": names}}
            )
        team = Team.objects.create(
            workshop=workshop, name=name, challenge=challenge, created_by=created_by
        )
        TeamMembership.objects.bulk_create(
            TeamMembership(team=team, user_id=pk, workshop=workshop) for pk in people
        )
    return team


def submission_save(*, team: Team, user: User, link: str, description: str) -> Submission:
    """Hand in or update the team's submission, until the deadline."""
    if not permissions.can_edit_submission(user, team):
        raise PermissionDenied(_("Submissions are closed, or you are not in this team."))
    now = timezone.now()
    submission, created = Submission.objects.get_or_create(
        team=team,
        defaults={
            "link": link,
            "description": description,
            "submitted_at": now,
            "updated_at": now,
            "submitted_by": user,
        },
    )
    if not created:
        submission.link = link
        submission.description = description
        submission.updated_at = now
        submission.submitted_by = user
        submission.save()
    return submission


# A person's calendar address -----------------------------------------------------------------


def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the person a new secret calendar address; the old one stops working at once."""
    if not network_permissions.is_member(user):
        raise PermissionDenied(_("Personal calendars are for members of the network."))
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        return CalendarFeed.objects.create(user=user)
