"""Threads and their posts: the checks a post passes, saving it, numbering thread events.

Every change to a thread is numbered (record_thread_event) and broadcast after the
commit, so a page that reconnects catches up from the last id it saw.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from network.models import User
from search import services as search_services
from taskforces import events, permissions, refusals, selectors
from taskforces.markup import MENTION, find_mentions, render_markdown
from taskforces.models import (
    POST_MAX_LENGTH,
    Attachment,
    ForumCategory,
    Post,
    PostRevision,
    ReadPosition,
    TaskForcePage,
    Thread,
    ThreadEvent,
    ThreadEventKind,
)
from taskforces.uploads import MAX_ATTACHMENTS_PER_POST, check_upload

# Checks, shared with the forms and the consumer ---------------------------------------------


_CLIENT_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def post_body_check(body: str) -> None:
    """Refuse an empty or over-long post: the post forms and the socket validate with this."""
    if not body.strip():
        raise ValidationError(refusals.POST_EMPTY, code="required")
    if len(body) > POST_MAX_LENGTH:
        raise ValidationError(
            refusals.POST_TOO_LONG,
            code="max_length",
            params={"limit": POST_MAX_LENGTH, "length": len(body)},
        )


def _replyable(thread: Thread):
    return thread.posts.filter(hidden_at__isnull=True)


def reply_to_check(*, thread: Thread, reply_to: Post | None) -> None:
    """A reply answers a visible post of its own thread (as stored now, not as passed)."""
    if reply_to is not None and not _replyable(thread).filter(pk=reply_to.pk).exists():
        raise ValidationError(refusals.REPLY_TO_ELSEWHERE, code="reply_to")


def reply_to_find(*, thread: Thread, post_id: int | None) -> Post | None:
    """The post a reply answers, from the id a form or a socket sent, checked as above."""
    if post_id is None:
        return None
    reply_to = _replyable(thread).filter(pk=post_id).first()
    if reply_to is None:
        raise ValidationError(refusals.REPLY_TO_ELSEWHERE, code="reply_to")
    return reply_to


def category_check(
    *, taskforce: TaskForcePage, author: User, category: ForumCategory | None
) -> ForumCategory | None:
    """The category a new thread goes under: none in a task force; in the forum the one
    chosen, which must be that forum's and one the author may post in, else the first
    the author may post in."""
    if not taskforce.open_to_network:
        if category is not None:
            raise ValidationError(refusals.CHOOSE_CATEGORY)
        return None
    if category is None:
        category = selectors.postable_categories(author, taskforce).first()
        if category is None:
            raise ValidationError(refusals.CHOOSE_CATEGORY)
    if category.forum_id != taskforce.pk:
        raise ValidationError(refusals.CHOOSE_CATEGORY)
    if not permissions.can_post_in_category(author, taskforce, category):
        raise PermissionDenied(refusals.MODERATORS_POST_HERE)
    return category


def client_key_check(client_key: str | None) -> None:
    if client_key is not None and not (
        isinstance(client_key, str) and _CLIENT_KEY.fullmatch(client_key)
    ):
        raise ValidationError(refusals.BAD_CLIENT_KEY)


def _check_attachments(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    files = list(files)
    if len(files) > MAX_ATTACHMENTS_PER_POST:
        raise ValidationError(
            refusals.TOO_MANY_ATTACHMENTS, params={"count": MAX_ATTACHMENTS_PER_POST}
        )
    return [(upload, *check_upload(upload)) for upload in files]


# Writes -----------------------------------------------------------------------------------------


def thread_create(
    *,
    taskforce: TaskForcePage,
    author: User,
    title: str,
    body: str,
    label: str = "",
    category: ForumCategory | None = None,
    not_for_attribution: bool = False,
    attachments: Iterable[UploadedFile] = (),
) -> Thread:
    if not permissions.can_post(author, taskforce):
        raise PermissionDenied(refusals.OBSERVERS_READ_ONLY)
    category = category_check(taskforce=taskforce, author=author, category=category)
    post_body_check(body)
    checked = _check_attachments(attachments)
    with transaction.atomic():
        thread = Thread.objects.create(
            taskforce=taskforce,
            author=author,
            title=title,
            label=label,
            category=category,
            not_for_attribution=not_for_attribution,
        )
        _post_save(thread=thread, author=author, body=body, reply_to=None, checked=checked)
    return thread


def post_create(
    *,
    thread: Thread,
    author: User,
    body: str,
    reply_to: Post | None = None,
    attachments: Iterable[UploadedFile] = (),
    client_key: str | None = None,
) -> Post:
    """Save a post, then (after the commit) broadcast it and notify who should know.

    A ``client_key`` this author already used in the thread returns that stored post:
    a page that resends a post it got no answer for never makes a second copy.
    """
    if not permissions.can_post(author, thread.taskforce):
        raise PermissionDenied(refusals.OBSERVERS_READ_ONLY)
    if not permissions.can_post_in_thread(author, thread):
        raise PermissionDenied(refusals.MODERATORS_POST_HERE)
    client_key_check(client_key)
    post_body_check(body)
    reply_to_check(thread=thread, reply_to=reply_to)
    checked = _check_attachments(attachments)
    with transaction.atomic():
        # Locked first, so that a thread locked a moment ago takes no more posts, and
        # two copies of one post sent at once are looked up one after the other.
        locked = list(
            Thread.objects.select_for_update().filter(pk=thread.pk).values_list("locked", flat=True)
        )
        if client_key is not None:
            stored = Post.objects.filter(thread=thread, author=author, client_key=client_key)
            if stored := stored.first():
                return stored
        if not locked or locked[0]:
            raise ValidationError(refusals.THREAD_LOCKED)
        return _post_save(
            thread=thread,
            author=author,
            body=body,
            reply_to=reply_to,
            checked=checked,
            client_key=client_key,
        )


def _mentions(taskforce: TaskForcePage, body: str) -> tuple[set[str], dict[str, User]]:
    """The handles ``body`` mentions, and handle to person for the task force's members.

    The members are read only when the text has an "@handle" at all: a post is saved with
    its thread locked, and a task force of a thousand members is a thousand rows.
    """
    if not MENTION.search(body):
        return set(), {}
    handles = selectors.mention_handles(taskforce)
    return find_mentions(body, handles), handles


def _post_save(*, thread, author, body, reply_to, checked, client_key=None) -> Post:
    mentioned, handles = _mentions(thread.taskforce, body)
    # The post's search entry is written after the commit, once its event is out: with
    # the thread locked meanwhile, it was the largest part of a post's time before the
    # broadcast (docs/realtime.md). A new post has no entry to be found too early.
    with search_services.new_entries_after_commit():
        post = Post.objects.create(
            thread=thread,
            author=author,
            body=body,
            body_html=render_markdown(body, mentions=mentioned),
            reply_to=reply_to,
            client_key=client_key or "",
        )
        if mentioned:
            post.mentions.set([handles[handle] for handle in mentioned])
        for upload, name, content_type in checked:
            attachment = Attachment(
                post=post, name=name, size=upload.size, content_type=content_type
            )
            attachment.file.save(name, upload, save=False)
            attachment.save()
        Thread.objects.filter(pk=thread.pk).update(last_posted_at=post.created_at)
        # The author has read their own post (just stored in this thread: no need to look).
        read_position_mark(user=author, thread=thread, post_id=post.pk, announce=False, shown=True)
        record_thread_event(thread, ThreadEventKind.POST_CREATED, post)
        transaction.on_commit(lambda: _queue_post_notifications(post.pk))
    return post


def _queue_post_notifications(post_id: int) -> None:
    from taskforces.tasks import notify_about_post

    notify_about_post.enqueue(post_id=post_id)


def post_edit(*, post: Post, editor: User, body: str) -> Post:
    """Replace a post's text; the earlier text is kept in its history."""
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied(refusals.AUTHOR_EDITS_ONLY)
    post_body_check(body)
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.body == body:
            return post
        PostRevision.objects.create(
            post=post,
            body=post.body,
            body_html=post.body_html,
            written_at=post.edited_at or post.created_at,
            replaced_by=editor,
        )
        mentioned, handles = _mentions(post.thread.taskforce, body)
        post.body = body
        post.body_html = render_markdown(body, mentions=mentioned)
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        post.mentions.set([handles[handle] for handle in mentioned])
        record_thread_event(post.thread, ThreadEventKind.POST_EDITED, post)
    return post


