"""Joining and leaving a task force, and the chair's decisions on its members."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from network.models import User
from portal.emails import send_templated_email
from taskforces import events, permissions, refusals
from taskforces.models import (
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    NotificationKind,
    TaskForcePage,
    ThreadWatch,
)
from taskforces.services.notifications import notification_create


def join_request_create(*, taskforce: TaskForcePage, user: User, message: str = "") -> JoinRequest:
    if not permissions.can_ask_to_join(user, taskforce):
        raise PermissionDenied(refusals.CANNOT_ASK_TO_JOIN)
    with transaction.atomic():
        if taskforce.join_requests.filter(user=user, status=JoinRequestStatus.PENDING).exists():
            raise ValidationError(refusals.JOIN_ALREADY_ASKED)
        request = JoinRequest.objects.create(taskforce=taskforce, user=user, message=message)
        for manager in _managers(taskforce):
            notification_create(
                user=manager,
                kind=NotificationKind.JOIN_REQUEST,
                taskforce=taskforce,
                text=gettext_noop("%(person)s asks to join %(taskforce)s."),
                params={"person": user.get_full_name() or user.email, "taskforce": taskforce.title},
                url=taskforce.workspace_url("members"),
            )
    return request


def join_request_decide(
    *, join_request: JoinRequest, decided_by: User, accept: bool, note: str = ""
) -> Membership | None:
    """Accept (the person becomes a member) or decline (they are told why)."""
    taskforce = join_request.taskforce
    if not permissions.can_manage(decided_by, taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequestStatus.PENDING:
            raise ValidationError(refusals.JOIN_ALREADY_DECIDED)
        join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
        join_request.decided_by = decided_by
        join_request.decided_at = timezone.now()
        join_request.decision_note = note
        join_request.save()
        membership = None
        if accept:
            membership = membership_add(
                taskforce=taskforce, user=join_request.user, role=MembershipRole.MEMBER
            )
            text = gettext_noop("You are now a member of %(taskforce)s.")
            url = taskforce.workspace_url()
        else:
            text = gettext_noop("Your request to join %(taskforce)s was declined.")
            url = taskforce.url
        # Sent whatever the person's notification settings: they asked and wait for it.
        send_templated_email(
            "taskforces/emails/join_decided",
            {"join_request": join_request, "taskforce": taskforce, "accepted": accept, "url": url},
            to=[join_request.user.email],
        )
        if accept:
            notification_create(
                user=join_request.user,
                kind=NotificationKind.JOIN_DECIDED,
                taskforce=taskforce,
                text=text,
                params={"taskforce": taskforce.title},
                url=url,
                email=False,
            )
    return membership


def membership_add(
    *, taskforce: TaskForcePage, user: User, role: str = MembershipRole.MEMBER
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        taskforce=taskforce, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    permissions.forget_cached_memberships(user)
    events.send_on_commit(
        events.user_group(user.pk), events.access_changed_event(taskforce_id=taskforce.pk)
    )
    return membership


def membership_change_role(*, membership: Membership, role: str, changed_by: User) -> Membership:
    taskforce = membership.taskforce
    if not permissions.can_manage(changed_by, taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    with transaction.atomic():
        if membership.role == MembershipRole.CHAIR and role != MembershipRole.CHAIR:
            _keep_a_chair(taskforce, leaving=membership)
        membership.role = role
        membership.save(update_fields=["role"])
        permissions.forget_cached_memberships(membership.user)
        events.send_on_commit(
            events.user_group(membership.user_id),
            events.access_changed_event(taskforce_id=taskforce.pk),
        )
    return membership


def membership_end(*, membership: Membership, ended_by: User) -> None:
    """A member leaves, or a chair or the secretariat removes them; their sockets close."""
    taskforce = membership.taskforce
    if membership.user_id != ended_by.pk and not permissions.can_manage(ended_by, taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    # In the forum a membership only sets a role or a watch level: the person stays in as
    # every member of the network is, so only a moderator ends it (a reader only would
    # otherwise post again by "leaving"), and the forum needs no chair.
    if taskforce.open_to_network and membership.user_id == ended_by.pk:
        raise PermissionDenied(refusals.NOBODY_LEAVES_THE_FORUM)
    with transaction.atomic():
        if membership.role == MembershipRole.CHAIR and not taskforce.open_to_network:
            _keep_a_chair(taskforce, leaving=membership)
        user = membership.user
        membership.delete()
        if not taskforce.open_to_network:
            ThreadWatch.objects.filter(user=user, thread__taskforce=taskforce).delete()
        permissions.forget_cached_memberships(user)
        events.send_on_commit(
            events.user_group(user.pk), events.access_changed_event(taskforce_id=taskforce.pk)
        )


def _keep_a_chair(taskforce: TaskForcePage, *, leaving: Membership) -> None:
    others = taskforce.memberships.filter(role=MembershipRole.CHAIR).exclude(pk=leaving.pk)
    if not others.exists():
        raise ValidationError(refusals.CHAIR_NEEDED)


def _managers(taskforce: TaskForcePage) -> list[User]:
    return [m.user for m in taskforce.memberships.filter(role=MembershipRole.CHAIR)]
