"""Who may do what in a task force: the rules every view, consumer, e-mail and search ask.

- Anyone reads a task force's public page.
- Members of the network ask to join; the chair or the secretariat decides.
- Members of the task force, whatever their role, and the secretariat read the workspace.
- Chairs and members post, upload and answer proposals; observers only read.
- Chairs and the secretariat moderate, manage members, record meetings and decisions.

Private paths answer 404 to everyone else, so a workspace cannot be found by guessing.

The forum (``open_to_network``) is a workspace every member of the network takes part in
as a member without joining; a membership there only gives another role (chair: a
moderator; observer: read only) or keeps a watch level. Its categories marked
``moderators_only`` (announcements) take threads and posts from moderators only.
"""

from django.db.models import Exists, OuterRef, Q, Subquery

from network.permissions import is_member, is_secretariat
from taskforces.models import (
    ActionItem,
    ForumCategory,
    Membership,
    MembershipRole,
    Post,
    TaskForcePage,
    TaskForceStatus,
    Thread,
)


def memberships(user) -> dict[int, Membership]:
    """Task-force id to this person's membership, read once per request (or socket), with
    their roles, the forum's included: one query."""
    if not (user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, "_taskforce_memberships", None)
    if cached is None:
        cached, roles = _read_memberships(user)
        user._taskforce_memberships = cached
        user._taskforce_roles = roles
    return cached


MEMBERSHIP_FIELDS = ("id", "role", "watch_level", "joined_at")


def _read_memberships(user) -> tuple[dict[int, Membership], dict[int, str]]:
    mine = Membership.objects.filter(user_id=user.pk, taskforce=OuterRef("pk"))
    # The forum is the network's: open to its members, closed to anyone else whatever
    # membership they kept there.
    if is_member(user):
        spaces = TaskForcePage.objects.filter(Q(open_to_network=True) | Exists(mine))
    else:
        spaces = TaskForcePage.objects.filter(Exists(mine), open_to_network=False)
    rows = spaces.annotate(
        **{f"my_{name}": Subquery(mine.values(name)[:1]) for name in MEMBERSHIP_FIELDS}
    ).values_list("pk", *(f"my_{name}" for name in MEMBERSHIP_FIELDS))
    found, roles = {}, {}
    for taskforce_id, pk, role, watch_level, joined_at in rows:
        if pk is None:  # the forum, not joined: a member like any other
            roles[taskforce_id] = MembershipRole.MEMBER
            continue
        found[taskforce_id] = Membership.from_db(
            rows.db,
            ["id", "taskforce_id", "user_id", "role", "watch_level", "joined_at"],
            [pk, taskforce_id, user.pk, role, watch_level, joined_at],
        )
        found[taskforce_id].user = user
        roles[taskforce_id] = role
    return found, roles


def _roles(user) -> dict[int, str]:
    """Task-force id to role for this person: from their memberships, or from the header's
    query when it came first (taskforces.header)."""
    if not (user.is_authenticated and user.is_active):
        return {}
    if getattr(user, "_taskforce_roles", None) is None:
        memberships(user)
    return user._taskforce_roles


def forget_cached_memberships(user) -> None:
    """After a change of membership in this request, ask the database again."""
    for attribute in ("_taskforce_memberships", "_taskforce_roles", "_taskforce_header"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def role_in(user, taskforce: TaskForcePage) -> str | None:
    return _roles(user).get(taskforce.pk)


def readable_taskforce_ids(user) -> set[int]:
    """The task forces whose workspace this person may read."""
    if is_secretariat(user):
        return set(TaskForcePage.objects.values_list("pk", flat=True))
    return set(_roles(user))


def can_read_taskforce(user, taskforce: TaskForcePage) -> bool:
    return is_secretariat(user) or taskforce.pk in _roles(user)


def can_post(user, taskforce: TaskForcePage) -> bool:
    """Chairs, members and the secretariat write; observers read."""
    if is_secretariat(user):
        return True
    return role_in(user, taskforce) in {MembershipRole.CHAIR, MembershipRole.MEMBER}


def can_manage(user, taskforce: TaskForcePage) -> bool:
    """Chairs and the secretariat moderate, decide on members and keep the records."""
    return is_secretariat(user) or role_in(user, taskforce) == MembershipRole.CHAIR


def managed_taskforce_ids(user) -> set[int] | None:
    """The task forces whose members this person decides on; None means every one."""
    if is_secretariat(user):
        return None
    return {pk for pk, role in _roles(user).items() if role == MembershipRole.CHAIR}


def can_moderate(user, taskforce: TaskForcePage) -> bool:
    return can_manage(user, taskforce)


def can_post_in_category(user, taskforce: TaskForcePage, category: ForumCategory | None) -> bool:
    """A forum's announcements and other moderators-only categories take moderators' posts."""
    if category is not None and category.moderators_only:
        return can_moderate(user, taskforce)
    return can_post(user, taskforce)


def can_post_in_thread(user, thread: Thread) -> bool:
    return can_post_in_category(user, thread.taskforce, thread.category)


def can_reply(user, thread: Thread) -> bool:
    if thread.locked:
        return False
    return can_post_in_thread(user, thread)


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own visible posts while they may still post and it is open."""
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.locked
        and can_post_in_thread(user, post.thread)
    )


def can_see_post_history(user, post: Post) -> bool:
    if post.is_hidden:
        return post.author_id == user.pk or can_moderate(user, post.thread.taskforce)
    return can_read_taskforce(user, post.thread.taskforce)


def can_see_hidden_text(user, post: Post) -> bool:
    """A hidden post stays readable to its author (with the reason) and to moderators."""
    return post.author_id == user.pk or can_moderate(user, post.thread.taskforce)


def can_move_thread_to(user, target: TaskForcePage) -> bool:
    return can_manage(user, target)


def can_ask_to_join(user, taskforce: TaskForcePage) -> bool:
    return (
        is_member(user)
        and not taskforce.open_to_network
        and taskforce.status != TaskForceStatus.CLOSED
        and role_in(user, taskforce) is None
    )


def can_update_action(user, item: ActionItem) -> bool:
    return item.owner_id == user.pk or can_manage(user, item.taskforce)


def can_answer_proposal(user, taskforce: TaskForcePage) -> bool:
    return can_post(user, taskforce)
