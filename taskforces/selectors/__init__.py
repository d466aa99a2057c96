"""Reads for the workspace, with a fixed number of queries however much they return."""

from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from network.models import User
from taskforces import events, permissions
from taskforces.models import (
    ActionItem,
    ActionStatus,
    Attachment,
    Decision,
    Document,
    DocumentVersion,
    Meeting,
    Membership,
    ModerationAction,
    Notification,
    Post,
    Proposal,
    ReadPosition,
    TaskForcePage,
    Thread,
    ThreadEvent,
    ThreadEventKind,
    ThreadWatch,
    WatchLevel,
)
from taskforces.selectors.forum import (
    category_words,
    forum_categories,
    name_categories,
    postable_categories,
)
from taskforces.selectors.members import (
    AUTHOR_PHOTO,
    chairs,
    member_handles,
    membership_for,
    mention_candidates,
    mention_handles,
    pending_join_request,
    pending_join_requests,
    taskforce_members,
)

# What members.py holds, read as before through taskforces.selectors.
__all__ = [
    "category_words",
    "forum_categories",
    "name_categories",
    "postable_categories",
    "AUTHOR_PHOTO",
    "chairs",
    "member_handles",
    "membership_for",
    "mention_candidates",
    "mention_handles",
    "pending_join_request",
    "pending_join_requests",
    "taskforce_members",
]

# How many missed events a reconnecting socket is sent; past that it reloads the page.
REPLAY_LIMIT = 500

# Threads and posts --------------------------------------------------------------------------


def last_read_of(user) -> Subquery:
    """Per thread row, the last post ``user`` has read (annotate it as ``last_read``)."""
    return Subquery(
        ReadPosition.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_post_id")[
            :1
        ]
    )


def unread_posts_filter(user) -> Q:
    """The posts of a thread row annotated with ``last_read`` that ``user`` has not read."""
    return (
        Q(posts__pk__gt=F("last_read"))
        & Q(posts__hidden_at__isnull=True)
        & ~Q(posts__author_id=user.pk)
    )


def workspace_threads(taskforce: TaskForcePage, user) -> QuerySet[Thread]:
    """The task force's threads, each with its post count, this reader's unread count and
    the author of its latest visible post."""
    last_poster = Post.objects.filter(thread=OuterRef("pk"), hidden_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    return (
        taskforce.threads.annotate(
            last_poster_id=Subquery(last_poster.values("author_id")[:1]),
            last_read=Coalesce(last_read_of(user), Value(0)),
            post_count=Count("posts", filter=Q(posts__hidden_at__isnull=True)),
            unread=Count("posts", filter=unread_posts_filter(user)),
        )
        .select_related("author", "category")
        .order_by("-pinned", F("last_posted_at").desc(nulls_last=True), "-created_at")
    )


def last_posters(threads: list[Thread]) -> None:
    """Sets ``last_poster`` on each thread, none where authors are not named outside the
    thread (not for attribution). One query for the people, one for their photos."""
    wanted = {t.last_poster_id for t in threads if t.last_poster_id and not t.not_for_attribution}
    people = User.objects.filter(pk__in=wanted).select_related("member__photo")
    people = people.prefetch_related("member__photo__renditions").in_bulk()
    for thread in threads:
        thread.last_poster = (
            None if thread.not_for_attribution else people.get(thread.last_poster_id)
        )


def thread_for(taskforce: TaskForcePage, thread_id: int) -> Thread | None:
    threads = Thread.objects.filter(pk=thread_id, taskforce=taskforce)
    return threads.select_related("author", "category").first()


def thread_posts(thread: Thread) -> QuerySet[Post]:
    return (
        thread.posts.select_related(
            "author__member__office", AUTHOR_PHOTO, "reply_to__author", "hidden_by"
        )
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
            f"{AUTHOR_PHOTO}__renditions",
        )
        .order_by("created_at", "pk")
    )


def post_for(thread: Thread, post_id: int) -> Post | None:
    return thread_posts(thread).filter(pk=post_id).first()


def last_read_post_id(user, thread: Thread) -> int:
    position = ReadPosition.objects.filter(user=user, thread=thread).first()
    return position.last_read_post_id if position else 0


def thread_unread_count(user, thread_id: int) -> int:
    last_read = Coalesce(
        Subquery(
            ReadPosition.objects.filter(thread_id=thread_id, user=user).values("last_read_post_id")[
                :1
            ]
        ),
        Value(0),
    )
    return (
        Post.objects.filter(thread_id=thread_id, hidden_at__isnull=True)
        .exclude(author_id=user.pk)
        .filter(pk__gt=last_read)
        .count()
    )


def watch_level(user, thread: Thread) -> str:
    """The person's own level for the thread, else their membership's, else normal."""
    own = ThreadWatch.objects.filter(user=user, thread=thread).values("level")[:1]
    membership = Membership.objects.filter(user=user, taskforce_id=thread.taskforce_id)
    levels = Thread.objects.filter(pk=thread.pk).values_list(
        Subquery(own), Subquery(membership.values("watch_level")[:1])
    )
    return next((level for level in levels.first() or () if level), WatchLevel.NORMAL)


