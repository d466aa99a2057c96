"""Watch levels and notifications: stored, pushed to open pages, e-mailed at once or daily."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from network.models import User
from portal.emails import send_templated_email
from taskforces import events, permissions, selectors
from taskforces.digest import digest_groups
from taskforces.models import (
    IMMEDIATE_KINDS,
    EmailMode,
    Membership,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    TaskForcePage,
    Thread,
    ThreadWatch,
    WatchLevel,
)
from taskforces.reply_addresses import reply_address

# Notifications of a new post, which an e-mail reply answers with a post in its thread.
REPLYABLE_KINDS = {NotificationKind.MENTION, NotificationKind.REPLY, NotificationKind.POST}


def watch_set_for_thread(*, user: User, thread: Thread, level: str) -> None:
    if not permissions.can_read_taskforce(user, thread.taskforce):
        raise PermissionDenied
    ThreadWatch.objects.update_or_create(user=user, thread=thread, defaults={"level": level})
    events.send_on_commit(events.user_group(user.pk), events.counts_changed_event())


def watch_set_for_workspace(*, membership: Membership, level: str) -> None:
    membership.watch_level = level
    membership.save(update_fields=["watch_level"])
    events.send_on_commit(events.user_group(membership.user_id), events.counts_changed_event())


def watch_set_for_forum(*, user: User, taskforce: TaskForcePage, level: str) -> None:
    """A forum member who never joined keeps their watch level on a membership made at
    their first choice; their role stays what every member of the network has."""
    if not (taskforce.open_to_network and permissions.can_read_taskforce(user, taskforce)):
        raise PermissionDenied
    Membership.objects.update_or_create(
        taskforce=taskforce, user=user, defaults={"watch_level": level}
    )
    permissions.forget_cached_memberships(user)
    events.send_on_commit(events.user_group(user.pk), events.counts_changed_event())


def post_url(post: Post) -> str:
    return post.thread.taskforce.workspace_url("thread", post.thread_id) + f"#post-{post.pk}"


def _author_name(post: Post) -> str | dict:
    """The author as notifications name them: nobody, under the Chatham House rule.

    A notification parameter: "A member" stays a message, translated when shown.
    """
    if post.thread.not_for_attribution:
        return {"text": gettext_noop("A member")}
    return post.author.get_full_name() or {"text": gettext_noop("A member")}


def _readers(taskforce: TaskForcePage, named: set[int]) -> dict[int, tuple[User, str]]:
    """Person's id to (person, workspace watch level) for those of ``named`` who belong to
    the task force and for whoever watches its workspace. In the forum every member of the
    network belongs, at the normal level unless they chose another."""
    readers = {
        membership.user_id: (membership.user, membership.watch_level)
        for membership in Membership.objects.filter(taskforce=taskforce)
        .filter(Q(user_id__in=named) | Q(watch_level=WatchLevel.WATCHING))
        .select_related("user")
    }
    if taskforce.open_to_network:
        others = User.objects.filter(pk__in=named - set(readers), member__isnull=False)
        readers.update({user.pk: (user, WatchLevel.NORMAL) for user in others})
    return readers


def notifications_for_post(post: Post) -> list[Notification]:
    """Tell the mentioned, the replied-to and those watching the thread of a new post.

    Only people who may read the task force are told, each at most once per post.
    """
    thread = post.thread
    taskforce = thread.taskforce
    thread_levels = dict(thread.watches.values_list("user_id", "level"))
    mentioned = set(post.mentions.values_list("pk", flat=True))
    replied_to = post.reply_to.author_id if post.reply_to_id else None
    # Only those who may be told are read: the mentioned, the replied-to and whoever
    # watches the thread or the workspace, not every member of a large task force.
    named = (mentioned | {replied_to}) - {None}
    watching = {user_id for user_id, level in thread_levels.items() if level == WatchLevel.WATCHING}
    readers = _readers(taskforce, named | watching)
    author = _author_name(post)
    created = []
    for user_id, (user, workspace_level) in readers.items():
        if user_id == post.author_id or not user.is_active:
            continue
        level = thread_levels.get(user_id) or workspace_level
        if level == WatchLevel.MUTED:
            continue
        if user_id in mentioned:
            kind = NotificationKind.MENTION
            text = gettext_noop("%(author)s mentioned you in “%(thread)s”.")
        elif user_id == replied_to:
            kind = NotificationKind.REPLY
            text = gettext_noop("%(author)s replied to your post in “%(thread)s”.")
        elif level == WatchLevel.WATCHING:
            kind = NotificationKind.POST
            text = gettext_noop("%(author)s posted in “%(thread)s”.")
        else:
            continue
        created.append(
            notification_create(
                user=user,
                kind=kind,
                taskforce=taskforce,
                thread=thread,
                post=post,
                text=text,
                params={"author": author, "thread": thread.title},
                url=post_url(post),
            )
        )
    return created


def notification_create(
    *,
    user: User,
    kind: str,
    taskforce: TaskForcePage | None,
    text: str,
    url: str,
    thread: Thread | None = None,
    post: Post | None = None,
    email: bool = True,
    emailed: bool = False,
    params: dict | None = None,
) -> Notification | None:
    """Store a notification, push it to the person's open pages, e-mail it if they chose so.

    ``text`` is the untranslated message (``gettext_noop``) with ``%(name)s`` placeholders
    for ``params``, so that it is shown in each reader's language. ``emailed`` records
    that the caller e-mails it in its own words, so no digest repeats it. Nothing is stored or
    sent to someone who may not read the task force. Without a task force, the
    notification is about the network as a whole and the caller decides who gets it.
    """
    if taskforce is not None and not permissions.can_read_taskforce(user, taskforce):
        return None
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        taskforce=taskforce,
        thread=thread,
        post=post,
        text=text,
        params=params or {},
        url=url,
        emailed_at=timezone.now() if emailed else None,
    )
    transaction.on_commit(lambda: _push_notification(notification))
    mode = notification_email_mode(user)
    if email and mode == EmailMode.IMMEDIATE and kind in IMMEDIATE_KINDS:
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        send_templated_email(
            "taskforces/emails/notification",
            {"notification": notification, "user": user, "post": post, "thread": thread},
            to=[user.email],
            reply_to=_reply_to(user, kind, post),
        )
    return notification


def _reply_to(user: User, kind: str, post: Post | None) -> list[str] | None:
    """The person's own signed address to answer a post by e-mail, where they may reply
    (docs/taskforces.md, "Reply by e-mail"); None leaves the portal's From address."""
    if post is None or kind not in REPLYABLE_KINDS:
        return None
    address = reply_address(user_id=user.pk, thread_id=post.thread_id, post_id=post.pk)
    if address is None or not permissions.can_reply(user, post.thread):
        return None
    return [address]


