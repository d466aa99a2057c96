"""Hackathon and codefest teams, their members and what they submit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

__all__ = ["NOT_THIS_EVENTS_CHALLENGE", "Submission", "Team", "TeamMembership"]

NOT_THIS_EVENTS_CHALLENGE = _("Choose one of this event's challenges.")


class Team(models.Model):
    """A team signed up for a hackathon, working on one of its challenges."""

    workshop = models.ForeignKey(
        "workshops.WorkshopPage", on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("team name"), max_length=100)
    challenge = models.ForeignKey(
        "workshops.HackathonChallenge",
        on_delete=models.SET_NULL,
        null=True,
        related_name="teams",
        verbose_name=_("challenge"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TeamMembership", related_name="hackathon_teams"
    )
    # Set by the secretariat when the jury has decided; shown on the page at once.
    prize = models.CharField(
        _("prize"), max_length=100, blank=True, help_text=_("e.g. First prize; empty: none.")
    )
    prize_rank = models.PositiveSmallIntegerField(
        _("rank among winners"), null=True, blank=True, help_text=_("1 is listed first.")
    )

    panels = [
        FieldPanel("workshop"),
        FieldPanel("name"),
        FieldPanel("challenge"),
        FieldRowPanel([FieldPanel("prize"), FieldPanel("prize_rank")]),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="one_team_name_per_event")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.challenge_id and self.workshop_id and self.challenge.page_id != self.workshop_id:
            raise ValidationError({"challenge": NOT_THIS_EVENTS_CHALLENGE})


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    # Repeated from the team so that the database refuses a person in two teams of one event.
    workshop = models.ForeignKey(
        "workshops.WorkshopPage", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="one_team_per_person")
        ]

    def __str__(self):
        return f"{self.user} in {self.team}"


class Submission(models.Model):
    """What a team hands in by the deadline: a link and a description."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="submission")
    link = models.URLField(
        _("link"), help_text=_("The repository, a demo or a video of what the team built.")
    )
    description = models.TextField(_("description"), max_length=5000)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The catalogue entry proposed from it (a draft in review, or published since).
    catalogue_entry = models.ForeignKey(
        "catalogue.CatalogueEntryPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hackathon_submissions",
        verbose_name=_("catalogue entry"),
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return f"{self.team}: {self.link}"
