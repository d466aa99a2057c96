"""Threads and posts, their history, attachments, read positions and the event log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskforces.models.membership import WatchLevel
from taskforces.storage import private_storage


class Thread(models.Model):
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    label = models.CharField(_("label"), max_length=50, blank=True)
    # The forum's heading for the thread; task-force threads have none.
    category = models.ForeignKey(
        "taskforces.ForumCategory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("category"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    not_for_attribution = models.BooleanField(
        _("not for attribution"),
        default=False,
        help_text=_("Chatham House rule: authors' names are not shown outside the thread."),
    )
    # The id of the thread's latest real-time event (ThreadEvent.seq); raised under a row
    # lock by every write, so that ids are gapless and in commit order.
    last_event_id = models.PositiveIntegerField(default=0, editable=False)
    last_posted_at = models.DateTimeField(_("last post"), null=True, blank=True)

    class Meta:
        ordering = ["-pinned", "-last_posted_at", "-created_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self):
        return self.title


# The longest post, in characters: the form, the websocket and the services all refuse
# a longer one with the same message.
POST_MAX_LENGTH = 20000


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    body = models.TextField(_("text"), help_text=_("Markdown."))
    # body converted from Markdown and cleaned against an allow-list (taskforces.markup);
    # the only form of the text that is ever put on a page.
    body_html = models.TextField(editable=False, default="")
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Chosen by the author's page for each post it sends; a retry with the same key gets
    # the stored post back instead of a second copy.
    client_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "author", "client_key"],
                condition=~models.Q(client_key=""),
                name="post_unique_client_key",
            )
        ]

    def __str__(self):
        return f"{self.author} in {self.thread}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostRevision(models.Model):
    """The text a post had before an edit; the post keeps its current text."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField(help_text=_("When this text was written."))
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.post} before {self.replaced_at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename: str) -> str:
    return f"taskforces/attachments/{instance.post.thread.taskforce_id}/{filename}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class ThreadWatch(models.Model):
    """A person's watch level for one thread, overriding their workspace's."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="watches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_watches"
    )
    level = models.CharField(_("watch level"), max_length=20, choices=WatchLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_watch_per_thread")
        ]

    def __str__(self):
        return f"{self.user} {self.level} {self.thread}"


class ReadPosition(models.Model):
    """The last post of a thread a person has read; posts after it are unread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_positions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_positions"
    )
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_read_position_per_thread")
        ]

    def __str__(self):
        return f"{self.user} read {self.thread} to {self.last_read_post_id}"


class ThreadEventKind(models.TextChoices):
    POST_CREATED = "post.created"
    POST_EDITED = "post.edited"
    POST_HIDDEN = "post.hidden"
    POST_SHOWN = "post.shown"
    THREAD_CHANGED = "thread.changed"
    THREAD_MOVED = "thread.moved"


class ThreadEvent(models.Model):
    """One numbered change to a thread, kept so that a reconnecting client can catch up.

    The event holds no text: a replay describes the post as it is now, so a post hidden
    since is replayed hidden.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, choices=ThreadEventKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "seq"], name="one_event_per_thread_seq")
        ]
        ordering = ["thread", "seq"]

    def __str__(self):
        return f"{self.thread_id}#{self.seq} {self.kind}"


class ModerationActionKind(models.TextChoices):
    PIN = "pin", _("Pinned the thread")
    UNPIN = "unpin", _("Unpinned the thread")
    LOCK = "lock", _("Locked the thread")
    UNLOCK = "unlock", _("Unlocked the thread")
    HIDE = "hide", _("Hid a post")
    SHOW = "show", _("Showed a hidden post again")
    MOVE = "move", _("Moved the thread")
    RENAME = "rename", _("Renamed the thread")


class ModerationAction(models.Model):
    """Who did what to which thread or post, when and why."""

    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="moderation_actions"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation_actions")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=ModerationActionKind.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self):
        return f"{self.actor}: {self.get_action_display()}"
