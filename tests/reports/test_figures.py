"""The health report's figures equal counts taken directly from the database, for the demo
year and the year before it: each section against its own count, written independently of
portal/reports/selectors."""

import datetime
import statistics

from django.utils import timezone

import pytest

from catalogue.models import COUNTED_ADOPTION_STATUSES, Adoption, CatalogueEntryPage
from network.maturity import MINIMUM_OFFICES_FOR_AGGREGATES, Dimension
from network.models import Assessment, AssessmentStatus, Member, OfficePage
from portal.consultations.models import Comment, ConsultationPage
from portal.models import Region
from portal.reports.report import health_report
from portal.surveys.models import ResponseStatus, SurveyPage, SurveyResponse
from portal.workshops.models import Registration, RegistrationStatus, WorkshopPage
from taskforces.models import Decision, Meeting, Post, TaskForcePage, Thread

pytestmark = pytest.mark.django_db

DEMO_YEAR = timezone.localdate().year
YEARS = [DEMO_YEAR, DEMO_YEAR - 1]


def report(year: int) -> dict:
    return {section.key: section for section in health_report(year)}


def figures(section) -> dict:
    return dict(section.figures)


def table(section) -> dict[str, list]:
    return {row.label: row.values for row in section.rows}


def within(moment, year: int) -> bool:
    return moment is not None and moment.astimezone(datetime.UTC).year == year


def region_names() -> dict:
    return {region.pk: region.name for region in Region.objects.filter(locale__language_code="en")}


def active_users(year: int) -> set[int]:
    posts = Post.objects.filter(hidden_at__isnull=True).select_related("thread")
    return (
        {t.author_id for t in Thread.objects.all() if within(t.created_at, year)}
        | {p.author_id for p in posts if within(p.created_at, year)}
        | {c.author_id for c in Comment.objects.all() if within(c.created_at, year)}
        | {r.user_id for r in places(year)}
        | {
            a.submitted_by_id
            for a in Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
            if within(a.submitted_at, year)
        }
    )


def places(year: int) -> list[Registration]:
    return [
        r
        for r in Registration.objects.select_related("workshop")
        if r.status == RegistrationStatus.CONFIRMED
        and r.workshop.live
        and r.workshop.start_date.year == year
    ]


def active_offices(year: int) -> set[int]:
    users = active_users(year)
    return (
        set(
            Assessment.objects.filter(year=year, status=AssessmentStatus.SUBMITTED).values_list(
                "office_id", flat=True
            )
        )
        | {
            a.office_id
            for a in Adoption.objects.all()
            if a.status in COUNTED_ADOPTION_STATUSES and a.since and a.since.year == year
        }
        | {r.office_id for r in places(year)}
        | {c.on_behalf_of_id for c in Comment.objects.all() if within(c.created_at, year)}
        | {m.office_id for m in Member.objects.all() if m.user_id in users}
    ) - {None}


@pytest.mark.parametrize("year", YEARS)
def test_offices_and_members_match_the_database(demo_site, year):
    section = report(year)["offices-members"]
    offices = list(OfficePage.objects.originals().live())
    members = list(Member.objects.filter(user__is_active=True))
    active = active_offices(year)
    users = active_users(year)
    assert figures(section) == {
        "Offices": len(offices),
        "Active offices": len([o for o in offices if o.pk in active]),
        "Members": len(members),
        "Active members": len([m for m in members if m.user_id in users]),
    }
    rows = table(section)
    for pk, name in region_names().items():
        in_region = [o for o in offices if o.region_id == pk]
        assert rows[name][:2] == [len(in_region), len([o for o in in_region if o.pk in active])]
    if year == DEMO_YEAR:
        assert 0 < figures(section)["Active offices"] < len(offices)
        assert figures(section)["Active members"] > 0


@pytest.mark.parametrize("year", YEARS)
def test_catalogue_entries_and_adoptions_match_the_database(demo_site, year):
    section = report(year)["catalogue"]
    entries = [
        e
        for e in CatalogueEntryPage.objects.live().filter(locale__language_code="en")
        if within(e.first_published_at, year) and not e.get_view_restrictions()
    ]
    adoptions = [
        a
        for a in Adoption.objects.select_related("entry", "office")
        if a.status in COUNTED_ADOPTION_STATUSES
        and a.entry.live
        and a.since
        and a.since.year == year
    ]
    assert figures(section) == {"Entries added": len(entries), "Adoptions started": len(adoptions)}
    rows = table(section)
    for pk, name in region_names().items():
        assert rows[name][1] == len([a for a in adoptions if a.office.region_id == pk])
        providing = [e for e in entries if any(o.region_id == pk for o in e.provider_offices.all())]
        assert rows[name][0] == len(providing)
    if year == DEMO_YEAR:
        assert figures(section)["Entries added"] > 0


@pytest.mark.parametrize("year", YEARS)
def test_adoption_between_regions_matches_the_database(demo_site, year):
    section = report(year)["adoption-regions"]
    names = region_names()
    pairs: dict[tuple[int, int], set[int]] = {}
    for adoption in Adoption.objects.select_related("entry", "office"):
        counted = adoption.status in COUNTED_ADOPTION_STATUSES and adoption.entry.live
        if not counted or (adoption.since and adoption.since.year > year):
            continue
        for provider in {o.region_id for o in adoption.entry.provider_offices.all()}:
            pairs.setdefault((provider, adoption.office.region_id), set()).add(adoption.pk)
    assert table(section) == {
        f"From {names[provider]} to {names[adopter]}": [len(ids)]
        for (provider, adopter), ids in pairs.items()
    }
    across = sum(len(ids) for (provider, adopter), ids in pairs.items() if provider != adopter)
    assert figures(section) == {"Adoptions across regions": across}
    assert across > 0


