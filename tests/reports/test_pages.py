"""The health report as members read it: the page and its CSV, the year chooser, what a
visitor and an account outside the network get, and what the report never shows."""

import csv
import io

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network.maturity import Dimension
from network.models import Assessment, AssessmentAnswer, AssessmentStatus, OfficePage, User
from portal.consultations.models import Comment, CommentVisibility
from portal.reports.report import health_report
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
PAGE = "/reports/health/"
CSV = "/reports/health/figures.csv"
PRIVATE_COMMENT = "KIPO could host one presentation; we would rather confirm this bilaterally"


@pytest.fixture
def member(client):
    client.force_login(User.objects.get(email="h.sato@example.org"))
    return client


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("url", [PAGE, f"{PAGE}?year={YEAR}", CSV, f"{CSV}?year={YEAR}"])
def test_a_visitor_is_sent_to_sign_in_and_gets_no_figure(demo_site, client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"Active offices" not in response.content


@pytest.mark.parametrize("url", [PAGE, CSV])
def test_an_account_outside_the_network_is_refused(demo_site, client, url):
    client.force_login(factories.UserFactory())
    response = client.get(url)
    assert response.status_code == 403
    assert b"Active offices" not in response.content


def test_a_member_reads_every_section_as_a_chart_beside_its_table(demo_site, member):
    html = soup(member.get(f"{PAGE}?year={YEAR}"))
    report = health_report(YEAR)
    sections = html.select("section.report-section")
    assert [s.h2.get_text(strip=True) for s in sections] == [s.title for s in report]
    for shown, section in zip(sections, report, strict=True):
        figures = [dd.get_text(strip=True) for dd in shown.select(".report-figures dd")]
        assert figures == [str(value) for _, value in section.figures]
        assert section.definition in shown.get_text(" ")
        if not section.rows:
            continue
        svg = shown.find("svg", attrs={"role": "img"})
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find(id=title_id).get_text() and svg.find(id=desc_id).get_text()
        assert len(svg.select("text.maturity-chart__label")) == len(section.rows)
        labels = [th.get_text(strip=True) for th in shown.select("tbody th[scope=row]")]
        assert labels == [row.label for row in section.rows]


def test_the_year_chooser_is_a_plain_form_and_defaults_to_this_year(demo_site, member):
    response = member.get(PAGE)
    assert response.status_code == 200
    form = soup(response).find("form", class_="report-controls")
    assert form["method"] == "get"
    chosen = form.find("select", attrs={"name": "year"}).find("option", selected=True)
    assert chosen["value"] == str(YEAR)
    assert f"Network health report {YEAR}" in soup(response).h1.get_text()


def test_last_year_has_its_own_report(demo_site, member):
    response = member.get(f"{PAGE}?year={YEAR - 1}")
    assert response.status_code == 200
    assert f"Network health report {YEAR - 1}" in soup(response).h1.get_text()


@pytest.mark.parametrize(
    "year", ["abc", "1999", str(YEAR + 1), "99999999999999999999", "", "٢٠٢٦", "2026.0"]
)
@pytest.mark.parametrize("url", [PAGE, CSV])
def test_a_year_the_report_does_not_cover_is_a_form_error(demo_site, member, url, year):
    response = member.get(url, {"year": year})
    assert response.status_code == 400
    html = soup(response)
    assert html.find(class_="error-summary") is not None
    assert html.find(class_="report-section") is None


def test_the_csv_lists_every_figure_of_the_page(demo_site, member):
    response = member.get(CSV, {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"network-health-{YEAR}.csv" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["section", "row", "column", "value"]
    report = health_report(YEAR)
    expected = sum(len(s.figures) + len(s.rows) * len(s.columns) for s in report)
    assert len(rows) - 1 == expected
    offices = next(s for s in report if s.key == "offices-members")
    assert ["Offices and members", "", "Offices", str(dict(offices.figures)["Offices"])] in rows


def test_no_comment_consultation_or_person_is_named(demo_site, member):
    private = Comment.objects.get(body__startswith=PRIVATE_COMMENT)
    assert private.visibility == CommentVisibility.SECRETARIAT
    page = member.get(PAGE, {"year": private.created_at.year}).content.decode()
    figures = b"".join(member.get(CSV, {"year": private.created_at.year}).streaming_content)
    for text in (PRIVATE_COMMENT, private.consultation.title, private.author.last_name):
        assert text not in page
        assert text.encode() not in figures
    # The comment is counted all the same.
    consultations = next(
        s for s in health_report(private.created_at.year) if s.key == "consultations"
    )
    assert dict(consultations.figures)["Comments"] >= 1


def test_a_year_with_too_few_assessments_shows_no_median(demo_site, member):
    # One office alone submitted for an early year: its scores must not be readable.
    office = OfficePage.objects.originals().get(code="GH")
    assessment = Assessment.objects.create(
        office=office, year=YEAR - 3, status=AssessmentStatus.SUBMITTED, submitted_at=timezone.now()
    )
    AssessmentAnswer.objects.bulk_create(
        AssessmentAnswer(assessment=assessment, dimension=d.value, score=1 + n % 5)
        for n, d in enumerate(Dimension)
    )
    html = soup(member.get(PAGE, {"year": YEAR}))
    row = next(
        tr
        for tr in html.select("#maturity tbody tr")
        if tr.th.get_text(strip=True) == str(YEAR - 3)
    )
    assert [td.get_text(strip=True) for td in row.find_all("td")] == ["1"] + ["–"] * (
        len(Dimension) + 1
    )
    rows = csv_rows(member.get(CSV, {"year": YEAR}))
    early = [r for r in rows if r[1] == str(YEAR - 3)]
    assert [r[3] for r in early] == ["1"] + [""] * (len(Dimension) + 1)
    # Last year five offices submitted: enough for a median.
    last = next(tr for tr in html.select("#maturity tbody tr") if tr.th.get_text() == str(YEAR - 1))
    assert "–" not in [td.get_text(strip=True) for td in last.find_all("td")][:2]


def test_the_report_reads_right_to_left_in_arabic(demo_site, member):
    response = member.get(f"/ar{PAGE}", {"year": YEAR})
    assert response.status_code == 200
    html = soup(response)
    assert html.html["dir"] == "rtl"
    label = html.select_one("svg text.maturity-chart__label")
    assert label["direction"] == "rtl"
    assert "Offices and members" not in html.main.get_text()


def test_members_find_the_report_from_the_network_page(demo_site, client, member):
    network = OfficePage.objects.originals().first().get_parent().url
    assert soup(member.get(network)).find("a", href="/reports/health/") is not None
    client.logout()
    assert soup(client.get(network)).find("a", href="/reports/health/") is None


def test_survey_participation_is_a_section_with_its_chart_and_csv(demo_site, member):
    html = soup(member.get(PAGE))
    shown = html.find(id="surveys")
    assert shown.h2.get_text() == "Survey participation"
    assert shown.find("svg", attrs={"role": "img"}) is not None
    rows = csv_rows(member.get(CSV))
    assert any(
        row[0] == "Survey participation" and row[2] == "Offices that answered" for row in rows
    )
