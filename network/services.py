"""Every change to the network's people, seats and assessments goes through here."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from allauth.account.models import EmailAddress

from network import permissions
from network.maturity import Dimension
from network.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Invitation,
    InvitationStatus,
    Member,
    MemberRole,
    Nomination,
    NominationStatus,
    OfficePage,
    Seat,
    SeatTerm,
    User,
)
from network.models.accounts import hash_token, new_token
from portal.emails import send_templated_email

# Invitations ---------------------------------------------------------------------------


class InvitationUnusable(Exception):
    """The link cannot create an account; ``status`` says why."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


def invitation_create(
    *,
    email: str,
    role: str,
    office: OfficePage | None,
    invited_by: User | None,
    first_name: str = "",
    last_name: str = "",
    seat: str = "",
) -> tuple[Invitation, str]:
    """Invite one person; returns the invitation and the token of its link.

    Any earlier invitation still pending for the same address stops working.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This person already has an account.")})
    if role == MemberRole.SECRETARIAT and office is not None:
        raise ValidationError({"office": _("Secretariat staff do not belong to an office.")})
    if role != MemberRole.SECRETARIAT and office is None:
        raise ValidationError({"office": _("Choose the office this person represents.")})

    now = timezone.now()
    token = new_token()
    with transaction.atomic():
        Invitation.objects.filter(
            email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            office=office,
            role=role,
            seat=seat,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + Invitation.VALID_FOR,
        )
        send_templated_email(
            "network/emails/invitation",
            {
                "invitation": invitation,
                "link": reverse("network:invitation", args=[token]),
                "inviter": invited_by,
            },
            to=[email],
        )
    return invitation, token


def invitation_find(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("office", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_accept(*, token: str, first_name: str, last_name: str, password: str) -> User:
    """Create the invited person's account, profile and seat; the link is then used up.

    Raises InvitationUnusable if the link is unknown, used, replaced or expired.
    """
    with transaction.atomic():
        # Locked, so that two clicks on the same link cannot make two accounts.
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if invitation is None:
            raise InvitationUnusable("unknown")
        if invitation.status != InvitationStatus.PENDING:
            raise InvitationUnusable(invitation.status)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationUnusable(InvitationStatus.ACCEPTED)

        is_secretariat = invitation.role == MemberRole.SECRETARIAT
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=is_secretariat,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Member.objects.create(user=user, office=invitation.office, role=invitation.role)
        user.groups.add(_group(permissions.MEMBERS_GROUP))
        if is_secretariat:
            user.groups.add(_group(permissions.SECRETARIAT_GROUP))
        if invitation.seat and invitation.office:
            seat_assign(
                office=invitation.office,
                user=user,
                seat=invitation.seat,
                confirmed_by=invitation.invited_by,
            )
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
    return user


def _group(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]


# Seats -----------------------------------------------------------------------------------


def seat_assign(
    *, office: OfficePage, user: User, seat: str, confirmed_by: User | None
) -> SeatTerm:
    """Give ``user`` the seat; whoever held it before steps down today, keeping the history."""
    today = timezone.localdate()
    with transaction.atomic():
        current = SeatTerm.objects.select_for_update().current().filter(office=office)
        ending = current.filter(user=user)
        if seat == Seat.PRINCIPAL:
            ending = ending | current.filter(seat=Seat.PRINCIPAL)
        ending.update(ended_on=today)
        term = SeatTerm.objects.create(
            office=office, user=user, seat=seat, started_on=today, confirmed_by=confirmed_by
        )
        Member.objects.filter(user=user).update(office=office)
        office_group_sync(office)
    permissions.forget_cached_roles(user)
    return term


def seat_end(*, term: SeatTerm, ended_on: datetime.date | None = None) -> None:
    term.ended_on = ended_on or timezone.localdate()
    term.save(update_fields=["ended_on"])
    office_group_sync(term.office)


OFFICES_COLLECTION = "Offices"


def office_collection(office: OfficePage) -> Collection:
    """The image collection of one office (its logo, screenshots of its catalogue entries),
    under the "Offices" collection; created when first needed."""
    root = Collection.get_first_root_node()
    offices = root.get_children().filter(name=OFFICES_COLLECTION).first()
    if offices is None:
        offices = root.add_child(name=OFFICES_COLLECTION)
    name = f"{office.code} · {office.title}"[:255]
    children = offices.get_children()
    collection = children.filter(name__startswith=f"{office.code} · ").first()
    if collection is None:
        collection = offices.add_child(name=name)
    elif collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def office_images_ensure(office: OfficePage, group: Group) -> None:
    """The office's representatives upload, edit and choose images in its own collection
    only, for the office page and the catalogue entries they propose."""
    collection = office_collection(office)
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )


def office_group_sync(office: OfficePage) -> Group:
    """The office's Wagtail group: may edit this office's page, holds its current seats."""
    group = _group(permissions.office_group_name(office))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=office,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    holders = User.objects.filter(
        pk__in=SeatTerm.objects.current().filter(office=office).values("user")
    )
    group.user_set.set(holders)
    office_images_ensure(office, group)
    # Representatives propose their office's catalogue entries for the secretariat's review.
    from catalogue.services import office_group_catalogue_access

    office_group_catalogue_access(group)
    return group


# Nominations -----------------------------------------------------------------------------


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


# Assessments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerData:
    score: int | None
    comment: str = ""
    evidence_url: str = ""


def assessment_for(*, office: OfficePage, year: int) -> Assessment:
    """The office's assessment for ``year``, started as an empty draft if there is none."""
    assessment, created = Assessment.objects.get_or_create(office=office, year=year)
    if created:
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(assessment=assessment, dimension=dimension.value)
            for dimension in Dimension
        )
    return assessment


def assessment_save(
    *,
    assessment: Assessment,
    answers: Mapping[str, AnswerData],
    submit: bool,
    user: User,
) -> Assessment:
    """Save the answers; with ``submit``, every dimension must be scored and the
    assessment is final. A submitted assessment no longer changes."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.is_submitted:
            raise ValidationError(_("This assessment was submitted and can no longer change."))
        unknown = set(answers) - set(Dimension.values)
        if unknown:
            raise ValidationError(_("Unknown dimension: %s") % ", ".join(sorted(unknown)))
        if submit:
            missing = [
                Dimension(value).label
                for value in Dimension.values
                if answers.get(value) is None or answers[value].score is None
            ]
            if missing:
                raise ValidationError(
                    _("Score every dimension before submitting. Missing: %s")
                    % ", ".join(str(label) for label in missing)
                )
        for dimension, data in answers.items():
            if data.score is not None and not 1 <= data.score <= 5:
                raise ValidationError(_("Scores go from 1 to 5."))
            AssessmentAnswer.objects.update_or_create(
                assessment=assessment,
                dimension=dimension,
                defaults={
                    "score": data.score,
                    "comment": data.comment,
                    "evidence_url": data.evidence_url,
                },
            )
        if submit:
            assessment.status = AssessmentStatus.SUBMITTED
            assessment.submitted_at = timezone.now()
            assessment.submitted_by = user
        assessment.save()
    return assessment


def assessment_reopen(*, assessment: Assessment) -> None:
    """Back to draft, for the secretariat to undo a submission made by mistake."""
    Assessment.objects.filter(pk=assessment.pk).update(
        status=AssessmentStatus.DRAFT, submitted_at=None, submitted_by=None
    )


# Accounts --------------------------------------------------------------------------------


def sessions_end_everywhere(user: User) -> None:
    """Sign the person out on every device and close their open sockets."""
    from taskforces import events

    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    events.send_on_commit(events.user_group(user.pk), events.signed_out_event())
