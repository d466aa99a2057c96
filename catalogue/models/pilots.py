"""Pilot projects: offices trying catalogue entries together, with goals, milestones,
results and lessons, for the members of the network to learn from."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PilotStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    LATE = "late", _("Late")
    DROPPED = "dropped", _("Dropped")


class Pilot(models.Model):
    """A pilot project run by a lead office with others, using catalogue entries (the
    originals); read by the members of the network, kept by the offices taking part."""

    title = models.CharField(_("title"), max_length=200)
    lead_office = models.ForeignKey(
        "network.OfficePage",
        on_delete=models.PROTECT,
        related_name="led_pilots",
        verbose_name=_("lead office"),
    )
    offices = models.ManyToManyField(
        "network.OfficePage",
        related_name="pilots",
        blank=True,
        verbose_name=_("other offices taking part"),
    )
    entries = models.ManyToManyField(
        "catalogue.CatalogueEntryPage",
        related_name="pilots",
        blank=True,
        verbose_name=_("catalogue entries used"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PilotStatus.choices, default=PilotStatus.PLANNED
    )
    started_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    goals = models.TextField(_("goals"), max_length=4000)
    results = models.TextField(_("results"), max_length=8000, blank=True)
    lessons = models.TextField(_("lessons learnt"), max_length=8000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ends_on__gte=models.F("started_on")),
                name="pilot_ends_after_it_starts",
            )
        ]
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")

    def __str__(self):
        return self.title


class PilotMilestone(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title
