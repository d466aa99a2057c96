"""What a workshop page holds inline: its segments, registration questions and challenges.

Each is translatable: wagtail-localize gives a translation of the page its own copies, in
the page's locale, sharing the translation key of the original's row. Registrations,
invitations and teams refer to the original's rows (see portal.translated_rows).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin

from portal.workshops.models.choices import QuestionKind, SegmentAccess


class WorkshopSegment(TranslatableMixin, Orderable, ClusterableModel):
    """A part of the event with its own access, such as an invitation-only morning."""

    page = ParentalKey("workshops.WorkshopPage", on_delete=models.CASCADE, related_name="segments")
    title = models.CharField(_("title"), max_length=200)
    access = models.CharField(
        _("access"), max_length=20, choices=SegmentAccess.choices, default=SegmentAccess.OPEN
    )
    when = models.CharField(
        _("when"), max_length=100, blank=True, help_text=_("e.g. 15 April, 9:30–12:30")
    )
    description = models.TextField(_("description"), blank=True)
    # Who an invitation-only segment is for: whole delegations, or named people.
    invited_offices = ParentalManyToManyField(
        "network.OfficePage",
        blank=True,
        related_name="+",
        verbose_name=_("invited offices"),
        help_text=_("Everyone of these offices may attend an invitation-only segment."),
    )
    invited_people = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("invited people"),
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("access")]),
        FieldPanel("when"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("invited_offices"), FieldPanel("invited_people")],
            heading=_("Invitations (ignored for open segments)"),
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("segment")
        verbose_name_plural = _("segments")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.access == SegmentAccess.OPEN


class RegistrationQuestion(TranslatableMixin, Orderable):
    """A question every registrant answers, such as whether they need a visa letter."""

    page = ParentalKey("workshops.WorkshopPage", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(
        _("kind of answer"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For “one of a list”: one choice per line.")
    )
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldPanel("help_text"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.kind == QuestionKind.CHOICE and not self.choice_list():
            raise ValidationError({"choices": _("List the choices, one per line.")})

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class HackathonChallenge(TranslatableMixin, Orderable):
    """A problem teams may choose to work on at a hackathon or codefest."""

    page = ParentalKey(
        "workshops.WorkshopPage", on_delete=models.CASCADE, related_name="challenges"
    )
    title = models.CharField(_("title"), max_length=200)
    brief = RichTextField(_("brief"), features=["bold", "italic", "link", "ul", "ol"])
    proposed_by = models.CharField(
        _("proposed by"), max_length=200, blank=True, help_text=_("e.g. an office or a task force")
    )
    resources = models.URLField(_("data and resources"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("proposed_by")]),
        FieldPanel("brief"),
        FieldPanel("resources"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self):
        return self.title
