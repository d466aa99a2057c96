"""Every change to a task force goes through here.

Each write saves first and tells people afterwards: real-time events, notifications and
e-mails go out only once the transaction commits (events.send_on_commit,
send_templated_email), so nobody hears of something that was then rolled back.
"""

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from network.models import User
from portal.emails import send_templated_email
from taskforces import events, permissions, selectors
from taskforces.markup import find_mentions, render_markdown
from taskforces.models import (
    POST_MAX_LENGTH,
    ActionItem,
    ActionStatus,
    Answer,
    Attachment,
    Decision,
    DecisionStatus,
    Document,
    DocumentVersion,
    EmailMode,
    JoinRequest,
    JoinRequestStatus,
    Meeting,
    Membership,
    MembershipRole,
    ModerationAction,
    ModerationActionKind,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    PostRevision,
    Proposal,
    ProposalResponse,
    ReadPosition,
    TaskForcePage,
    Thread,
    ThreadEvent,
    ThreadEventKind,
    ThreadWatch,
    WatchLevel,
)
from taskforces.uploads import MAX_ATTACHMENTS_PER_POST, check_upload

# Membership ---------------------------------------------------------------------------------


def join_request_create(*, taskforce: TaskForcePage, user: User, message: str = "") -> JoinRequest:
    if not permissions.can_ask_to_join(user, taskforce):
        raise PermissionDenied(_("You cannot ask to join this task force."))
    with transaction.atomic():
        if taskforce.join_requests.filter(user=user, status=JoinRequestStatus.PENDING).exists():
            raise ValidationError(_("Your request is already with the chair."))
        request = JoinRequest.objects.create(taskforce=taskforce, user=user, message=message)
        for manager in _managers(taskforce):
            notification_create(
                user=manager,
                kind=NotificationKind.JOIN_REQUEST,
                taskforce=taskforce,
                text=_("%(person)s asks to join %(taskforce)s.")
                % {"person": user.get_full_name() or user.email, "taskforce": taskforce.title},
                url=taskforce.workspace_url("members"),
            )
    return request


