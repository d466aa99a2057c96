"""Reads about who belongs to a task force (or to the forum, the whole network): members,
chairs, requests to join and the handles posts mention them by."""

from django.db.models import Case, QuerySet, Value, When

from network.models import User
from taskforces import permissions
from taskforces.markup import mention_handle
from taskforces.models import (
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    TaskForcePage,
)

# Members ------------------------------------------------------------------------------------


def membership_for(user, taskforce: TaskForcePage) -> Membership | None:
    # The person's memberships are read once per request, with their roles.
    return permissions.memberships(user).get(taskforce.pk)


# Avatars show members' photos: each photo's renditions are read with it, in one query.
AUTHOR_PHOTO = "author__member__photo"


def taskforce_members(taskforce: TaskForcePage) -> QuerySet[Membership]:
    role_order = {MembershipRole.CHAIR: 0, MembershipRole.MEMBER: 1, MembershipRole.OBSERVER: 2}
    return (
        taskforce.memberships.filter(user__is_active=True)
        .select_related("user__member__office", "user__member__photo")
        .prefetch_related("user__member__photo__renditions")
        .annotate(
            role_order=Case(*[When(role=role, then=Value(n)) for role, n in role_order.items()])
        )
        .order_by("role_order", "user__last_name", "user__first_name")
    )


def chairs(taskforce: TaskForcePage) -> QuerySet[Membership]:
    return (
        taskforce.memberships.filter(role=MembershipRole.CHAIR)
        .select_related("user__member__office")
        .order_by("user__last_name")
    )


def pending_join_requests(taskforce: TaskForcePage) -> QuerySet[JoinRequest]:
    return taskforce.join_requests.filter(status=JoinRequestStatus.PENDING).select_related(
        "user__member__office"
    )


def pending_join_request(user, taskforce: TaskForcePage) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return taskforce.join_requests.filter(user=user, status=JoinRequestStatus.PENDING).first()


def mention_handles(taskforce: TaskForcePage) -> dict[str, User]:
    """Handle ("lena.fischer") to person, for the task force's members; where two share a
    name, the earlier account has the plain handle and the next ones "lena.fischer.2", …"""
    return _handles(participants(taskforce).only("pk", "first_name", "last_name"))


def participants(taskforce: TaskForcePage) -> QuerySet[User]:
    """The people who take part: the task force's members; in the forum, every member of
    the network, joined or not."""
    if taskforce.open_to_network:
        return User.objects.filter(is_active=True, member__isnull=False)
    return User.objects.filter(taskforce_memberships__taskforce=taskforce, is_active=True)


def _handles(users) -> dict[str, User]:
    handles: dict[str, User] = {}
    for user in sorted(users, key=lambda user: user.pk):
        base = mention_handle(user.first_name, user.last_name, f"member{user.pk}")
        handle, number = base, 1
        while handle in handles:
            number += 1
            handle = f"{base}.{number}"
        handles[handle] = user
    return handles


def mention_candidates(taskforce: TaskForcePage, typed: str, *, exclude, limit: int = 8) -> list:
    """Up to ``limit`` (handle, person) pairs whose handle, or a part of it, starts with
    ``typed``, not ``exclude`` (the writer); whole-handle matches first. One query."""
    typed = typed.lower()
    handles = _handles(participants(taskforce).select_related("member__office"))
    found = [
        (not handle.startswith(typed), user.last_name.lower(), handle, user)
        for handle, user in handles.items()
        if user.pk != exclude.pk
        and any(part.startswith(typed) for part in [handle, *handle.split(".")])
    ]
    return [(handle, user) for *_order, handle, user in sorted(found)[:limit]]


def member_handles(memberships) -> dict[int, str]:
    """Person's id to handle, for all of a task force's members (namesakes numbered)."""
    users = [membership.user for membership in memberships]
    return {user.pk: handle for handle, user in _handles(users).items()}
