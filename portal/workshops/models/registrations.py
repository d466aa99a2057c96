"""What members do around a workshop: register, wait for a place, attend, give feedback."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CalendarFeed",
    "Feedback",
    "Registration",
    "RegistrationStatus",
    "ReminderKind",
    "ReminderSent",
]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("queued_at", "pk")


class Registration(models.Model):
    """One person's registration for one workshop; written only by portal.workshops.services."""

    workshop = models.ForeignKey(
        "workshops.WorkshopPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_registrations"
    )
    # The office the person represented when registering, for the limit of places per office.
    office = models.ForeignKey(
        "network.OfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_registrations",
        verbose_name=_("office"),
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    # The waiting list is served in this order; re-registering after cancelling queues anew.
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("place given"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # The person chose to appear, with their office and role, on the list members see.
    listed = models.BooleanField(_("on the list of participants"), default=False)
    # The parts of the event the person will attend, when the event has segments.
    segments = models.ManyToManyField(
        "workshops.WorkshopSegment",
        blank=True,
        related_name="registrations",
        verbose_name=_("segments"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["workshop", "status", "queued_at"])]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.user} — {self.workshop} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "week", _("7 days before")
    DAY_BEFORE = "day", _("1 day before")
    FEEDBACK = "feedback", _("Feedback request after the event")


class ReminderSent(models.Model):
    """A record that one reminder went to one participant; the constraint forbids a second."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(_("reminder"), max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_reminder_of_a_kind")
        ]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return f"{self.get_kind_display()} to {self.registration.user}"


class Feedback(models.Model):
    """A participant's short answers after the event, read by the secretariat."""

    RATINGS = [(n, str(n)) for n in range(1, 6)]

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("How useful was the event for your office?"),
        choices=RATINGS,
        help_text=_("1: not useful, 5: very useful."),
    )
    most_useful = models.TextField(_("What was most useful?"), blank=True, max_length=2000)
    improve = models.TextField(_("What should we do better?"), blank=True, max_length=2000)
    next_topics = models.TextField(
        _("Which topics would you like next?"), blank=True, max_length=2000
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.registration.user}: {self.rating}/5"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's own calendar of the events they registered for, at a secret address.

    Calendar apps fetch it without signing in, so the address is the key: it is long and
    random, and the person can replace it, which stops the old one from working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("personal workshop calendar")

    def __str__(self):
        return f"Workshop calendar of {self.user}"
