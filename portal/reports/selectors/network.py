"""Offices and members active in the year, and the ICT maturity median over the years."""

import statistics
from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from catalogue.models import COUNTED_ADOPTION_STATUSES, Adoption
from network.maturity import MINIMUM_OFFICES_FOR_AGGREGATES, Dimension
from network.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Member,
    OfficePage,
)
from portal.consultations.models import Comment
from portal.reports.report import Period, Row, Section
from portal.reports.selectors.regions import region_rows
from portal.workshops.models import Registration, RegistrationStatus
from taskforces.models import Post, Thread


def in_period(field: str, period: Period) -> dict:
    return {f"{field}__gte": period.start, f"{field}__lt": period.end}


def events_held(period: Period) -> dict:
    """Registrations' condition: the event (its original, published) starts in the year."""
    return {
        "workshop__live": True,
        "workshop__start_date__gte": period.first_day,
        "workshop__start_date__lte": period.last_day,
    }


def _active_user_sources(period: Period) -> list:
    return [
        Thread.objects.filter(**in_period("created_at", period)).values("author_id"),
        Post.objects.filter(hidden_at__isnull=True, **in_period("created_at", period)).values(
            "author_id"
        ),
        Comment.objects.filter(**in_period("created_at", period)).values("author_id"),
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED, **events_held(period)
        ).values("user_id"),
        Assessment.objects.filter(
            status=AssessmentStatus.SUBMITTED, **in_period("submitted_at", period)
        ).values("submitted_by_id"),
    ]


def active_member_condition(period: Period) -> Q:
    """Members who, in the year, started a thread or wrote a post (not hidden) in a task
    force, commented on a consultation, had a place at an event held in the year, or
    submitted their office's ICT maturity self-assessment."""
    condition = Q()
    for source in _active_user_sources(period):
        condition |= Q(user_id__in=source)
    return condition


def active_office_condition(period: Period) -> Q:
    """Offices that, in the year, submitted their self-assessment, started using or
    evaluating a catalogue entry, had a place at an event in their name, commented on a
    consultation in their name, or one of whose members was active."""
    sources = [
        Assessment.objects.filter(year=period.year, status=AssessmentStatus.SUBMITTED).values(
            "office_id"
        ),
        Adoption.objects.filter(
            status__in=COUNTED_ADOPTION_STATUSES,
            since__gte=period.first_day,
            since__lte=period.last_day,
        ).values("office_id"),
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED, **events_held(period)
        ).values("office_id"),
        Comment.objects.filter(**in_period("created_at", period)).values("on_behalf_of_id"),
        Member.objects.filter(active_member_condition(period)).values("office_id"),
    ]
    condition = Q()
    for source in sources:
        condition |= Q(pk__in=source)
    return condition


def offices_and_members(period: Period) -> Section:
    offices = {
        row["region"]: row
        for row in OfficePage.objects.originals()
        .live()
        .order_by()
        .values("region")
        .annotate(total=Count("pk"), active=Count("pk", filter=active_office_condition(period)))
    }
    members = {
        row["office__region"]: row
        for row in Member.objects.filter(user__is_active=True)
        .order_by()
        .values("office__region")
        .annotate(total=Count("pk"), active=Count("pk", filter=active_member_condition(period)))
    }
    columns = [
        {key: row[name] for key, row in table.items()}
        for table, name in ((offices, "total"), (offices, "active"))
        + ((members, "total"), (members, "active"))
    ]
    rows = region_rows(period, columns)
    totals = [sum(row.values[index] for row in rows) for index in range(4)]
    return Section(
        key="offices-members",
        title=_("Offices and members"),
        definition=_(
            "Offices and members as listed today. An office is active in the year when it "
            "submitted its ICT maturity self-assessment for the year, started using or "
            "evaluating a catalogue entry, had a place at an event or commented on a "
            "consultation in its name, or when one of its members was active. A member is "
            "active when they started a thread or wrote a post in a task force, commented "
            "on a consultation, had a place at an event held in the year or submitted their "
            "office's self-assessment."
        ),
        figures=list(
            zip(
                [_("Offices"), _("Active offices"), _("Members"), _("Active members")],
                totals,
                strict=True,
            )
        ),
        row_header=_("Region"),
        columns=[_("Offices"), _("Active offices"), _("Members"), _("Active members")],
        rows=rows,
        chart_column=1,
    )


def _medians(scores: dict[str, list[int]], averages: list[float]) -> list[float | None]:
    overall = round(statistics.median(averages), 1)
    per_dimension = [
        round(statistics.median(scores[d.value]), 1) if scores[d.value] else None for d in Dimension
    ]
    return [overall, *per_dimension]


def maturity_over_years(period: Period) -> Section:
    """Medians of the submitted self-assessments of every year up to the chosen one; a
    year with fewer than MINIMUM_OFFICES_FOR_AGGREGATES offices shows no median."""
    scores: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_office: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for year, office, dimension, score in AssessmentAnswer.objects.filter(
        assessment__status=AssessmentStatus.SUBMITTED,
        assessment__year__lte=period.year,
        score__isnull=False,
    ).values_list("assessment__year", "assessment__office_id", "dimension", "score"):
        scores[year][dimension].append(score)
        by_office[year][office].append(score)
    rows = []
    for year in sorted(by_office):
        offices = by_office[year]
        if len(offices) < MINIMUM_OFFICES_FOR_AGGREGATES:
            medians = [None] * (len(Dimension) + 1)
        else:
            averages = [statistics.mean(answers) for answers in offices.values()]
            medians = _medians(scores[year], averages)
        rows.append(Row(str(year), [len(offices), *medians]))
    return Section(
        key="maturity",
        title=_("ICT maturity over the years"),
        definition=_(
            "Submitted ICT maturity self-assessments, scored 1 to 5. The overall figure is "
            "the median of the offices' average scores; each dimension's, the median of its "
            "scores. A year in which fewer than %(minimum)s offices submitted shows no "
            "median, so that no single office's scores can be read off it."
        )
        % {"minimum": MINIMUM_OFFICES_FOR_AGGREGATES},
        figures=[(_("Offices that submitted in the year"), _count_for(rows, period.year))],
        row_header=_("Year"),
        columns=[_("Offices that submitted"), _("Overall median")]
        + [str(dimension.label) for dimension in Dimension],
        rows=rows,
        chart_column=1,
        chart_maximum=5,
        empty_text=_("No self-assessment was submitted up to this year."),
    )


def _count_for(rows: list[Row], year: int) -> int:
    return next((row.values[0] for row in rows if row.label == str(year)), 0)