def notice_send(
    *,
    user: User,
    kind: str,
    text: str,
    params: dict,
    url: str,
    email_template: str,
    email_context: dict,
    taskforce: TaskForcePage | None = None,
) -> None:
    """Tell ``user`` about something of the network (a consultation, a survey): a
    notification on the site, and an e-mail in its own words (``email_template``) unless
    they chose no e-mail; the notification is then marked as e-mailed, so no digest
    repeats it."""
    emailed = notification_email_mode(user) != EmailMode.NONE
    notification_create(
        user=user,
        kind=kind,
        taskforce=taskforce,
        text=text,
        params=params,
        url=url,
        email=False,
        emailed=emailed,
    )
    if emailed:
        send_templated_email(email_template, email_context, to=[user])


def _push_notification(notification: Notification) -> None:
    unread = selectors.unread_notification_count(notification.user)
    # Pushed to the person's open pages, in the language they read the portal in.
    with translation.override(notification.user.preferred_language):
        text = notification.display_text
    events.send_to_group(
        events.user_group(notification.user_id),
        events.notification_event(
            notification_id=notification.pk,
            text=text,
            url=notification.url,
            unread=unread,
        ),
    )


def notification_email_mode(user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_mode if preference else EmailMode.IMMEDIATE


def notification_preference_set(*, user: User, email_mode: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_mode": email_mode}
    )
    return preference


def notifications_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    count = unread.update(read_at=timezone.now())
    events.send_on_commit(events.user_group(user.pk), events.counts_changed_event())
    return count


def digest_send(*, today: datetime.date | None = None) -> int:
    """E-mail each person who chose the daily digest what is new since; returns how many.

    By task force and thread, with the first lines of each new post and a link to the
    first one the person has not read (taskforces.digest).

    At most one digest per person per day, and a notification goes out by e-mail only
    once, so running the command twice (or from two schedulers) sends nothing twice.
    """
    today = today or timezone.localdate()
    sent = 0
    due = NotificationPreference.objects.filter(email_mode=EmailMode.DAILY).exclude(
        last_digest_on=today
    )
    for preference_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            preference = (
                NotificationPreference.objects.select_for_update()
                .select_related("user")
                .get(pk=preference_id)
            )
            if preference.last_digest_on == today or preference.email_mode != EmailMode.DAILY:
                continue
            user = preference.user
            items = list(
                selectors.notifications(user)
                .filter(emailed_at__isnull=True, read_at__isnull=True, taskforce__isnull=False)
                .order_by("taskforce__title", "created_at")
            )
            preference.last_digest_on = today
            preference.save(update_fields=["last_digest_on"])
            if not items or not user.is_active:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(
                emailed_at=timezone.now()
            )
            send_templated_email(
                "taskforces/emails/digest",
                {
                    "user": user,
                    "notifications": items,
                    "groups": digest_groups(user, items),
                    "day": today,
                },
                to=[user.email],
            )
            sent += 1
    return sent
