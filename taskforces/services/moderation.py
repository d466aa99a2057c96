"""What chairs and the secretariat do to threads and posts; every action is logged."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from network.models import User
from taskforces import events, permissions, refusals
from taskforces.models import (
    ModerationAction,
    ModerationActionKind,
    NotificationKind,
    Post,
    TaskForcePage,
    Thread,
    ThreadEventKind,
    ThreadWatch,
)
from taskforces.services.notifications import notification_create, post_url
from taskforces.services.threads import record_thread_event


def post_hide(*, post: Post, moderator: User, reason: str) -> Post:
    thread = post.thread
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    if not reason.strip():
        raise ValidationError(refusals.HIDE_NEEDS_REASON)
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
        post.hidden_at = timezone.now()
        post.hidden_reason = reason.strip()
        post.hidden_by = moderator
        post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _log(thread, moderator, ModerationActionKind.HIDE, post=post, reason=post.hidden_reason)
        record_thread_event(thread, ThreadEventKind.POST_HIDDEN, post)
        _recount_unread(thread.taskforce_id)
        if post.author_id != moderator.pk:
            notification_create(
                user=post.author,
                kind=NotificationKind.POST_HIDDEN,
                taskforce=thread.taskforce,
                thread=thread,
                post=post,
                text=gettext_noop("A moderator hid your post in “%(thread)s”: %(reason)s"),
                params={"thread": thread.title, "reason": post.hidden_reason},
                url=post_url(post),
            )
    return post


def post_show(*, post: Post, moderator: User) -> Post:
    thread = post.thread
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    with transaction.atomic():
        # Saved, not updated: saving gives the post its search entry back (search.registry),
        # as hiding it took the entry away; under the same lock as hiding.
        post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
        post.hidden_at, post.hidden_reason, post.hidden_by = None, "", None
        post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _log(thread, moderator, ModerationActionKind.SHOW, post=post)
        record_thread_event(thread, ThreadEventKind.POST_SHOWN, post)
        _recount_unread(thread.taskforce_id)
    return post


def thread_set_pinned(*, thread: Thread, moderator: User, pinned: bool) -> Thread:
    return _thread_flag(thread, moderator, "pinned", pinned)


def thread_set_locked(*, thread: Thread, moderator: User, locked: bool) -> Thread:
    return _thread_flag(thread, moderator, "locked", locked)


def _thread_flag(thread: Thread, moderator: User, field: str, value: bool) -> Thread:
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    kinds = {
        ("pinned", True): ModerationActionKind.PIN,
        ("pinned", False): ModerationActionKind.UNPIN,
        ("locked", True): ModerationActionKind.LOCK,
        ("locked", False): ModerationActionKind.UNLOCK,
    }
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(**{field: value})
        thread.refresh_from_db()
        _log(thread, moderator, kinds[field, value])
        record_thread_event(thread, ThreadEventKind.THREAD_CHANGED, None)
    return thread


def thread_rename(*, thread: Thread, moderator: User, title: str, label: str = "") -> Thread:
    """Give a thread a clearer title or label; readers see it change as they read."""
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    title, label = title.strip(), label.strip()
    if not title:
        raise ValidationError({"title": refusals.THREAD_NEEDS_TITLE})
    errors = {}
    for name, value in (("title", title), ("label", label)):
        try:
            Thread._meta.get_field(name).clean(value, thread)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    before = thread.title
    thread.title, thread.label = title, label
    with transaction.atomic():
        # Saved, not updated, so that search re-reads the thread and its posts.
        thread.save(update_fields=["title", "label"])
        _log(
            thread,
            moderator,
            ModerationActionKind.RENAME,
            detail=Truncator(
                _("From “%(before)s” to “%(after)s”") % {"before": before, "after": title}
            ).chars(ModerationAction._meta.get_field("detail").max_length),
        )
        record_thread_event(thread, ThreadEventKind.THREAD_CHANGED, None)
    return thread


def thread_move(*, thread: Thread, moderator: User, target: TaskForcePage, reason: str) -> Thread:
    """Move a thread to another task force; sockets of people who lose sight of it close."""
    source = thread.taskforce
    if not permissions.can_moderate(moderator, source):
        raise PermissionDenied(refusals.MANAGERS_ONLY)
    if not permissions.can_move_thread_to(moderator, target):
        raise PermissionDenied(refusals.MOVE_TO_CHAIRED_ONLY)
    if target.pk == source.pk:
        raise ValidationError(refusals.THREAD_ALREADY_THERE)
    with transaction.atomic():
        _log(
            thread,
            moderator,
            ModerationActionKind.MOVE,
            reason=reason,
            detail=_("From %(source)s to %(target)s")
            % {"source": source.title, "target": target.title},
        )
        # A forum's category stays with its forum; the moderator files it again there.
        Thread.objects.filter(pk=thread.pk).update(taskforce=target, category=None)
        readers = Q(user__taskforce_memberships__taskforce=target)
        if target.open_to_network:
            readers |= Q(user__member__isnull=False)
        ThreadWatch.objects.filter(thread=thread).exclude(readers).delete()
        thread.refresh_from_db()
        record_thread_event(thread, ThreadEventKind.THREAD_MOVED, None)
        _recount_unread(source.pk, target.pk)
    return thread


def _recount_unread(*taskforce_ids: int) -> None:
    """Readers' unread counts changed in a way no post event says: their sockets read
    them again (live_counts.py)."""
    for taskforce_id in taskforce_ids:
        events.send_on_commit(events.taskforce_group(taskforce_id), events.counts_changed_event())


def _log(thread, actor, action, *, post=None, reason="", detail="") -> ModerationAction:
    return ModerationAction.objects.create(
        taskforce_id=thread.taskforce_id,
        thread=thread,
        post=post,
        actor=actor,
        action=action,
        reason=reason,
        detail=detail,
    )
