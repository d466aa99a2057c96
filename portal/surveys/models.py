"""Surveys of offices: a questionnaire the secretariat builds in the admin, and one response
per office.

The survey is a page (drafts, revisions, previews); its questions are Wagtail form-builder
fields (``AbstractFormField``) with the survey's own kinds of question, and the form is
built by ``portal.surveys.forms.SurveyFormBuilder``. A response is a plain model, kept on
the original page and unique per office: the database refuses a second one.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal import localised_names
from portal.models.pages import AreaIndexPage
from portal.page_languages import ReaderLanguageUrlMixin
from portal.page_routes import SubpageUrlsMixin

# Below this many submitted responses, members see no results (nor the secretariat's
# filters narrow them below it): no office's answers can be read off the figures.
RESULTS_THRESHOLD = 5
SCALE = range(1, 6)


class QuestionKind(models.TextChoices):
    SECTION = "section", _("Section heading")
    SINGLE = "radio", _("Single choice")
    MULTIPLE = "checkboxes", _("Multiple choice")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "multiline", _("Free text")
    RANKING = "ranking", _("Ranking")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING}


class SurveyAudience(models.TextChoices):
    ALL = "all", _("Every office")
    SOME = "some", _("The offices chosen below")


class SurveyState(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for responses")
    CLOSED = "closed", _("Closed")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class SurveyIndexPage(SubpageUrlsMixin, AreaIndexPage):
    """The surveys an office is asked to answer; members only (see services)."""

    subpage_types = ["surveys.SurveyPage"]
    subpage_urls = ["portal.surveys.urls.survey_index_urls"]

    class Meta:
        verbose_name = _("survey index page")


class SurveyPage(ReaderLanguageUrlMixin, SubpageUrlsMixin, Page):
    reference = models.CharField(_("reference"), max_length=50, blank=True)
    intro = models.TextField(_("introduction"), max_length=2000)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    audience = models.CharField(
        _("offices asked"),
        max_length=10,
        choices=SurveyAudience.choices,
        default=SurveyAudience.ALL,
    )
    offices = ParentalManyToManyField(
        "network.OfficePage",
        blank=True,
        related_name="+",
        verbose_name=_("offices"),
        help_text=_("When only some offices are asked."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("reference"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("audience"),
                FieldPanel("offices"),
            ],
            heading=_("Who is asked, and when"),
        ),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
    ]
    # Refuses two questions with the same label, whose answers would share a key.
    base_form_class = WagtailAdminFormPageForm
    # Never in site search (search.py); the index's restriction keeps it out too.
    search_fields = []

    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []
    subpage_urls = ["portal.surveys.urls.survey_page_urls"]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    @cached_property
    def original(self) -> "SurveyPage":
        """The survey in the default language, which responses belong to."""
        if self.pk is None:
            return self
        default = localised_names.default_language()
        if self.locale.language_code == default:
            return self
        original = SurveyPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=default
        ).first()
        return original or self

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey closes after it opens.")})

    def state(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return SurveyState.UPCOMING
        if now < self.closes_at:
            return SurveyState.OPEN
        return SurveyState.CLOSED

    def get_state_display(self) -> str:
        return SurveyState(self.state()).label

    @property
    def is_open(self) -> bool:
        return self.state() == SurveyState.OPEN

    def route_url(self, name: str, *args) -> str:
        return self.url + self.reverse_subpage(name, args=args)


class SurveyQuestion(TranslatableMixin, AbstractFormField, Orderable):
    """A question of the survey, or a section heading between them (``kind`` section).

    Translated with its survey; answers are keyed by the original's ``clean_name`` and
    keep the original's choices, which a translation shows in its own words
    (``choice_label``, set by ``portal.surveys.selectors.questions_as_shown``).
    """

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
    field_type = models.CharField(
        _("kind of question"), max_length=16, choices=QuestionKind.choices
    )
    field_type.required_on_save = True

    panels = [
        FieldPanel("label", heading=_("Question")),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("field_type", required_on_save=True), FieldPanel("required")]),
        FieldPanel(
            "choices",
            help_text=_("One a line: for single and multiple choice and ranking."),
        ),
    ]

    # Translators word the question; what answers are keyed by stays the original's.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def choice_label(self, choice: str) -> str:
        """How the reader's translation words one of the original's choices."""
        return getattr(self, "shown_choices", {}).get(choice, choice)

    @property
    def is_section(self) -> bool:
        return self.field_type == QuestionKind.SECTION

    def choice_list(self) -> list[str]:
        lines = [line.strip() for line in self.choices.splitlines()]
        if len([line for line in lines if line]) <= 1 and "," in self.choices:
            lines = [part.strip() for part in self.choices.split(",")]
        return [line for line in lines if line]

    def clean(self):
        super().clean()
        if self.field_type in CHOICE_KINDS and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one a line.")})


class SurveyResponse(models.Model):
    """An office's answers to a survey (the original page): one per office, a draft until
    it is submitted, then read-only unless the secretariat reopens it."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
    office = models.ForeignKey(
        "network.OfficePage", on_delete=models.CASCADE, related_name="survey_responses"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    # Question clean_name to the answer: a string, a list of strings (multiple choice,
    # ranking in order), or an integer (scale).
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["survey", "office__title"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "office"], name="one_response_per_office")
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.office} on {self.survey_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class NoticeKind(models.TextChoices):
    OPENED = "opened", _("The survey opened")
    CLOSING = "closing", _("The survey closes in two days and the office has not answered")


class SurveyNotice(models.Model):
    """That a person was told about a survey; the database refuses a second record."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user", "kind"], name="survey_notice_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"
