"""Reads for the network's pages: the directory, office profiles, medians and partners.

Each function does a fixed number of queries, however many offices or people it returns.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from network.maturity import HIGH_SCORES, Dimension, office_needs
from network.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Member,
    OfficeIndexPage,
    OfficePage,
    SeatTerm,
)
from network.peers import latest_submitted_ids
from portal.page_languages import children_in_every_locale, in_reader_language, public


def office_list(
    index: OfficeIndexPage,
    *,
    query: str = "",
    region: str = "",
    kind: str = "",
    language: str = "",
) -> QuerySet[OfficePage]:
    offices = in_reader_language(public(children_in_every_locale(OfficePage, index).live()))
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


@dataclass
class PartnerOffice:
    office: OfficePage
    # Whether the partner shares its scores with the network's members: if not, its
    # scores are not kept here at all, and the partner page names bands (network.peers).
    shares_scores: bool = False
    # Dimensions where the partner is in the top band and this office needs help:
    # (dimension, theirs or None when not shared, ours)
    strengths: list[tuple[Dimension, int | None, int]] = field(default_factory=list)

    def strong_dimensions(self) -> set[str]:
        return {dimension.value for dimension, _theirs, _ours in self.strengths}


def partner_offices(office: OfficePage) -> tuple[Assessment | None, list[PartnerOffice]]:
    """Offices in the top band (4-5) where ``office`` needs help (network.maturity.office_needs)
    in its latest submitted assessment, those strong in more dimensions first, then by name:
    never by the scores of offices that keep them to themselves. The catalogue adds what
    they provide.
    """
    own = latest_submitted_assessment(office)
    if own is None:
        return None, []
    needs = office_needs(own.scores())
    if not needs:
        return own, []
    strong_answers = _strong_answers_elsewhere(office, needs)
    partners: dict[int, PartnerOffice] = {}
    live_offices = OfficePage.objects.live().in_bulk(
        {office_id for office_id, _dimension, _score, _shared in strong_answers}
    )
    for office_id, dimension, score, shared in strong_answers:
        if office_id in live_offices:
            partner = partners.setdefault(
                office_id, PartnerOffice(live_offices[office_id], shares_scores=shared)
            )
            theirs = score if shared else None
            partner.strengths.append((Dimension(dimension), theirs, needs[dimension]))
    ordered = sorted(partners.values(), key=lambda p: (-len(p.strengths), p.office.title))
    for partner in ordered:
        partner.strengths.sort(key=lambda strength: list(Dimension).index(strength[0]))
    return own, ordered


def _strong_answers_elsewhere(office: OfficePage, dimensions) -> list[tuple[int, str, int, bool]]:
    """(office id, dimension, score, shared) where other offices' latest submitted
    assessments score 4-5 in one of ``dimensions``."""
    return list(
        AssessmentAnswer.objects.filter(
            assessment_id__in=latest_submitted_ids(),
            dimension__in=dimensions,
            score__in=HIGH_SCORES,
        )
        .exclude(assessment__office=office)
        .values_list(
            "assessment__office_id", "dimension", "score", "assessment__shared_with_members"
        )
    )


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


def office_display_names(codes: list[str]) -> dict[str, str]:
    """Offices' names that tell namesakes apart (``OfficePage.display_name``), by ST.3 code."""
    offices = OfficePage.objects.filter(code__in=codes).only("title", "code", "kind", "country")
    return {office.code: office.display_name for office in offices}