def record_thread_event(thread: Thread, kind: str, post: Post | None) -> int:
    """Number the change and broadcast it once committed; returns its event id.

    The thread row is raised and read back inside the transaction, which holds its lock
    until the commit, so ids are gapless and a later id never commits before an earlier.
    """
    Thread.objects.filter(pk=thread.pk).update(last_event_id=F("last_event_id") + 1)
    seq = Thread.objects.filter(pk=thread.pk).values_list("last_event_id", flat=True).get()
    ThreadEvent.objects.create(thread_id=thread.pk, seq=seq, kind=kind, post=post)
    thread_id = thread.pk

    def broadcast():
        # Built after the commit from what is stored, so the payload is what a replay sends.
        current = Thread.objects.select_related("taskforce").get(pk=thread_id)
        if post is not None:
            fresh = selectors.post_for(current, post.pk)
            if fresh is None:
                return  # Deleted since: a replay sends its id as a no-op.
            fresh.thread = current
            payload = events.thread_event(
                event_id=seq,
                kind=kind,
                thread_id=thread_id,
                post_id=fresh.pk,
                author_id=fresh.author_id,
                html=selectors.post_html(fresh),
            )
        else:
            payload = events.thread_event(
                event_id=seq,
                kind=kind,
                thread_id=thread_id,
                thread=events.thread_state(current),
            )
        events.send_to_group(events.thread_group(thread_id), payload)
        if kind == ThreadEventKind.POST_CREATED:
            events.send_to_group(
                events.taskforce_group(current.taskforce_id),
                events.activity_event(
                    taskforce_id=current.taskforce_id,
                    thread_id=thread_id,
                    post_id=post.pk,
                    author_id=post.author_id,
                ),
            )

    transaction.on_commit(broadcast)
    return seq


def read_position_mark(
    *, user: User, thread: Thread, post_id: int, announce: bool = True, shown: bool = False
) -> int:
    """Move this person's read position forward to ``post_id`` (never back).

    ``shown``: the post was just read from the thread to be shown, so it is known to be
    one of the thread's."""
    if not post_id or not (shown or thread.posts.filter(pk=post_id).exists()):
        return selectors.last_read_post_id(user, thread)
    position, created = ReadPosition.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_post_id": post_id}
    )
    if not created and position.last_read_post_id < post_id:
        ReadPosition.objects.filter(pk=position.pk, last_read_post_id__lt=post_id).update(
            last_read_post_id=post_id, updated_at=timezone.now()
        )
    if announce:
        events.send_on_commit(events.user_group(user.pk), events.counts_changed_event())
    return max(post_id, position.last_read_post_id)
