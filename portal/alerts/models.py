"""Saved searches: a person's query and filters, re-run to e-mail what is new."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    SEARCH = "search", _("Site search")
    CATALOGUE = "catalogue", _("Catalogue")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class SavedSearch(models.Model):
    """A search (or catalogue listing) someone asked to be told about.

    ``params`` is the query string the source's own page understands (``q`` and its
    filters, normalised by that page's form), so the alert re-runs the very same search.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    query = models.CharField(_("search words"), max_length=200, blank=True)
    params = models.CharField(_("parameters"), max_length=2000, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(default=timezone.now)
    # When the last e-mail went out; what was first published after it is new.
    last_sent_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        indexes = [models.Index(fields=["active", "frequency"])]

    def __str__(self) -> str:
        return self.name

    @property
    def since(self):
        """What was first published after this moment is new to the person."""
        return self.last_sent_at or self.created_at
