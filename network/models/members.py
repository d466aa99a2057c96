"""People in the network, the seats their offices hold, and nominations to those seats."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager

from .roles import MemberRole, Seat

__all__ = ["Member", "MemberRole", "Nomination", "NominationStatus", "Seat", "SeatTerm"]


class Member(models.Model):
    """The network profile of a person: their office, role and expertise."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    office = models.ForeignKey(
        "network.OfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("office"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True, max_length=2000)
    languages = models.ManyToManyField(
        "portal.Language", blank=True, related_name="speakers", verbose_name=_("languages spoken")
    )
    expertise = TaggableManager(
        _("expertise"), blank=True, help_text=_("Comma-separated, e.g. AI, cloud, IPAS.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    list_contact_details = models.BooleanField(
        _("list my contact details"),
        default=True,
        help_text=_("Show your e-mail address and phone to signed-in members of the network."),
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return str(self.user)

    @property
    def name(self) -> str:
        return str(self.user)

    @property
    def email(self) -> str:
        return self.user.email


class SeatTermQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class SeatTerm(models.Model):
    """One person's time in one of an office's seats; ended terms are the seat's history."""

    office = models.ForeignKey(
        "network.OfficePage", on_delete=models.CASCADE, related_name="seat_terms"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seat_terms"
    )
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    started_on = models.DateField(_("since"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    objects = SeatTermQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            # An office has one head of ICT at a time.
            models.UniqueConstraint(
                fields=["office"],
                condition=Q(ended_on__isnull=True, seat="principal"),
                name="one_current_principal_per_office",
            ),
            models.UniqueConstraint(
                fields=["office", "user"],
                condition=Q(ended_on__isnull=True),
                name="one_current_seat_per_person_and_office",
            ),
        ]
        verbose_name = _("seat term")
        verbose_name_plural = _("seat terms")

    def __str__(self):
        return f"{self.user} — {self.get_seat_display()} ({self.office})"


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the secretariat")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class Nomination(models.Model):
    """An office's proposal of who takes one of its seats, for the secretariat to confirm."""

    office = models.ForeignKey(
        "network.OfficePage", on_delete=models.CASCADE, related_name="nominations"
    )
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    nominee_email = models.EmailField(_("e-mail address of the person nominated"))
    nominee_first_name = models.CharField(_("first name"), max_length=150)
    nominee_last_name = models.CharField(_("last name"), max_length=150)
    nominee_role = models.CharField(
        _("their role in the office"), max_length=20, choices=MemberRole.choices
    )
    note = models.TextField(_("note for the secretariat"), blank=True, max_length=1000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("nominated"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self):
        return f"{self.nominee_first_name} {self.nominee_last_name} for {self.office}"

    @property
    def nominee_name(self) -> str:
        return f"{self.nominee_first_name} {self.nominee_last_name}"
