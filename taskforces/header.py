"""What the site header shows a signed-in reader of their task forces, in one query.

The header links (unread notifications, unread posts, the way to the reader's workspaces)
and the home page's "Go to your workspace" are read together, once per request, and kept on
the user object for that request only: nothing is shared between requests or people.

The query reads the first task force the reader may read (the header links to it) and,
as annotations on that row, their roles, the count of their unread notifications and the
count of unread posts in the threads they have not muted: the same counts as
``selectors.unread_notification_count`` and ``selectors.unread_total``. Someone who may
read no task force gets no row, and has no notification or unread post to count.
"""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from network.permissions import is_member, is_secretariat
from taskforces.models import (
    Membership,
    MembershipRole,
    Notification,
    Post,
    ReadPosition,
    TaskForcePage,
    Thread,
    ThreadWatch,
    WatchLevel,
)


@dataclass(frozen=True)
class HeaderFacts:
    readable: frozenset[int] = frozenset()
    notifications: int = 0
    unread_posts: int = 0
    workspaces_url: str = ""


def header_facts(user) -> HeaderFacts:
    """The reader's header facts, read at the first call of the request."""
    if not (user.is_authenticated and user.is_active):
        return HeaderFacts()
    cached = getattr(user, "_taskforce_header", None)
    if cached is None:
        cached = _read(user)
        user._taskforce_header = cached
    return cached


def _read(user) -> HeaderFacts:
    secretariat = is_secretariat(user)
    known_roles = getattr(user, "_taskforce_roles", None)
    # The forum is every network member's: readable without a membership (permissions),
    # and closed to anyone else, whatever membership they kept there.
    forum = is_member(user) and not secretariat
    readable_ids = _readable_ids(user, secretariat, forum, known_roles)
    memberships = Membership.objects.filter(user_id=user.pk).order_by("taskforce_id")
    if not (forum or secretariat):
        memberships = memberships.filter(taskforce__open_to_network=False)
    annotations = {
        "header_notifications": _count(
            Notification.objects.filter(
                user_id=user.pk, read_at__isnull=True, taskforce_id__in=readable_ids
            )
        ),
        "header_unread_posts": _unread_posts(user, readable_ids),
    }
    # The reader's roles and, for the secretariat, every task force, as arrays of the same
    # row where the database has them (PostgreSQL); SQLite (a laptop) reads them apart.
    arrays = connection.vendor == "postgresql"
    open_ids = TaskForcePage.objects.filter(open_to_network=True).values("pk")
    if arrays:
        annotations["header_role_ids"] = ArraySubquery(memberships.values("taskforce_id"))
        annotations["header_roles"] = ArraySubquery(memberships.values("role"))
        if secretariat:
            annotations["header_readable"] = ArraySubquery(TaskForcePage.objects.values("pk"))
        elif forum:
            annotations["header_forums"] = ArraySubquery(open_ids)
    # Task forces first: the header's link goes to them; the forum has the menu's.
    first = (
        TaskForcePage.objects.filter(pk__in=readable_ids)
        .annotate(**annotations)
        .order_by("open_to_network", "pk")
        .first()
    )
    if first is None:
        if known_roles is None and not secretariat:
            user._taskforce_roles = {}
        return HeaderFacts()
    if arrays:
        roles = dict(zip(first.header_role_ids, first.header_roles, strict=True))
        every_taskforce = first.header_readable if secretariat else ()
        forums = first.header_forums if forum else ()
    else:
        roles = dict(memberships.values_list("taskforce_id", "role"))
        every_taskforce = TaskForcePage.objects.values_list("pk", flat=True) if secretariat else ()
        forums = [row["pk"] for row in open_ids] if forum else ()
    # A member of the network who never joined the forum takes part in it as a member.
    roles = dict.fromkeys(forums, MembershipRole.MEMBER) | roles
    if known_roles is None:
        # What taskforces.permissions would read next: the same row, so no second query.
        user._taskforce_roles = roles
    readable = frozenset(every_taskforce if secretariat else (known_roles or roles))
    return HeaderFacts(
        readable=readable,
        notifications=first.header_notifications,
        unread_posts=first.header_unread_posts,
        workspaces_url=_workspaces_url(first, readable - set(forums)),
    )


def _readable_ids(user, secretariat: bool, forum: bool, known_roles):
    """The task forces the reader may read, as ids or a subquery of them."""
    if secretariat:
        return TaskForcePage.objects.values("pk")
    if known_roles is not None:
        return list(known_roles)
    joined = Exists(Membership.objects.filter(user_id=user.pk, taskforce=OuterRef("pk")))
    if forum:
        return TaskForcePage.objects.filter(Q(open_to_network=True) | joined).values("pk")
    return TaskForcePage.objects.filter(joined, open_to_network=False).values("pk")


def _workspaces_url(first: TaskForcePage, taskforces: frozenset[int]) -> str:
    """One task force: its workspace; several: the task-force index, which lists them;
    none (``first`` is then the forum): the forum's."""
    if first.open_to_network or len(taskforces) == 1:
        return first.workspace_url()
    return first.get_parent().url


def _unread_posts(user, readable_ids) -> Cast:
    """Visible posts by others past where the reader stopped, in the threads they have not
    muted (their own setting for the thread, else for the workspace, else normal), counted
    thread by thread and summed."""
    last_read = ReadPosition.objects.filter(thread=OuterRef("pk"), user_id=user.pk)
    own_level = ThreadWatch.objects.filter(thread=OuterRef("pk"), user_id=user.pk)
    workspace_level = Membership.objects.filter(taskforce=OuterRef("taskforce_id"), user_id=user.pk)
    unread = Post.objects.filter(
        thread=OuterRef("pk"), pk__gt=OuterRef("last_read"), hidden_at__isnull=True
    ).exclude(author_id=user.pk)
    threads = (
        Thread.objects.filter(taskforce_id__in=readable_ids)
        .annotate(
            last_read=Coalesce(Subquery(last_read.values("last_read_post_id")[:1]), Value(0)),
            level=Coalesce(
                Subquery(own_level.values("level")[:1]),
                Subquery(workspace_level.values("watch_level")[:1]),
                Value(WatchLevel.NORMAL.value),
            ),
            unread=_count(unread),
        )
        .filter(~Q(level=WatchLevel.MUTED))
        .order_by()
        .annotate(total=Func(F("unread"), function="SUM", output_field=IntegerField()))
    )
    # SUM of counts is a numeric in PostgreSQL: back to an integer, as the count it is.
    return Cast(Coalesce(Subquery(threads.values("total")), Value(0)), IntegerField())


def _count(queryset: QuerySet) -> Coalesce:
    """``SELECT COUNT(*)`` of the query set, as a subquery of the header's row."""
    counted = queryset.order_by().annotate(
        n=Func(Value(1), function="COUNT", output_field=IntegerField())
    )
    return Coalesce(Subquery(counted.values("n")), Value(0))
