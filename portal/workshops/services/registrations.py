"""Registrations: places and the waiting list, attendance, feedback, personal calendars.

Places are given out under a row lock on the workshop (SELECT … FOR UPDATE on
PostgreSQL), so two people taking the last place at the same moment get one place and
one waiting-list position. E-mails leave only after the transaction commits.
"""

from collections import Counter
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from network import permissions as network_permissions
from network.models import User
from portal.emails import send_templated_email
from portal.workshops import calendars, permissions, selectors
from portal.workshops.models import (
    CalendarFeed,
    Feedback,
    Registration,
    RegistrationStatus,
    WorkshopPage,
    WorkshopSegment,
)


def lock_workshop(workshop: WorkshopPage) -> WorkshopPage:
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
    listed: bool = False,
) -> Registration:
    """Register ``user``: a place if one is left for them, the waiting list otherwise.

    ``segments`` are the parts of the event they will attend; each must be one of this
    event's and open to them (an invitation-only segment needs an invitation). ``listed``:
    they chose to appear on the list of participants members see.
    """
    if not permissions.can_register(user, workshop):
        raise PermissionDenied(permissions.REGISTER_MEMBERS_ONLY)
    segments = _segments_for(user, workshop, segments)
    now = timezone.now()
    with transaction.atomic():
        workshop = lock_workshop(workshop)
        state = workshop.registration_state(now)
        if state != "open":
            raise ValidationError(permissions.REGISTRATION_REFUSALS[state])
        registration = Registration.objects.filter(workshop=workshop, user=user).first()
        if registration is not None and registration.is_active:
            raise ValidationError(permissions.ALREADY_REGISTERED)
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
            "listed": listed,
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
        registration.workshop, registration.user = workshop, user
        _email_registration(registration)
    return registration


def _email_registration(registration: Registration) -> None:
    """Confirm a place, or the position on the waiting list, once the transaction commits."""
    if registration.is_confirmed:
        _email_place(registration, "workshops/emails/registration_confirmed")
        return
    context = {
        "registration": registration,
        "workshop": registration.workshop,
        "position": waiting_position(registration),
    }
    to = [registration.user.email]
    transaction.on_commit(
        lambda: send_templated_email("workshops/emails/registration_waiting", context, to=to)
    )


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
        raise PermissionDenied(permissions.OWN_REGISTRATION_ONLY)
    with transaction.atomic():
        workshop = lock_workshop(registration.workshop)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        if not registration.is_active:
            return []
        freed_a_place = registration.is_confirmed
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        send_templated_email(
            "workshops/emails/registration_cancelled",
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
        workshop = lock_workshop(workshop)
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
            _email_place(candidate, "workshops/emails/registration_promoted")
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
                "reader_zone": reader_zone_name(registration.user),
            },
            to=[registration.user.email],
            attachments=[(f"{workshop.slug}.ics", ics, "text/calendar")],
        )

    transaction.on_commit(compose)


def reader_zone_name(user: User) -> str | None:
    zone = selectors.reader_time_zone(user)
    return zone.key if zone else None


def registration_set_attendance(
    *, workshop: WorkshopPage, attendance: Mapping[int, bool | None], recorded_by: User
) -> int:
    """Record who came (True), who did not (False) or unknown (None); returns rows changed."""
    if not permissions.can_manage_registrations(recorded_by, workshop):
        raise PermissionDenied(permissions.ATTENDANCE_SECRETARIAT_ONLY)
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
        raise PermissionDenied(permissions.FEEDBACK_PARTICIPANTS_ONLY)
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


# A person's calendar address -----------------------------------------------------------------


def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the person a new secret calendar address; the old one stops working at once."""
    if not network_permissions.is_member(user):
        raise PermissionDenied(permissions.CALENDAR_MEMBERS_ONLY)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        return CalendarFeed.objects.create(user=user)