def join_request_decide(
    *, join_request: JoinRequest, decided_by: User, accept: bool, note: str = ""
) -> Membership | None:
    """Accept (the person becomes a member) or decline (they are told why)."""
    taskforce = join_request.taskforce
    if not permissions.can_manage(decided_by, taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat decide on requests."))
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequestStatus.PENDING:
            raise ValidationError(_("This request has already been decided."))
        join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
        join_request.decided_by = decided_by
        join_request.decided_at = timezone.now()
        join_request.decision_note = note
        join_request.save()
        membership = None
        if accept:
            membership = membership_add(
                taskforce=taskforce, user=join_request.user, role=MembershipRole.MEMBER
            )
            text = _("You are now a member of %(taskforce)s.") % {"taskforce": taskforce.title}
            url = taskforce.workspace_url()
        else:
            text = _("Your request to join %(taskforce)s was declined.") % {
                "taskforce": taskforce.title
            }
            url = taskforce.url
        # Sent whatever the person's notification settings: they asked and wait for it.
        send_templated_email(
            "taskforces/emails/join_decided",
            {"join_request": join_request, "taskforce": taskforce, "accepted": accept, "url": url},
            to=[join_request.user.email],
        )
        if accept:
            notification_create(
                user=join_request.user,
                kind=NotificationKind.JOIN_DECIDED,
                taskforce=taskforce,
                text=text,
                url=url,
                email=False,
            )
    return membership


def membership_add(
    *, taskforce: TaskForcePage, user: User, role: str = MembershipRole.MEMBER
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        taskforce=taskforce, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    permissions.forget_cached_memberships(user)
    events.send_on_commit(
        events.user_group(user.pk), events.access_changed_event(taskforce_id=taskforce.pk)
    )
    return membership


def membership_change_role(*, membership: Membership, role: str, changed_by: User) -> Membership:
    taskforce = membership.taskforce
    if not permissions.can_manage(changed_by, taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat change roles."))
    with transaction.atomic():
        if membership.role == MembershipRole.CHAIR and role != MembershipRole.CHAIR:
            _keep_a_chair(taskforce, leaving=membership)
        membership.role = role
        membership.save(update_fields=["role"])
        permissions.forget_cached_memberships(membership.user)
        events.send_on_commit(
            events.user_group(membership.user_id),
            events.access_changed_event(taskforce_id=taskforce.pk),
        )
    return membership


def membership_end(*, membership: Membership, ended_by: User) -> None:
    """A member leaves, or a chair or the secretariat removes them; their sockets close."""
    taskforce = membership.taskforce
    if membership.user_id != ended_by.pk and not permissions.can_manage(ended_by, taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat remove members."))
    with transaction.atomic():
        if membership.role == MembershipRole.CHAIR:
            _keep_a_chair(taskforce, leaving=membership)
        user = membership.user
        membership.delete()
        ThreadWatch.objects.filter(user=user, thread__taskforce=taskforce).delete()
        permissions.forget_cached_memberships(user)
        events.send_on_commit(
            events.user_group(user.pk), events.access_changed_event(taskforce_id=taskforce.pk)
        )


def _keep_a_chair(taskforce: TaskForcePage, *, leaving: Membership) -> None:
    others = taskforce.memberships.filter(role=MembershipRole.CHAIR).exclude(pk=leaving.pk)
    if not others.exists():
        raise ValidationError(
            _("A task force needs a chair: name another chair first, or ask the secretariat.")
        )


def _managers(taskforce: TaskForcePage) -> list[User]:
    return [m.user for m in taskforce.memberships.filter(role=MembershipRole.CHAIR)]


# Threads and posts --------------------------------------------------------------------------


def _check_attachments(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    files = list(files)
    if len(files) > MAX_ATTACHMENTS_PER_POST:
        raise ValidationError(
            _("Attach at most %(count)s files to a post.") % {"count": MAX_ATTACHMENTS_PER_POST}
        )
    return [(upload, *check_upload(upload)) for upload in files]


_CLIENT_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _check_body(body: str) -> None:
    """Refuse an empty or over-long post, with the words the post form uses."""
    if not body.strip():
        raise ValidationError(_("Write something first."))
    MaxLengthValidator(POST_MAX_LENGTH)(body)


def check_client_key(client_key: str | None) -> None:
    if client_key is not None and not (
        isinstance(client_key, str) and _CLIENT_KEY.fullmatch(client_key)
    ):
        raise ValidationError(_("A post's key is 1 to 64 letters, digits, “-” or “_”."))


def thread_create(
    *,
    taskforce: TaskForcePage,
    author: User,
    title: str,
    body: str,
    label: str = "",
    not_for_attribution: bool = False,
    attachments: Iterable[UploadedFile] = (),
) -> Thread:
    if not permissions.can_post(author, taskforce):
        raise PermissionDenied(_("Observers read the workspace but do not start threads."))
    _check_body(body)
    checked = _check_attachments(attachments)
    with transaction.atomic():
        thread = Thread.objects.create(
            taskforce=taskforce,
            author=author,
            title=title,
            label=label,
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
        raise PermissionDenied(_("Observers read the thread but do not post."))
    check_client_key(client_key)
    _check_body(body)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        raise ValidationError(_("You can only reply to a post of the same thread."))
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
            raise ValidationError(_("This thread is locked: it takes no new posts."))
        return _post_save(
            thread=thread,
            author=author,
            body=body,
            reply_to=reply_to,
            checked=checked,
            client_key=client_key,
        )


def _post_save(*, thread, author, body, reply_to, checked, client_key=None) -> Post:
    handles = selectors.mention_handles(thread.taskforce)
    mentioned = find_mentions(body, handles)
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
        attachment = Attachment(post=post, name=name, size=upload.size, content_type=content_type)
        attachment.file.save(name, upload, save=False)
        attachment.save()
    Thread.objects.filter(pk=thread.pk).update(last_posted_at=post.created_at)
    # The author has read their own post.
    read_position_mark(user=author, thread=thread, post_id=post.pk, announce=False)
    _record_event(thread, ThreadEventKind.POST_CREATED, post)
    transaction.on_commit(lambda: _queue_post_notifications(post.pk))
    return post


def _queue_post_notifications(post_id: int) -> None:
    from taskforces.tasks import notify_about_post

    notify_about_post.enqueue(post_id=post_id)


def post_edit(*, post: Post, editor: User, body: str) -> Post:
    """Replace a post's text; the earlier text is kept in its history."""
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied(_("Only the author edits a post, while the thread is open."))
    _check_body(body)
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
        handles = selectors.mention_handles(post.thread.taskforce)
        mentioned = find_mentions(body, handles)
        post.body = body
        post.body_html = render_markdown(body, mentions=mentioned)
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        post.mentions.set([handles[handle] for handle in mentioned])
        _record_event(post.thread, ThreadEventKind.POST_EDITED, post)
    return post


def post_hide(*, post: Post, moderator: User, reason: str) -> Post:
    thread = post.thread
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat hide posts."))
    if not reason.strip():
        raise ValidationError(_("Say why: the author sees the reason."))
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
        post.hidden_at = timezone.now()
        post.hidden_reason = reason.strip()
        post.hidden_by = moderator
        post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _log(thread, moderator, ModerationActionKind.HIDE, post=post, reason=post.hidden_reason)
        _record_event(thread, ThreadEventKind.POST_HIDDEN, post)
        if post.author_id != moderator.pk:
            notification_create(
                user=post.author,
                kind=NotificationKind.POST_HIDDEN,
                taskforce=thread.taskforce,
                thread=thread,
                post=post,
                text=_("A moderator hid your post in “%(thread)s”: %(reason)s")
                % {"thread": thread.title, "reason": post.hidden_reason},
                url=_post_url(post),
            )
    return post


def post_show(*, post: Post, moderator: User) -> Post:
    thread = post.thread
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat show hidden posts."))
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(hidden_at=None, hidden_reason="", hidden_by=None)
        post.refresh_from_db()
        _log(thread, moderator, ModerationActionKind.SHOW, post=post)
        _record_event(thread, ThreadEventKind.POST_SHOWN, post)
    return post


def thread_set_pinned(*, thread: Thread, moderator: User, pinned: bool) -> Thread:
    return _thread_flag(thread, moderator, "pinned", pinned)


def thread_set_locked(*, thread: Thread, moderator: User, locked: bool) -> Thread:
    return _thread_flag(thread, moderator, "locked", locked)


def _thread_flag(thread: Thread, moderator: User, field: str, value: bool) -> Thread:
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat moderate threads."))
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
        _record_event(thread, ThreadEventKind.THREAD_CHANGED, None)
    return thread


def thread_rename(*, thread: Thread, moderator: User, title: str, label: str = "") -> Thread:
    """Give a thread a clearer title or label; readers see it change as they read."""
    if not permissions.can_moderate(moderator, thread.taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat rename threads."))
    title, label = title.strip(), label.strip()
    if not title:
        raise ValidationError({"title": _("A thread needs a title.")})
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
        _record_event(thread, ThreadEventKind.THREAD_CHANGED, None)
    return thread


def thread_move(*, thread: Thread, moderator: User, target: TaskForcePage, reason: str) -> Thread:
    """Move a thread to another task force; sockets of people who lose sight of it close."""
    source = thread.taskforce
    if not permissions.can_moderate(moderator, source):
        raise PermissionDenied(_("Only the chair or the secretariat move threads."))
    if not permissions.can_move_thread_to(moderator, target):
        raise PermissionDenied(_("You can only move threads to task forces you chair."))
    if target.pk == source.pk:
        raise ValidationError(_("The thread is already in this task force."))
    with transaction.atomic():
        _log(
            thread,
            moderator,
            ModerationActionKind.MOVE,
            reason=reason,
            detail=_("From %(source)s to %(target)s")
            % {"source": source.title, "target": target.title},
        )
        Thread.objects.filter(pk=thread.pk).update(taskforce=target)
        ThreadWatch.objects.filter(thread=thread).exclude(
            user__taskforce_memberships__taskforce=target
        ).delete()
        thread.refresh_from_db()
        _record_event(thread, ThreadEventKind.THREAD_MOVED, None)
    return thread


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


def _record_event(thread: Thread, kind: str, post: Post | None) -> int:
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


# Reading and watching -----------------------------------------------------------------------


def read_position_mark(*, user: User, thread: Thread, post_id: int, announce: bool = True) -> int:
    """Move this person's read position forward to ``post_id`` (never back)."""
    if not post_id or not thread.posts.filter(pk=post_id).exists():
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


def read_position_mark_all(*, user: User, thread: Thread) -> None:
    last = thread.posts.order_by("-pk").values_list("pk", flat=True).first()
    if last:
        read_position_mark(user=user, thread=thread, post_id=last)


def watch_set_for_thread(*, user: User, thread: Thread, level: str) -> None:
    if not permissions.can_read_taskforce(user, thread.taskforce):
        raise PermissionDenied
    ThreadWatch.objects.update_or_create(user=user, thread=thread, defaults={"level": level})
    events.send_on_commit(events.user_group(user.pk), events.counts_changed_event())


def watch_set_for_workspace(*, membership: Membership, level: str) -> None:
    membership.watch_level = level
    membership.save(update_fields=["watch_level"])
    events.send_on_commit(events.user_group(membership.user_id), events.counts_changed_event())


# Notifications ------------------------------------------------------------------------------


def _post_url(post: Post) -> str:
    return post.thread.taskforce.workspace_url("thread", post.thread_id) + f"#post-{post.pk}"


def _author_name(post: Post) -> str:
    """The author as notifications name them: nobody, under the Chatham House rule."""
    if post.thread.not_for_attribution:
        return _("A member")
    return post.author.get_full_name() or _("A member")


def notifications_for_post(post: Post) -> list[Notification]:
    """Tell the mentioned, the replied-to and those watching the thread of a new post.

    Only people who may read the task force are told, each at most once per post.
    """
    thread = post.thread
    taskforce = thread.taskforce
    readers = {
        membership.user_id: membership
        for membership in Membership.objects.filter(taskforce=taskforce).select_related("user")
    }
    thread_levels = dict(thread.watches.values_list("user_id", "level"))
    mentioned = set(post.mentions.values_list("pk", flat=True))
    replied_to = post.reply_to.author_id if post.reply_to_id else None
    author = _author_name(post)
    created = []
    for user_id, membership in readers.items():
        if user_id == post.author_id or not membership.user.is_active:
            continue
        level = thread_levels.get(user_id) or membership.watch_level
        if level == WatchLevel.MUTED:
            continue
        if user_id in mentioned:
            kind = NotificationKind.MENTION
            text = _("%(author)s mentioned you in “%(thread)s”.")
        elif user_id == replied_to:
            kind = NotificationKind.REPLY
            text = _("%(author)s replied to your post in “%(thread)s”.")
        elif level == WatchLevel.WATCHING:
            kind = NotificationKind.POST
            text = _("%(author)s posted in “%(thread)s”.")
        else:
            continue
        created.append(
            notification_create(
                user=membership.user,
                kind=kind,
                taskforce=taskforce,
                thread=thread,
                post=post,
                text=text % {"author": author, "thread": thread.title},
                url=_post_url(post),
            )
        )
    return created


def notification_create(
    *,
    user: User,
    kind: str,
    taskforce: TaskForcePage,
    text: str,
    url: str,
    thread: Thread | None = None,
    post: Post | None = None,
    email: bool = True,
) -> Notification | None:
    """Store a notification, push it to the person's open pages, e-mail it if they chose so.

    Nothing is stored or sent to someone who may not read the task force.
    """
    if not permissions.can_read_taskforce(user, taskforce):
        return None
    notification = Notification.objects.create(
        user=user, kind=kind, taskforce=taskforce, thread=thread, post=post, text=text, url=url
    )
    transaction.on_commit(lambda: _push_notification(notification))
    mode = _email_mode(user)
    if email and mode == EmailMode.IMMEDIATE and kind in _immediate_kinds():
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        send_templated_email(
            "taskforces/emails/notification",
            {"notification": notification, "user": user, "post": post, "thread": thread},
            to=[user.email],
        )
    return notification


def _immediate_kinds():
    from taskforces.models import IMMEDIATE_KINDS

    return IMMEDIATE_KINDS


def _push_notification(notification: Notification) -> None:
    unread = selectors.unread_notification_count(notification.user)
    events.send_to_group(
        events.user_group(notification.user_id),
        events.notification_event(
            notification_id=notification.pk,
            text=notification.text,
            url=notification.url,
            unread=unread,
        ),
    )


def _email_mode(user: User) -> str:
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
                .filter(emailed_at__isnull=True, read_at__isnull=True)
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
                {"user": user, "notifications": items, "day": today},
                to=[user.email],
            )
            sent += 1
    return sent


# Documents ----------------------------------------------------------------------------------


def document_create(
    *, taskforce: TaskForcePage, uploaded_by: User, title: str, description: str, file
) -> Document:
    if not permissions.can_post(uploaded_by, taskforce):
        raise PermissionDenied(_("Observers read documents but do not upload them."))
    name, content_type = check_upload(file)
    with transaction.atomic():
        document = Document.objects.create(
            taskforce=taskforce, title=title, description=description, created_by=uploaded_by
        )
        _version_save(document, uploaded_by, file, name, content_type, note="")
    return document


def document_add_version(*, document: Document, uploaded_by: User, file, note: str = ""):
    if not permissions.can_post(uploaded_by, document.taskforce):
        raise PermissionDenied(_("Observers read documents but do not upload them."))
    name, content_type = check_upload(file)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        version = _version_save(document, uploaded_by, file, name, content_type, note=note)
        document.updated_at = timezone.now()
        document.save(update_fields=["updated_at"])
    return version


def _version_save(document, uploaded_by, file, name, content_type, *, note) -> DocumentVersion:
    number = (
        document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        name=name,
        size=file.size,
        content_type=content_type,
        note=note,
        uploaded_by=uploaded_by,
    )
    version.file.save(name, file, save=False)
    version.save()
    return version


# Meetings, proposals, decisions, action items ----------------------------------------------


def _require_manager(user: User, taskforce: TaskForcePage) -> None:
    if not permissions.can_manage(user, taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat keep the records."))


def meeting_save(
    *,
    taskforce: TaskForcePage,
    saved_by: User,
    meeting: Meeting | None = None,
    title: str,
    starts_at: datetime.datetime,
    location: str = "",
    agenda: str = "",
    minutes: str = "",
    attendees: Iterable[User] = (),
) -> Meeting:
    _require_manager(saved_by, taskforce)
    attendees = list(attendees)
    allowed = set(taskforce.memberships.values_list("user_id", flat=True))
    if any(person.pk not in allowed for person in attendees):
        raise ValidationError(_("Attendees must be members of the task force."))
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting(taskforce=taskforce, created_by=saved_by)
        meeting.title = title
        meeting.starts_at = starts_at
        meeting.location = location
        meeting.agenda = agenda
        meeting.minutes = minutes
        meeting.save()
        meeting.attendees.set(attendees)
    return meeting


def proposal_create(
    *,
    taskforce: TaskForcePage,
    created_by: User,
    title: str,
    text: str,
    deadline: datetime.datetime,
    quorum: int,
    meeting: Meeting | None = None,
    thread: Thread | None = None,
) -> Proposal:
    _require_manager(created_by, taskforce)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    for linked in (meeting, thread):
        if linked is not None and linked.taskforce_id != taskforce.pk:
            raise ValidationError(_("Link a meeting or thread of this task force."))
    with transaction.atomic():
        proposal = Proposal.objects.create(
            taskforce=taskforce,
            created_by=created_by,
            title=title,
            text=text,
            deadline=deadline,
            quorum=quorum,
            meeting=meeting,
            thread=thread,
        )
        url = taskforce.workspace_url("proposal", proposal.pk)
        for membership in taskforce.memberships.exclude(role=MembershipRole.OBSERVER).exclude(
            user=created_by
        ):
            notification_create(
                user=membership.user,
                kind=NotificationKind.PROPOSAL,
                taskforce=taskforce,
                text=_("New proposal for a decision: “%(title)s”. Answer by %(deadline)s.")
                % {"title": title, "deadline": timezone.localtime(deadline).strftime("%d %b %Y")},
                url=url,
            )
    return proposal


def proposal_answer(
    *, proposal: Proposal, user: User, answer: str, reason: str = ""
) -> ProposalResponse:
    if not permissions.can_answer_proposal(user, proposal.taskforce):
        raise PermissionDenied(_("Only members of the task force answer proposals."))
    if not proposal.is_open or proposal.deadline <= timezone.now():
        raise ValidationError(_("This proposal no longer takes answers."))
    if answer == Answer.OBJECTION and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for your objection.")})
    response, _created = ProposalResponse.objects.update_or_create(
        proposal=proposal, user=user, defaults={"answer": answer, "reason": reason}
    )
    return response


def proposal_close(
    *, proposal: Proposal, closed_by: User, review_on: datetime.date | None = None
) -> Decision:
    """Close the proposal and record its outcome in the decisions log."""
    _require_manager(closed_by, proposal.taskforce)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ValidationError(_("This proposal is already closed."))
        answers = list(proposal.responses.values_list("answer", flat=True))
        counts = {choice: answers.count(choice) for choice in Answer.values}
        if len(answers) < proposal.quorum:
            status = DecisionStatus.NO_QUORUM
        elif counts[Answer.OBJECTION]:
            status = DecisionStatus.NOT_ADOPTED
        else:
            status = DecisionStatus.ADOPTED
        proposal.closed_at = timezone.now()
        proposal.save(update_fields=["closed_at"])
        decision = Decision.objects.create(
            taskforce=proposal.taskforce,
            proposal=proposal,
            title=proposal.title,
            text=proposal.text,
            decided_on=timezone.localdate(),
            meeting=proposal.meeting,
            thread=proposal.thread,
            status=status,
            review_on=review_on,
            consents=counts[Answer.CONSENT],
            objections=counts[Answer.OBJECTION],
            abstentions=counts[Answer.ABSTAIN],
        )
    return decision


def action_item_create(
    *,
    taskforce: TaskForcePage,
    created_by: User,
    title: str,
    owner: User,
    due_on: datetime.date | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
) -> ActionItem:
    _require_manager(created_by, taskforce)
    if not taskforce.memberships.filter(user=owner).exists():
        raise ValidationError({"owner": _("The owner must be a member of the task force.")})
    with transaction.atomic():
        item = ActionItem.objects.create(
            taskforce=taskforce,
            created_by=created_by,
            title=title,
            owner=owner,
            due_on=due_on,
            meeting=meeting,
            decision=decision,
        )
        if owner.pk != created_by.pk:
            notification_create(
                user=owner,
                kind=NotificationKind.ACTION,
                taskforce=taskforce,
                text=_("New action item for you: %(title)s") % {"title": title},
                url=taskforce.workspace_url("actions"),
            )
    return item


def action_item_set_status(*, item: ActionItem, changed_by: User, status: str) -> ActionItem:
    if not permissions.can_update_action(changed_by, item):
        raise PermissionDenied(_("Only the owner or the chair update an action item."))
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    item.status = status
    item.save(update_fields=["status"])
    return item
