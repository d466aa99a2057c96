"""Reads for the network's pages: the directory, office profiles, medians and partners.

Each function does a fixed number of queries, however many offices or people it returns.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from catalogue.models import (
    Adoption,
    AdoptionStatus,
    CatalogueEntryPage,
    Category,
    FreshnessState,
)
from network.maturity import (
    HIGH_SCORES,
    LOW_SCORES,
    MINIMUM_OFFICES_FOR_AGGREGATES,
    Dimension,
)
from network.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Member,
    OfficeIndexPage,
    OfficePage,
    SeatTerm,
)


def office_list(
    index: OfficeIndexPage,
    *,
    query: str = "",
    region: str = "",
    kind: str = "",
    language: str = "",
) -> QuerySet[OfficePage]:
    offices = OfficePage.objects.child_of(index).live().public()
    if query:
        offices = offices.filter(
            Q(title__icontains=query)
            | Q(acronym__icontains=query)
            | Q(code__iexact=query)
            | Q(summary__icontains=query)
        )
    if region:
        offices = offices.filter(region__slug=region)
    if kind:
        offices = offices.filter(kind=kind)
    if language:
        offices = offices.filter(
            Q(official_languages__code=language) | Q(working_languages__code=language)
        ).distinct()
    return offices.select_related("region").prefetch_related("official_languages").order_by("title")


def member_list(
    *, query: str = "", region: str = "", kind: str = "", expertise: str = "", language: str = ""
) -> QuerySet[Member]:
    members = Member.objects.filter(user__is_active=True)
    if query:
        members = members.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(job_title__icontains=query)
            | Q(office__title__icontains=query)
            | Q(office__acronym__icontains=query)
            | Q(expertise__name__iexact=query)
        ).distinct()
    if region:
        members = members.filter(office__region__slug=region)
    if kind:
        members = members.filter(office__kind=kind)
    if expertise:
        members = members.filter(expertise__slug=expertise)
    if language:
        members = members.filter(languages__code=language)
    return (
        members.select_related("user", "office", "photo")
        .prefetch_related("expertise", "languages")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def expertise_choices() -> list[tuple[str, str]]:
    """The expertise tags members use, as (slug, name), for the directory's filter."""
    from taggit.models import Tag

    return list(
        Tag.objects.filter(taggit_taggeditem_items__content_type__model="member")
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def member_detail(member_id: int) -> Member | None:
    return (
        Member.objects.filter(pk=member_id, user__is_active=True)
        .select_related("user", "office", "photo")
        .prefetch_related("expertise", "languages")
        .first()
    )


def office_members(office: OfficePage) -> QuerySet[Member]:
    return (
        office.members.filter(user__is_active=True)
        .select_related("user", "photo")
        .order_by("user__last_name", "user__first_name")
    )


def seat_history(office: OfficePage) -> QuerySet[SeatTerm]:
    return office.seat_terms.select_related("user").order_by("-started_on", "-pk")


def office_adoptions(office: OfficePage) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(office=office, entry__live=True)
        .exclude(status=AdoptionStatus.STOPPED)
        .exclude(entry__freshness__state=FreshnessState.ARCHIVED)
        .select_related("entry", "entry__category")
        .order_by("entry__title")
    )


def office_provided_entries(office: OfficePage) -> QuerySet[CatalogueEntryPage]:
    return (
        office.provided_entries.live()
        .public()
        .exclude(freshness__state=FreshnessState.ARCHIVED)
        .select_related("category")
        .order_by("title")
    )


# Maturity --------------------------------------------------------------------------------


def latest_submitted_assessment(office: OfficePage) -> Assessment | None:
    return (
        Assessment.objects.filter(office=office, status=AssessmentStatus.SUBMITTED)
        .prefetch_related("answers")
        .order_by("-year")
        .first()
    )


def office_assessments(office: OfficePage) -> QuerySet[Assessment]:
    return Assessment.objects.filter(office=office).order_by("-year")


def network_medians(year: int) -> dict[str, float] | None:
    """The median score per dimension among the offices that submitted for ``year``.

    None when fewer than MINIMUM_OFFICES_FOR_AGGREGATES offices submitted, so that no
    single office's answers can be read off the aggregate.
    """
    submitted = Assessment.objects.filter(year=year, status=AssessmentStatus.SUBMITTED)
    if submitted.count() < MINIMUM_OFFICES_FOR_AGGREGATES:
        return None
    scores = defaultdict(list)
    for dimension, score in AssessmentAnswer.objects.filter(
        assessment__in=submitted, score__isnull=False
    ).values_list("dimension", "score"):
        scores[dimension].append(score)
    return {
        dimension.value: statistics.median(scores[dimension.value])
        for dimension in Dimension
        if scores[dimension.value]
    }