def unread_total(user) -> int:
    """Unread posts in every thread this person reads and has not muted: the header's count."""
    if not user.is_authenticated:
        return 0
    readable = permissions.readable_taskforce_ids(user)
    if not readable:
        return 0
    threads = (
        Thread.objects.filter(taskforce_id__in=readable)
        .annotate(
            last_read=Coalesce(last_read_of(user), Value(0)),
            unread=Count("posts", filter=unread_posts_filter(user)),
            own_level=Subquery(
                ThreadWatch.objects.filter(thread=OuterRef("pk"), user=user).values("level")[:1]
            ),
            workspace_level=Subquery(
                Membership.objects.filter(taskforce=OuterRef("taskforce"), user=user).values(
                    "watch_level"
                )[:1]
            ),
        )
        .filter(unread__gt=0)
        .values_list("unread", "own_level", "workspace_level")
    )
    return sum(
        unread
        for unread, own, workspace in threads
        if (own or workspace or WatchLevel.NORMAL) != WatchLevel.MUTED
    )


def post_html(post: Post) -> str:
    """The post as any member of the thread sees it, for real-time events."""
    return render_to_string(
        "taskforces/components/post.html",
        {"post": post, "thread": post.thread, "page": post.thread.taskforce, "live": True},
    )


def replay_events(thread: Thread, after: int) -> tuple[list[dict], bool]:
    """The thread's events after ``after``, as payloads of the thread as it is now.

    Returns the payloads and whether there were more than a socket is sent (the page
    should then reload).
    """
    rows = list(
        ThreadEvent.objects.filter(thread=thread, seq__gt=after)
        .order_by("seq")
        .values_list("seq", "kind", "post_id")[: REPLAY_LIMIT + 1]
    )
    too_many = len(rows) > REPLAY_LIMIT
    rows = rows[:REPLAY_LIMIT]
    posts = {post.pk: post for post in thread_posts(thread).filter(pk__in={r[2] for r in rows})}
    taskforce = thread.taskforce
    payloads = []
    for seq, kind, post_id in rows:
        post = posts.get(post_id)
        if post is not None:
            post.thread = thread
            thread.taskforce = taskforce
            payload = events.thread_event(
                event_id=seq,
                kind=kind,
                thread_id=thread.pk,
                post_id=post.pk,
                author_id=post.author_id,
                html=post_html(post),
            )["payload"]
        elif kind in (ThreadEventKind.THREAD_CHANGED, ThreadEventKind.THREAD_MOVED):
            payload = events.thread_event(
                event_id=seq,
                kind=kind,
                thread_id=thread.pk,
                thread=events.thread_state(thread),
            )["payload"]
        else:
            # The post is gone; the id is still sent so that the client's count stays whole.
            payload = {"type": "noop", "id": seq, "thread": thread.pk}
        payloads.append(payload)
    return payloads, too_many


def moderation_log(taskforce: TaskForcePage) -> QuerySet[ModerationAction]:
    return taskforce.moderation_actions.select_related("actor", "thread", "post__author")


# Documents, meetings, decisions, actions -----------------------------------------------------


def documents(taskforce: TaskForcePage) -> QuerySet[Document]:
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return taskforce.documents.annotate(
        version_count=Count("versions"),
        latest_number=Subquery(latest.values("number")[:1]),
        latest_name=Subquery(latest.values("name")[:1]),
        latest_size=Subquery(latest.values("size")[:1]),
    ).select_related("created_by")


def document_versions(document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.select_related("uploaded_by").order_by("-number")


def meetings(taskforce: TaskForcePage) -> QuerySet[Meeting]:
    return taskforce.meetings.annotate(attendee_count=Count("attendees")).order_by("-starts_at")


def upcoming_meetings(taskforce: TaskForcePage) -> QuerySet[Meeting]:
    return taskforce.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")[:3]


def open_proposals(taskforce: TaskForcePage) -> QuerySet[Proposal]:
    return taskforce.proposals.filter(closed_at__isnull=True).annotate(
        answer_count=Count("responses")
    )


def decision_log(taskforce: TaskForcePage) -> QuerySet[Decision]:
    return taskforce.decisions.select_related("meeting", "thread", "proposal")


def action_items(taskforce: TaskForcePage) -> QuerySet[ActionItem]:
    return taskforce.action_items.select_related("owner", "meeting", "decision")


def my_action_items(user) -> QuerySet[ActionItem]:
    """A person's own action items, in the task forces they may still read."""
    return (
        ActionItem.objects.filter(
            owner=user, taskforce_id__in=permissions.readable_taskforce_ids(user)
        )
        .select_related("taskforce", "meeting")
        .order_by(
            F("status").asc(),
            F("due_on").asc(nulls_last=True),
            "pk",
        )
    )


def open_action_count(user, taskforce: TaskForcePage) -> int:
    return taskforce.action_items.filter(owner=user, status=ActionStatus.OPEN).count()


# Notifications ------------------------------------------------------------------------------


def notifications(user) -> QuerySet[Notification]:
    """This person's notifications from task forces they may still read, and about the
    network as a whole."""
    readable = Q(taskforce_id__in=permissions.readable_taskforce_ids(user))
    return Notification.objects.filter(
        readable | Q(taskforce__isnull=True), user=user
    ).select_related("taskforce")


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return notifications(user).filter(read_at__isnull=True).count()
