"""The daily digest's content: what is new, by task force and thread, with the first lines
of each new post and a link to the first post the reader has not read.

Only notifications of task forces the reader may still read reach here (digest_send reads
them through selectors.notifications). A hidden post shows no excerpt, and a thread held
under the Chatham House rule (not for attribution) never names its authors.
"""

from dataclasses import dataclass, field

from django.db.models import F, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.text import Truncator

from taskforces.models import Notification, Post, ReadPosition, TaskForcePage, Thread

# The first lines of a post: enough to know what it says, short enough for a phone.
EXCERPT_CHARACTERS = 240


@dataclass
class PostExcerpt:
    author: str  # empty in a not-for-attribution thread
    text: str
    url: str


@dataclass
class ThreadDigest:
    thread: Thread
    first_unread_url: str
    posts: list[PostExcerpt] = field(default_factory=list)


@dataclass
class TaskForceDigest:
    taskforce: TaskForcePage
    threads: list[ThreadDigest] = field(default_factory=list)
    # What is not about a post: requests to join, proposals, action items.
    others: list[Notification] = field(default_factory=list)


def excerpt(post: Post) -> str:
    """The post's first lines as plain text, from its sanitised HTML."""
    text = " ".join(strip_tags(post.body_html).split())
    return Truncator(text).chars(EXCERPT_CHARACTERS)


def digest_groups(user, notifications: list[Notification]) -> list[TaskForceDigest]:
    """``notifications`` (in the order to show them) grouped by task force and thread; each
    post once, whichever notifications name it."""
    post_ids = {n.post_id for n in notifications if n.post_id}
    posts = Post.objects.filter(pk__in=post_ids, hidden_at__isnull=True).select_related(
        "author", "thread"
    )
    posts = {post.pk: post for post in posts}
    first_unread = _first_unread(user, {n.thread_id for n in notifications if n.thread_id})
    groups: dict[int, TaskForceDigest] = {}
    threads: dict[int, ThreadDigest] = {}
    shown: set[int] = set()
    for notification in notifications:
        group = groups.setdefault(
            notification.taskforce_id, TaskForceDigest(notification.taskforce)
        )
        post = posts.get(notification.post_id)
        if post is None:
            group.others.append(notification)
            continue
        if post.pk in shown:
            continue
        shown.add(post.pk)
        thread_url = notification.url.partition("#")[0]
        if post.thread_id not in threads:
            unread = first_unread.get(post.thread_id, post.pk)
            threads[post.thread_id] = ThreadDigest(post.thread, f"{thread_url}#post-{unread}")
            group.threads.append(threads[post.thread_id])
        author = "" if post.thread.not_for_attribution else post.author.get_full_name()
        threads[post.thread_id].posts.append(
            PostExcerpt(author, excerpt(post), f"{thread_url}#post-{post.pk}")
        )
    return list(groups.values())


def _first_unread(user, thread_ids: set[int]) -> dict[int, int]:
    """Thread id to the first shown post by someone else after the reader's read position,
    in one query."""
    if not thread_ids:
        return {}
    last_read = Coalesce(
        Subquery(
            ReadPosition.objects.filter(user=user, thread_id=OuterRef("thread_id")).values(
                "last_read_post_id"
            )[:1]
        ),
        Value(0),
    )
    rows = (
        Post.objects.filter(thread_id__in=thread_ids, hidden_at__isnull=True)
        .exclude(author=user)
        .alias(last_read=last_read)
        .filter(pk__gt=F("last_read"))
        .order_by()
        .values("thread_id")
        .annotate(first=Min("pk"))
        .values_list("thread_id", "first")
    )
    return dict(rows)
