"""Nominations: an office proposes who takes a seat; the secretariat decides."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Member, Nomination, NominationStatus, OfficePage, User
from network.services.accounts import invitation_create
from network.services.offices import seat_assign
from portal.emails import send_templated_email


def nomination_create(
    *,
    office: OfficePage,
    seat: str,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    note: str,
    nominated_by: User,
) -> Nomination:
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).select_related("member__office").first()
    other_office = existing and getattr(existing, "member", None) and existing.member.office
    if other_office and other_office != office:
        raise ValidationError({"email": _("This person represents another office in the network.")})
    if Nomination.objects.filter(
        office=office, seat=seat, status=NominationStatus.PENDING
    ).exists():
        raise ValidationError(
            _("A nomination for this seat is already waiting for the secretariat.")
        )
    nomination = Nomination.objects.create(
        office=office,
        seat=seat,
        nominee_email=email,
        nominee_first_name=first_name,
        nominee_last_name=last_name,
        nominee_role=role,
        note=note,
        nominated_by=nominated_by,
    )
    return nomination


def nomination_confirm(*, nomination: Nomination, decided_by: User) -> None:
    """The nominee takes the seat, or is invited and takes it on accepting."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status != NominationStatus.PENDING:
            raise ValidationError(_("This nomination has already been decided."))
        user = User.objects.filter(email__iexact=nomination.nominee_email).first()
        if user is None:
            invitation_create(
                email=nomination.nominee_email,
                first_name=nomination.nominee_first_name,
                last_name=nomination.nominee_last_name,
                role=nomination.nominee_role,
                office=nomination.office,
                seat=nomination.seat,
                invited_by=decided_by,
            )
        else:
            Member.objects.update_or_create(
                user=user,
                defaults={"office": nomination.office, "role": nomination.nominee_role},
            )
            seat_assign(
                office=nomination.office, user=user, seat=nomination.seat, confirmed_by=decided_by
            )
        _decide(nomination, NominationStatus.CONFIRMED, decided_by, "")


def nomination_decline(*, nomination: Nomination, decided_by: User, reason: str) -> None:
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status != NominationStatus.PENDING:
            raise ValidationError(_("This nomination has already been decided."))
        _decide(nomination, NominationStatus.DECLINED, decided_by, reason)


def _decide(nomination: Nomination, status: str, decided_by: User, reason: str) -> None:
    nomination.status = status
    nomination.decided_by = decided_by
    nomination.decided_at = timezone.now()
    nomination.decision_note = reason
    nomination.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if nomination.nominated_by and nomination.nominated_by.email:
        send_templated_email(
            "network/emails/nomination_decided",
            {"nomination": nomination},
            to=[nomination.nominated_by.email],
        )
