"""Background work that failed: retried with back-off, then left for the secretariat."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FailedTask", "FailedTaskStatus"]


class FailedTaskStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to be retried")
    QUEUED = "queued", _("Queued for a retry")
    RUNNING = "running", _("Being retried")
    GAVE_UP = "gave_up", _("Given up")


class FailedTask(models.Model):
    """One piece of background work whose last attempt failed; deleted once a retry succeeds.

    Written only by portal.background, which also decides when the next attempt is due.
    """

    task_path = models.CharField(max_length=255)
    arguments = models.JSONField(default=dict, help_text=_("The task's args and kwargs."))
    status = models.CharField(max_length=10, choices=FailedTaskStatus.choices)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    first_failed_at = models.DateTimeField()
    last_failed_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_failed_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("failed background task")
        verbose_name_plural = _("failed background tasks")

    def __str__(self):
        return f"{self.task_path} ({self.get_status_display()})"
