"""Reads around surveys: the listing, an office's response, the results and the CSVs.

The results are computed from the submitted responses' answers, read in one query
whatever their number, and the chart, the table and the results CSV all show the same
``QuestionResult.bars``.
"""

import copy
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from network.models import OfficePage
from portal.dates import format_iso
from portal.page_languages import children_in_every_locale, in_reader_language
from portal.surveys.models import (
    SCALE,
    QuestionKind,
    ResponseStatus,
    SurveyIndexPage,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
)
from portal.translated_rows import translated_rows


def surveys_for(index: SurveyIndexPage) -> list[SurveyPage]:
    """The live surveys below ``index``, one per translation, newest first."""
    pages = in_reader_language(children_in_every_locale(SurveyPage, index).live())
    return list(pages.select_related("locale").order_by("-opens_at", "-pk"))


def questions_of(survey: SurveyPage) -> list[SurveyQuestion]:
    return list(survey.questions.all())


def questions_as_shown(page: SurveyPage) -> list[SurveyQuestion]:
    """The original's questions, which answers are keyed by, in the words of ``page``'s
    language: its label, help and choices (``SurveyQuestion.choice_label``). A choice
    the translation does not word (a list of another length) keeps the original's."""
    originals = questions_of(page.original)
    if page.original is page:
        return originals
    shown = []
    for pair in translated_rows(list(page.questions.all()), originals):
        question = copy.copy(pair.original)
        question.label, question.help_text = pair.shown.label, pair.shown.help_text
        choices, words = pair.original.choice_list(), pair.shown.choice_list()
        if len(words) == len(choices):
            question.shown_choices = dict(zip(choices, words, strict=True))
        shown.append(question)
    return shown


@dataclass
class Section:
    """A section heading (None before the first) and the items under it."""

    heading: SurveyQuestion | None
    items: list = field(default_factory=list)


def in_sections(items, question=lambda item: item) -> list[Section]:
    """``items`` (questions, or anything ``question`` maps to one) grouped under the
    section headings between them, in order."""
    sections = [Section(heading=None)]
    for item in items:
        if question(item).is_section:
            sections.append(Section(heading=question(item)))
        else:
            sections[-1].items.append(item)
    return [s for s in sections if s.heading is not None or s.items]


def responses_by_office(survey: SurveyPage, office_ids) -> dict[int, SurveyResponse]:
    responses = SurveyResponse.objects.filter(survey=survey, office_id__in=office_ids)
    return {response.office_id: response for response in responses}


def offices_by_id(office_ids) -> list[OfficePage]:
    return list(OfficePage.objects.filter(pk__in=office_ids).order_by("title"))


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.field_type

    @property
    def maximum(self) -> int:
        return max([bar.value for bar in self.bars] + [1])

    @property
    def value_label(self) -> str:
        if self.kind == QuestionKind.RANKING:
            return _("Points")
        return _("Offices")


@dataclass
class Results:
    responding: int
    questions: list[SurveyQuestion | QuestionResult]


def submitted_answers(survey: SurveyPage, office_filter: dict | None = None) -> list[dict]:
    """The answers of every submitted response, narrowed by office (region, kind)."""
    responses = SurveyResponse.objects.filter(
        survey=survey, status=ResponseStatus.SUBMITTED, **(office_filter or {})
    )
    return list(responses.values_list("answers", flat=True))


def _choice_counts(question: SurveyQuestion, values: list) -> list[Bar]:
    counts = Counter()
    for value in values:
        counts.update(value if isinstance(value, list) else [value])
    return [Bar(question.choice_label(c), counts[c]) for c in question.choice_list()]


def _ranking_points(question: SurveyQuestion, values: list) -> list[Bar]:
    """A choice ranked first of n earns n points, last 1 (a Borda count)."""
    choices = question.choice_list()
    points = Counter()
    for order in values:
        for rank, choice in enumerate(order):
            points[choice] += len(choices) - rank
    return [Bar(question.choice_label(c), points[c]) for c in choices]


def question_result(question: SurveyQuestion, answers: list[dict]) -> QuestionResult:
    values = [a[question.clean_name] for a in answers if a.get(question.clean_name)]
    result = QuestionResult(question=question, answered=len(values))
    if question.field_type == QuestionKind.SCALE:
        counts = Counter(values)
        result.bars = [Bar(str(n), counts[n]) for n in SCALE]
    elif question.field_type == QuestionKind.RANKING:
        result.bars = _ranking_points(question, values)
    elif question.field_type == QuestionKind.TEXT:
        result.texts = sorted(str(value) for value in values)
    else:
        result.bars = _choice_counts(question, values)
    return result


def results(survey: SurveyPage, questions, office_filter: dict | None = None) -> Results:
    answers = submitted_answers(survey, office_filter)
    return Results(
        responding=len(answers),
        questions=[q if q.is_section else question_result(q, answers) for q in questions],
    )


def results_rows(results: Results) -> Iterator[list]:
    """The results CSV: the same numbers as the charts, one row a bar; free text too."""
    yield [_("Question"), _("Answer"), _("Value"), _("Offices answering")]
    for item in results.questions:
        if isinstance(item, SurveyQuestion):
            continue
        for bar in item.bars:
            yield [item.question.label, bar.label, bar.value, item.answered]
        for text in item.texts:
            yield [item.question.label, text, "", item.answered]


def _cell(value) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def export_rows(survey: SurveyPage, questions) -> Iterator[list]:
    """Every office's response with its answers, for the secretariat alone."""
    asked = [q for q in questions if not q.is_section]
    yield [
        _("Office"),
        _("ST.3 code"),
        _("Region"),
        _("Kind of office"),
        _("Status"),
        _("Submitted"),
        _("Submitted by"),
        *(q.label for q in asked),
    ]
    responses = SurveyResponse.objects.filter(survey=survey).select_related(
        "office__region", "submitted_by"
    )
    for response in responses:
        office = response.office
        yield [
            office.title,
            office.code,
            str(office.region),
            office.get_kind_display(),
            response.get_status_display(),
            format_iso(response.submitted_at) if response.submitted_at else "",
            str(response.submitted_by or ""),
            *(_cell(response.answers.get(q.clean_name)) for q in asked),
        ]
