"""What a task force keeps: documents with their versions, meetings, decisions, action items."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taskforces.storage import private_storage

# Documents ----------------------------------------------------------------------------------


class Document(models.Model):
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


def document_path(instance, filename: str) -> str:
    document = instance.document
    return (
        f"taskforces/documents/{document.taskforce_id}/{document.pk}/v{instance.number}/{filename}"
    )


class DocumentVersion(models.Model):
    """One uploaded file of a document; a new version never replaces an earlier one."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, upload_to=document_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]
        ordering = ["-number"]

    def __str__(self):
        return f"{self.document} v{self.number}"


# Meetings -----------------------------------------------------------------------------------


class Meeting(models.Model):
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    # Left empty in the form, an hour (services.meeting_save).
    duration = models.PositiveSmallIntegerField(
        _("length in minutes"),
        default=60,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    location = models.CharField(
        _("where"), max_length=300, blank=True, help_text=_("A room, or how to join online.")
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taskforce_meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The invitation's revision (iCalendar SEQUENCE): raised when its time, length, place
    # or title changes and when it is cancelled, so calendars replace what they hold.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


# Decisions ----------------------------------------------------------------------------------


class Answer(models.TextChoices):
    CONSENT = "consent", _("Consent")
    OBJECTION = "objection", _("Objection")
    ABSTAIN = "abstain", _("Abstain")


class Proposal(models.Model):
    """A decision put to the members: they consent, object or abstain before the deadline.

    Closing it records the outcome in the decisions log: adopted when at least ``quorum``
    members answered and nobody objected.
    """

    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"), help_text=_("Markdown."))
    deadline = models.DateTimeField(_("answers by"))
    quorum = models.PositiveIntegerField(
        _("quorum"), default=3, help_text=_("How many members must answer for a decision.")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("meeting"),
    )
    thread = models.ForeignKey(
        "taskforces.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("discussed in thread"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ProposalResponse(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("your answer"), max_length=20, choices=Answer.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_answer_per_member")
        ]
        ordering = ["answered_at"]

    def __str__(self):
        return f"{self.user}: {self.get_answer_display()}"


class DecisionStatus(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted: objection")
    NO_QUORUM = "no_quorum", _("Not adopted: no quorum")


class Decision(models.Model):
    """An entry of the decisions log: what was decided, when, where, and when to review it."""

    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="decisions"
    )
    proposal = models.OneToOneField(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="decision"
    )
    title = models.CharField(_("what"), max_length=200)
    text = models.TextField(_("decision"))
    decided_on = models.DateField(_("when"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    thread = models.ForeignKey(
        "taskforces.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    status = models.CharField(_("status"), max_length=20, choices=DecisionStatus.choices)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    consents = models.PositiveIntegerField(default=0)
    objections = models.PositiveIntegerField(default=0)
    abstentions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.title


# Action items -------------------------------------------------------------------------------


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionItem(models.Model):
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="action_items"
    )
    title = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="taskforce_action_items",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("agreed at meeting"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("follows decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title