@dataclass
class PartnerSuggestion:
    office: OfficePage
    # Dimensions where the partner is strong and this office is not: (dimension, theirs, ours)
    strengths: list[tuple[Dimension, int, int]] = field(default_factory=list)
    entries: list[CatalogueEntryPage] = field(default_factory=list)


def partner_suggestions(office: OfficePage) -> tuple[Assessment | None, list[PartnerSuggestion]]:
    """Offices scoring 4-5 where ``office`` scores 1-2 in its latest submitted assessment,
    with the catalogue entries they provide in the categories related to those dimensions.
    """
    own = latest_submitted_assessment(office)
    if own is None:
        return None, []
    weak = {
        dimension: score
        for dimension, score in own.scores().items()
        if score is not None and score in LOW_SCORES
    }
    if not weak:
        return own, []

    # Each other office's latest submitted assessment.
    latest_by_office: dict[int, int] = {}
    for office_id, assessment_id in (
        Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
        .exclude(office=office)
        .order_by("office_id", "-year")
        .values_list("office_id", "id")
    ):
        latest_by_office.setdefault(office_id, assessment_id)
    strong_answers = list(
        AssessmentAnswer.objects.filter(
            assessment_id__in=latest_by_office.values(),
            dimension__in=weak,
            score__in=HIGH_SCORES,
        ).values_list("assessment__office_id", "dimension", "score")
    )

    suggestions: dict[int, PartnerSuggestion] = {}
    partner_offices = OfficePage.objects.live().in_bulk(
        {office_id for office_id, _dimension, _score in strong_answers}
    )
    for office_id, dimension, score in strong_answers:
        if office_id not in partner_offices:
            continue
        suggestion = suggestions.setdefault(
            office_id, PartnerSuggestion(office=partner_offices[office_id])
        )
        suggestion.strengths.append((Dimension(dimension), score, weak[dimension]))

    categories = [
        category
        for category in Category.objects.all()
        if set(category.maturity_dimensions) & set(weak)
    ]
    entries = (
        CatalogueEntryPage.objects.live()
        .public()
        .exclude(freshness__state=FreshnessState.ARCHIVED)
        .filter(category__in=categories, provider_offices__in=list(suggestions))
        .select_related("category")
        .prefetch_related(Prefetch("provider_offices", queryset=OfficePage.objects.only("id")))
        .distinct()
        .order_by("title")
    )
    for entry in entries:
        for provider in entry.provider_offices.all():
            if provider.pk in suggestions:
                suggestion = suggestions[provider.pk]
                strong = {dimension for dimension, _theirs, _ours in suggestion.strengths}
                if strong & set(entry.category.maturity_dimensions):
                    suggestion.entries.append(entry)

    ordered = sorted(
        suggestions.values(),
        key=lambda s: (-len(s.strengths), -sum(t for _d, t, _o in s.strengths), s.office.title),
    )
    for suggestion in ordered:
        suggestion.strengths.sort(key=lambda strength: list(Dimension).index(strength[0]))
    return own, ordered


def assessment_export_rows(year: int | None = None):
    """Every assessment with its scores, comments and evidence, one row each."""
    assessments = (
        Assessment.objects.select_related("office", "submitted_by")
        .prefetch_related("answers")
        .order_by("-year", "office__code")
    )
    if year:
        assessments = assessments.filter(year=year)
    header = ["office_code", "office", "year", "status", "submitted_at"]
    for dimension in Dimension:
        header += [
            f"{dimension.value}_score",
            f"{dimension.value}_comment",
            f"{dimension.value}_evidence",
        ]
    yield header
    for assessment in assessments:
        answers = {answer.dimension: answer for answer in assessment.answers.all()}
        row = [
            assessment.office.code,
            assessment.office.title,
            assessment.year,
            assessment.status,
            assessment.submitted_at.isoformat() if assessment.submitted_at else "",
        ]
        for dimension in Dimension:
            answer = answers.get(dimension.value)
            row += [
                answer.score if answer and answer.score is not None else "",
                answer.comment if answer else "",
                answer.evidence_url if answer else "",
            ]
        yield row
