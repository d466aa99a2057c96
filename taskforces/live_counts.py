"""The header's unread counts as a notification socket keeps them: read, then kept by events.

Every new post in a workspace reaches the notification socket of each of its readers.
Asking the database for that person's counts on every post cost a few queries per post
and per socket, all in the one thread a process has for database work, so a busy
workspace queued every other socket's database work behind them. The socket reads the
counts when it opens, and again whenever they change in a way a post event does not say
(a read position, a watch level, a membership, a post hidden or shown, a thread moved:
``counts.changed``); in between it adds each new post itself, with no query.

A post is counted once. The counts remember, per thread, the newest post they were read
with and the posts added since: posts of one thread commit in id order (post_create locks
the thread), so a post at or below that id is already counted. Events from two processes
may arrive in either order, hence the set rather than a single newest id.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from taskforces import events, permissions, selectors
from taskforces.models import Thread, ThreadWatch, WatchLevel

# Posts added since the last read, past which the counts are read again (memory per socket).
ADDED_LIMIT = 1000


@dataclass(slots=True)
class ThreadCount:
    """One thread's unread posts, as read up to post ``read_through`` and added since.

    Kept small (a socket holds one per thread its person reads): ``added`` stays None
    until a post is added."""

    unread: int
    read_through: int
    muted: bool
    added: set[int] | None = None


class LiveCounts:
    """One person's unread notifications and unread posts per thread, for one socket.

    ``read`` and ``read_thread`` query the database (call them through
    database_sync_to_async); ``add_post`` and ``payload`` do not.
    """

    def __init__(self, user):
        self.user = user
        self.notifications = 0
        self.threads: dict[int, ThreadCount] = {}

    def read(self) -> None:
        """Read every count afresh: three queries however many threads the person reads."""
        readable = permissions.readable_taskforce_ids(self.user)
        self.threads = self._thread_counts(Thread.objects.filter(taskforce_id__in=readable))
        self.notifications = selectors.unread_notification_count(self.user)

    def read_thread(self, thread_id: int) -> None:
        """Read one thread's count: a thread the counts do not know yet (new, or moved in),
        or one whose read position just moved (the person's own post)."""
        readable = permissions.readable_taskforce_ids(self.user)
        threads = Thread.objects.filter(pk=thread_id, taskforce_id__in=readable)
        self.threads.pop(thread_id, None)
        self.threads.update(self._thread_counts(threads))

    def _thread_counts(self, threads) -> dict[int, ThreadCount]:
        levels = {pk: row.watch_level for pk, row in permissions.memberships(self.user).items()}
        rows = threads.annotate(
            last_read=Coalesce(selectors.last_read_of(self.user), Value(0)),
            unread=Count("posts", filter=selectors.unread_posts_filter(self.user)),
            newest=Coalesce(Max("posts__pk"), Value(0)),
            own_level=Subquery(
                ThreadWatch.objects.filter(thread=OuterRef("pk"), user=self.user).values("level")[
                    :1
                ]
            ),
        ).values_list("pk", "taskforce_id", "unread", "newest", "own_level")
        return {
            pk: ThreadCount(
                unread=unread,
                read_through=newest,
                muted=(own or levels.get(taskforce_id) or WatchLevel.NORMAL) == WatchLevel.MUTED,
            )
            for pk, taskforce_id, unread, newest, own in rows
        }

    def knows(self, thread_id: int) -> bool:
        return thread_id in self.threads

    def add_post(self, *, thread_id: int, post_id: int) -> bool:
        """Count another person's new post; False if the counts must be read again first
        (the thread is unknown, or too many posts were added since the last read)."""
        count = self.threads.get(thread_id)
        if count is None or len(count.added or ()) >= ADDED_LIMIT:
            return False
        if post_id > count.read_through and post_id not in (count.added or ()):
            if count.added is None:
                count.added = set()
            count.added.add(post_id)
            count.unread += 1
        return True

    def unread_posts(self) -> int:
        return sum(count.unread for count in self.threads.values() if not count.muted)

    def payload(self, thread_id: int | None = None) -> dict:
        """The counts frame (events.counts_payload), with one thread's count if named."""
        count = self.threads.get(thread_id) if thread_id else None
        return events.counts_payload(
            unread_posts=self.unread_posts(),
            unread_notifications=self.notifications,
            thread_id=thread_id,
            thread_unread=count.unread if count else 0,
        )
