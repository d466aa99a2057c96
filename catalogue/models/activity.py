"""What members do with entries: use them, show interest, ask their providers."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AdoptionStatus(models.TextChoices):
    EVALUATING = "evaluating", _("Evaluating")
    IN_USE = "in_use", _("In use")
    STOPPED = "stopped", _("Stopped using")


# Adoptions that count as "offices using it" on listings and for sorting.
COUNTED_ADOPTION_STATUSES = [AdoptionStatus.EVALUATING, AdoptionStatus.IN_USE]


class Adoption(models.Model):
    """An office's use of a catalogue entry: "our office uses this"."""

    entry = models.ForeignKey(
        "catalogue.CatalogueEntryPage", on_delete=models.CASCADE, related_name="adoptions"
    )
    office = models.ForeignKey(
        "network.OfficePage", on_delete=models.CASCADE, related_name="adoptions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AdoptionStatus.choices, default=AdoptionStatus.IN_USE
    )
    since = models.DateField(_("since"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    willing_to_be_reference = models.BooleanField(
        _("willing to be contacted as a reference"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["entry__title"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "office"], name="one_adoption_per_office")
        ]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self):
        return f"{self.office} uses {self.entry} ({self.get_status_display()})"


class Interest(models.Model):
    """A member whose office does not use an entry says it is interested in reusing it."""

    entry = models.ForeignKey(
        "catalogue.CatalogueEntryPage", on_delete=models.CASCADE, related_name="interests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalogue_interests"
    )
    office = models.ForeignKey(
        "network.OfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_interests",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "user"], name="one_interest_per_person")
        ]
        verbose_name = _("interest in reusing")
        verbose_name_plural = _("interests in reusing")

    def __str__(self):
        return f"{self.user} is interested in {self.entry}"


class Question(models.Model):
    """A member's question to an entry's provider, and the provider's answer."""

    entry = models.ForeignKey(
        "catalogue.CatalogueEntryPage", on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalogue_questions"
    )
    body = models.TextField(_("question"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answer = models.TextField(_("answer"), blank=True, max_length=8000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # Sharing with every member: the asker agrees (when asking or later), then the
    # provider publishes; either may withdraw. Private until both have happened.
    share_consent_at = models.DateTimeField(_("asker agreed to share"), null=True, blank=True)
    share_anonymously = models.BooleanField(_("shared without the asker's office"), default=False)
    share_requested_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published for members"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["entry", "-published_at"],
                condition=models.Q(published_at__isnull=False),
                name="question_published_by_entry",
            )
        ]
        verbose_name = _("question to a provider")
        verbose_name_plural = _("questions to providers")

    def __str__(self):
        return f"Question about {self.entry} from {self.asked_by}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def has_share_consent(self) -> bool:
        return self.share_consent_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def shared_office(self):
        """The asker's office as a published question names it; None when anonymous."""
        if self.share_anonymously:
            return None
        member = getattr(self.asked_by, "member", None)
        return member.office if member is not None else None


class FreshnessState(models.TextChoices):
    CURRENT = "current", _("Current")
    OUTDATED = "outdated", _("Possibly outdated")
    ARCHIVED = "archived", _("Archived")


class FreshnessStateMixin:
    """An entry's freshness state, for templates."""

    @property
    def freshness_state(self) -> str:
        """The entry's FreshnessState; an entry not reviewed yet has no record and is
        current. A template asking ``entry.freshness.state`` of such an entry cost a
        millisecond: Django's template engine lists every attribute of the page
        (``dir()``) when a lookup raises."""
        try:
            return self.freshness.state
        except ObjectDoesNotExist:
            return FreshnessState.CURRENT


class Freshness(models.Model):
    """When an entry's owner last confirmed it is current, and what follows from that.

    Kept beside the page rather than on it: publishing a later revision would otherwise
    copy an older confirmation back from the revision's content.
    """

    entry = models.OneToOneField(
        "catalogue.CatalogueEntryPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="freshness",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=FreshnessState.choices, default=FreshnessState.CURRENT
    )
    last_confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state_changed_at = models.DateTimeField(default=timezone.now)
    # The reminder for the current cycle (since the last confirmation) went out then.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("freshness")
        verbose_name_plural = _("freshness")

    def __str__(self):
        return f"{self.entry}: {self.get_state_display()}"
