"""Notifications in the site and by e-mail, and each person's choice of how to get them."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.dates import format_when


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, for mentions and replies to my posts")
    DAILY = "daily", _("A daily digest of everything new")
    NONE = "none", _("No e-mail; I read notifications on the site")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_mode = models.CharField(
        _("e-mail"), max_length=20, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    # The day of the last digest; the digest command sends at most one a day.
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"{self.user}: {self.get_email_mode_display()}"


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mention")
    REPLY = "reply", _("Reply")
    POST = "post", _("New post in a watched thread")
    POST_HIDDEN = "post_hidden", _("Your post was hidden")
    JOIN_REQUEST = "join_request", _("Request to join")
    JOIN_DECIDED = "join_decided", _("Your request to join was decided")
    PROPOSAL = "proposal", _("New proposal")
    ACTION = "action", _("Action item for you")
    CONSULTATION = "consultation", _("Consultation for comment")
    SURVEY = "survey", _("Survey of offices")


# The kinds e-mailed at once to people who chose immediate e-mail.
IMMEDIATE_KINDS = {
    NotificationKind.MENTION,
    NotificationKind.REPLY,
    NotificationKind.POST_HIDDEN,
    NotificationKind.JOIN_DECIDED,
    NotificationKind.JOIN_REQUEST,
    NotificationKind.ACTION,
}


class Notification(models.Model):
    """Something a person should know about, in one task force or in the network.

    A notification about a task force is shown only while the person may still read it,
    and worded so that a not-for-attribution thread never names its authors. One without
    a task force is about the network as a whole (a consultation open to all members).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # The message in the code's language with %(name)s placeholders (a catalogue msgid),
    # and the values to put in them: translated when shown, so each reader sees it in
    # their language. A value {"text": msgid} is translated, {"date": iso} formatted.
    text = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300)
    thread = models.ForeignKey(
        "taskforces.Thread", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        "taskforces.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by e-mail, at once or in a digest; never sent twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        """The message in the active language."""
        message = gettext(self.text)
        if not self.params:
            return message
        values = {name: _param_text(value) for name, value in self.params.items()}
        try:
            return message % values
        except (KeyError, TypeError, ValueError):
            # A translation that lost a placeholder: the original wording still reads.
            return self.text % values


def _param_text(value) -> str:
    if isinstance(value, dict) and "text" in value:
        return gettext(value["text"])
    if isinstance(value, dict) and "date" in value:
        return format_when(datetime.datetime.fromisoformat(value["date"]), "date")
    return str(value)
