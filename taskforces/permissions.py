"""Who may do what in a task force: the rules every view, consumer, e-mail and search ask.

- Anyone reads a task force's public page.
- Members of the network ask to join; the chair or the secretariat decides.
- Members of the task force, whatever their role, and the secretariat read the workspace.
- Chairs and members post, upload and answer proposals; observers only read.
- Chairs and the secretariat moderate, manage members, record meetings and decisions.

Private paths answer 404 to everyone else, so a workspace cannot be found by guessing.
"""

from network.permissions import is_member, is_secretariat
from taskforces.models import (
    ActionItem,
    Membership,
    MembershipRole,
    Post,
    TaskForcePage,
    TaskForceStatus,
    Thread,
)


def memberships(user) -> dict[int, Membership]:
    """Task-force id to this person's membership, read once per request (or socket)."""
    if not (user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, "_taskforce_memberships", None)
    if cached is None:
        cached = {row.taskforce_id: row for row in Membership.objects.filter(user=user)}
        user._taskforce_memberships = cached
        user._taskforce_roles = {taskforce_id: row.role for taskforce_id, row in cached.items()}
    return cached


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


def can_reply(user, thread: Thread) -> bool:
    if thread.locked:
        return False
    return can_post(user, thread.taskforce)


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own visible posts while they may still post and it is open."""
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.locked
        and can_post(user, post.thread.taskforce)
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
        and taskforce.status != TaskForceStatus.CLOSED
        and role_in(user, taskforce) is None
    )


def can_update_action(user, item: ActionItem) -> bool:
    return item.owner_id == user.pk or can_manage(user, item.taskforce)


def can_answer_proposal(user, taskforce: TaskForcePage) -> bool:
    return can_post(user, taskforce)
