"""Who belongs to a task force, who asked to, and how closely each follows it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: tell me of every post")
    NORMAL = "normal", _("Normal: tell me of mentions and replies")
    MUTED = "muted", _("Muted: tell me nothing")


class Membership(models.Model):
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taskforce_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    # The workspace's watch level; a thread's own setting (ThreadWatch) overrides it.
    watch_level = models.CharField(
        _("watch level"), max_length=20, choices=WatchLevel.choices, default=WatchLevel.NORMAL
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["taskforce", "user"], name="one_membership_per_person")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} in {self.taskforce} ({self.get_role_display()})"

    @property
    def can_post(self) -> bool:
        return self.role != MembershipRole.OBSERVER


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the chair")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    """A network member's request to join; a chair or the secretariat decides."""

    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage", on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taskforce_join_requests"
    )
    message = models.TextField(_("why you would like to join"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note to the person"), blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["taskforce", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]
        ordering = ["created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")

    def __str__(self):
        return f"{self.user} asks to join {self.taskforce}"