@pytest.mark.parametrize("year", YEARS)
def test_taskforce_activity_matches_the_database(demo_site, year):
    section = report(year)["taskforces"]
    expected = {}
    for taskforce in TaskForcePage.objects.live().filter(locale__language_code="en"):
        expected[taskforce.title] = [
            len(
                [
                    t
                    for t in Thread.objects.filter(taskforce=taskforce)
                    if within(t.created_at, year)
                ]
            ),
            len(
                [
                    p
                    for p in Post.objects.filter(thread__taskforce=taskforce, hidden_at=None)
                    if within(p.created_at, year)
                ]
            ),
            len(
                [
                    d
                    for d in Decision.objects.filter(taskforce=taskforce)
                    if d.decided_on.year == year
                ]
            ),
            len(
                [
                    m
                    for m in Meeting.objects.filter(taskforce=taskforce)
                    if within(m.starts_at, year)
                ]
            ),
        ]
    assert table(section) == expected
    totals = [sum(values[index] for values in expected.values()) for index in range(4)]
    assert list(figures(section).values()) == totals
    if year == DEMO_YEAR:
        assert totals[0] > 0 and totals[1] > 0


@pytest.mark.parametrize("year", YEARS)
def test_events_and_participants_match_the_database(demo_site, year):
    section = report(year)["events"]
    held = [
        w
        for w in WorkshopPage.objects.live().filter(locale__language_code="en")
        if w.start_date.year == year
    ]
    taken = places(year)
    assert figures(section) == {
        "Events held": len(held),
        "Places taken": len(taken),
        "People who took part": len({r.user_id for r in taken}),
    }
    rows = table(section)
    for pk, name in region_names().items():
        here = [r for r in taken if r.office and r.office.region_id == pk]
        assert rows[name] == [len(here), len({r.workshop_id for r in here})]
    if year == DEMO_YEAR:
        assert len(held) > 0


@pytest.mark.parametrize("year", YEARS)
def test_consultation_participation_matches_the_database(demo_site, year):
    section = report(year)["consultations"]
    comments = [
        c
        for c in Comment.objects.select_related("consultation", "author__member__office")
        if within(c.created_at, year) and c.consultation.live
    ]

    def office_of(comment):
        return comment.on_behalf_of or comment.author.member.office

    opened = [
        c
        for c in ConsultationPage.objects.live().filter(locale__language_code="en")
        if within(c.opens_at, year)
    ]
    assert figures(section) == {
        "Consultations opened": len(opened),
        "Comments": len(comments),
        "Members who commented": len({c.author_id for c in comments}),
        "Offices that commented": len({office_of(c).pk for c in comments if office_of(c)}),
    }
    rows = table(section)
    for pk, name in region_names().items():
        here = [c for c in comments if office_of(c) and office_of(c).region_id == pk]
        assert rows[name] == [
            len({office_of(c).pk for c in here}),
            len({c.author_id for c in here}),
            len(here),
        ]
    if year == DEMO_YEAR:
        assert len(comments) > 0


@pytest.mark.parametrize("year", YEARS)
def test_survey_participation_matches_the_database(demo_site, year):
    section = report(year)["surveys"]
    responses = [
        r
        for r in SurveyResponse.objects.select_related("survey", "office")
        if r.status == ResponseStatus.SUBMITTED and r.survey.live and within(r.submitted_at, year)
    ]
    opened = [
        s
        for s in SurveyPage.objects.live().filter(locale__language_code="en")
        if within(s.opens_at, year)
    ]
    assert figures(section) == {
        "Surveys opened": len(opened),
        "Responses submitted": len(responses),
        "Offices that answered": len({r.office_id for r in responses}),
    }
    rows = table(section)
    for pk, name in region_names().items():
        here = [r for r in responses if r.office.region_id == pk]
        assert rows[name] == [len({r.office_id for r in here}), len(here)]
    if year == DEMO_YEAR:
        assert len(responses) >= 5


@pytest.mark.parametrize("year", YEARS)
def test_maturity_medians_match_the_database(demo_site, year):
    section = report(year)["maturity"]
    expected = {}
    for past in sorted(
        set(Assessment.objects.filter(year__lte=year).values_list("year", flat=True))
    ):
        submitted = Assessment.objects.filter(year=past, status=AssessmentStatus.SUBMITTED)
        if not submitted:
            continue
        scores = {a.pk: a.scores() for a in submitted}
        if len(scores) < MINIMUM_OFFICES_FOR_AGGREGATES:
            expected[str(past)] = [len(scores)] + [None] * (len(Dimension) + 1)
            continue
        averages = [
            statistics.mean([s for s in answers.values() if s is not None])
            for answers in scores.values()
        ]
        per_dimension = [
            round(statistics.median([a[d.value] for a in scores.values() if a[d.value]]), 1)
            for d in Dimension
        ]
        expected[str(past)] = [len(scores), round(statistics.median(averages), 1), *per_dimension]
    assert table(section) == expected
    assert str(DEMO_YEAR - 1) in expected


def test_the_report_reads_a_fixed_number_of_aggregate_queries(
    demo_site, django_assert_max_num_queries
):
    # One to three per section (docs/reports.md); tests/test_query_budget.py checks the
    # page reads as many with a thousand posts, places, comments and adoptions as with ten.
    with django_assert_max_num_queries(17):
        health_report(DEMO_YEAR)
