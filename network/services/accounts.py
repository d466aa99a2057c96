"""Accounts: invitations, the accounts they create, and signing out everywhere."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from network import permissions
from network.models import (
    Invitation,
    InvitationStatus,
    Member,
    MemberRole,
    OfficePage,
    User,
)
from network.models.accounts import hash_token, new_token
from network.services.offices import seat_assign
from network.signals import signed_out_everywhere
from portal.emails import send_templated_email


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
    language: str = "",
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
            language=language or settings.LANGUAGE_CODE,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + Invitation.VALID_FOR,
        )
        send_templated_email(
            "network/emails/invitation",
            {
                "invitation": invitation,
                "link": _link_in(invitation.language, "network:invitation", token),
                "inviter": invited_by,
            },
            to=[email],
            language=invitation.language,
        )
    return invitation, token


def _link_in(language: str, name: str, *args) -> str:
    # The address in the reader's language, where addresses carry one.
    with translation.override(language):
        return reverse(name, args=args)


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
            language=invitation.language,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Member.objects.create(user=user, office=invitation.office, role=invitation.role)
        user.groups.add(Group.objects.get_or_create(name=permissions.MEMBERS_GROUP)[0])
        if is_secretariat:
            user.groups.add(Group.objects.get_or_create(name=permissions.SECRETARIAT_GROUP)[0])
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


def sessions_end_everywhere(*, user: User) -> None:
    """Sign the person out on every device; receivers of ``signed_out_everywhere`` close
    what else the person has open (the task forces' sockets)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    signed_out_everywhere.send(sender=User, user=user)
