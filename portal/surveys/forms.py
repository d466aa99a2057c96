"""The survey's form, built from its questions by Wagtail's form builder, and the results'
filters.

A draft may be saved with questions left unanswered; submitting asks for every required
one. Answers are stored as the form cleans them (``SurveyResponse.answers``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from network.models import OfficeKind
from portal.models import Region
from portal.surveys.models import SCALE, QuestionKind, SurveyQuestion

TEXT_MAX_LENGTH = 5000


class RankingWidget(forms.MultiWidget):
    """One "rank" select a choice, each with the choice as its label: works without
    JavaScript, with a keyboard and on a phone."""

    template_name = "surveys/widgets/ranking.html"

    def __init__(self, choices: list[tuple[str, str]], attrs=None):
        self.choices = choices
        ranks = [("", "–"), *((str(n), str(n)) for n in range(1, len(choices) + 1))]
        super().__init__([forms.Select(choices=ranks) for _choice in choices], attrs)

    def decompress(self, value):
        """From the stored order (best first) to each choice's rank."""
        value = value or []
        return [str(value.index(c) + 1) if c in value else "" for c, _label in self.choices]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_choice, label) in zip(
            context["widget"]["subwidgets"], self.choices, strict=True
        ):
            subwidget["choice_label"] = label
        return context


class RankingField(forms.MultiValueField):
    """The choices in order, best first; every choice ranked once, or none of them."""

    def __init__(self, *, choices: list[tuple[str, str]], **kwargs):
        """``choices``: each choice as answers keep it, and as the reader sees it."""
        self.choice_labels = [choice for choice, _label in choices]
        fields = [forms.CharField(required=False) for _choice in choices]
        super().__init__(fields, widget=RankingWidget(choices), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        ranks = [value or "" for value in data_list]
        if not any(ranks):
            return []
        expected = {str(n) for n in range(1, len(self.choice_labels) + 1)}
        if sorted(ranks) != sorted(expected):
            raise forms.ValidationError(
                _("Give each choice a different rank, from 1 to %(count)d."),
                params={"count": len(self.choice_labels)},
            )
        by_rank = sorted(zip(ranks, self.choice_labels, strict=True), key=lambda p: int(p[0]))
        return [choice for _rank, choice in by_rank]


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder with the survey's kinds of question; section headings are
    not fields."""

    def __init__(self, questions, *, draft: bool = False):
        super().__init__([q for q in questions if q.field_type != QuestionKind.SECTION])
        self.draft = draft

    def get_field_options(self, field):
        options = super().get_field_options(field)
        # A draft keeps what is answered so far; submitting asks for the rest.
        options["required"] = field.required and not self.draft
        options["initial"] = None
        return options

    def get_formatted_field_choices(self, field: SurveyQuestion):
        """Answers keep the original's choice; the reader sees it in their language."""
        return [(choice, field.choice_label(choice)) for choice in field.choice_list()]

    def create_multiline_field(self, field, options):
        attrs = {"rows": 5, "dir": "auto"}
        return forms.CharField(
            widget=forms.Textarea(attrs=attrs), max_length=TEXT_MAX_LENGTH, **options
        )

    def create_scale_field(self, field, options):
        return forms.TypedChoiceField(
            choices=[(n, str(n)) for n in SCALE],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **options,
        )

    def create_ranking_field(self, field, options):
        return RankingField(choices=self.get_formatted_field_choices(field), **options)


class SurveyForm(BaseForm):
    """The answers as the service stores them: unanswered questions left out."""

    def answers(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", [], ())
        }


def survey_form_class(questions, *, draft: bool = False):
    builder = SurveyFormBuilder(questions, draft=draft)
    return type("SurveyAnswersForm", (SurveyForm,), builder.formfields)


class ResultsFilterForm(forms.Form):
    """Narrow the results to one region or kind of office (read from the query string)."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of office"),
        required=False,
        choices=[("", _("Every kind")), *OfficeKind.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.originals().order_by("name")
        self.fields["region"].choices = [
            ("", _("Every region")),
            *((region.slug, str(region)) for region in regions),
        ]

    def office_filter(self) -> dict:
        if not self.is_valid():
            return {}
        filters = {}
        if self.cleaned_data["region"]:
            filters["office__region__slug"] = self.cleaned_data["region"]
        if self.cleaned_data["kind"]:
            filters["office__kind"] = self.cleaned_data["kind"]
        return filters
