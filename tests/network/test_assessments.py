"""The ICT maturity self-assessment: filling it in, the median's threshold, export, partners."""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network import services
from network.maturity import Dimension
from network.models import Assessment, AssessmentStatus, Seat
from network.peers import peer_comparison
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def submit(office, scores, year=YEAR, user=None):
    assessment = services.assessment_for(office=office, year=year)
    answers = {
        dimension.value: services.AnswerData(score=score)
        for dimension, score in zip(Dimension, scores, strict=True)
    }
    return services.assessment_save(assessment=assessment, answers=answers, submit=True, user=user)


def full_form(score=3, **overrides):
    data = {f"{dimension.value}-score": str(score) for dimension in Dimension}
    data.update(overrides)
    return data


def other_offices(site_tree, count):
    return [factories.OfficePageFactory(parent=site_tree.network) for _ in range(count)]


class FillingInTests:
    def test_a_head_saves_a_draft_then_submits(self, cast, client):
        client.force_login(cast.cio_a)
        url = cast.office_a.url + "assessment/"
        response = client.post(
            url, {"strategy-score": "2", "strategy-comment": "No plan yet.", "save": "1"}
        )
        assert response.status_code == 302
        assessment = Assessment.objects.get(office=cast.office_a, year=YEAR)
        assert assessment.status == AssessmentStatus.DRAFT
        assert assessment.scores()["strategy"] == 2
        form = BeautifulSoup(client.get(url).content, "html.parser")
        assert form.find("input", {"name": "strategy-score", "value": "2"}).has_attr("checked")

        response = client.post(url, full_form(4, submit="1"))
        assert response.status_code == 302
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.SUBMITTED
        assert assessment.submitted_by == cast.cio_a

    def test_the_form_shows_the_rubric_of_every_level(self, cast, client):
        client.force_login(cast.cio_a)
        page = BeautifulSoup(client.get(cast.office_a.url + "assessment/").content, "html.parser")
        legends = [legend.get_text(" ", strip=True) for legend in page.find_all("legend")]
        assert len(legends) == 8
        assert "Cyber resilience" in legends[3]
        labels = page.find_all("label", attrs={"for": lambda v: v and v.startswith("id_cyber")})
        assert any("zero-trust" in label.get_text() for label in labels)

    def test_submitting_with_a_dimension_missing_is_refused_and_keeps_the_draft(self, cast, client):
        client.force_login(cast.cio_a)
        url = cast.office_a.url + "assessment/"
        data = full_form(3, submit="1")
        del data["skills-score"]
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Skills and change management" in response.content.decode()
        assessment = Assessment.objects.get(office=cast.office_a)
        assert assessment.status == AssessmentStatus.DRAFT
        assert assessment.scores()["strategy"] is None

    def test_an_out_of_range_score_is_refused(self, cast, client):
        client.force_login(cast.cio_a)
        response = client.post(cast.office_a.url + "assessment/", full_form(7, save="1"))
        assert response.status_code == 400
        assert Assessment.objects.get(office=cast.office_a).scores()["strategy"] is None

    def test_a_submitted_assessment_no_longer_changes(self, cast, client):
        submit(cast.office_a, [3] * 8, user=cast.cio_a)
        client.force_login(cast.cio_a)
        client.post(cast.office_a.url + "assessment/", full_form(5, save="1"))
        assert set(Assessment.objects.get(office=cast.office_a).scores().values()) == {3}
        with pytest.raises(ValidationError):
            submit(cast.office_a, [1] * 8)

    def test_one_assessment_per_office_per_year_and_the_history_is_kept(self, cast, client):
        submit(cast.office_a, [2] * 8, year=YEAR - 1)
        client.force_login(cast.cio_a)
        client.post(cast.office_a.url + "assessment/", full_form(4, submit="1"))
        assert list(
            Assessment.objects.filter(office=cast.office_a).values_list("year", flat=True)
        ) == [YEAR, YEAR - 1]
        old = client.get(cast.office_a.url + f"assessment/{YEAR - 1}/")
        assert old.status_code == 200
        assert "disabled" in old.content.decode()


class MedianTests:
    def test_the_median_is_hidden_below_five_submissions(self, cast, site_tree, client):
        submit(cast.office_a, [2] * 8)
        for office in other_offices(site_tree, 3):
            submit(office, [4] * 8)
        assert peer_comparison(cast.office_a).network.medians is None
        client.force_login(cast.member)
        page = BeautifulSoup(client.get(cast.office_a.url).content, "html.parser")
        table = page.find("table", class_="data-table")
        assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
            "Dimension",
            "This office",
        ]
        assert "Network median: not enough answers to show a median" in page.get_text()

    def test_the_median_is_shown_from_five_submissions(self, cast, site_tree, client):
        submit(cast.office_a, [2] * 8)
        for office in other_offices(site_tree, 4):
            submit(office, [4] * 8)
        assert peer_comparison(cast.office_a).network.medians == {d.value: 4 for d in Dimension}
        client.force_login(cast.member)
        page = BeautifulSoup(client.get(cast.office_a.url).content, "html.parser")
        rows = page.find("table", class_="data-table").tbody.find_all("tr")
        # The office's score, the network's and its kind's medians: its region has too few.
        assert [td.get_text(strip=True) for td in rows[0].find_all("td")] == ["2", "4", "4"]
        assert page.find("svg").find_all("line", class_="maturity-chart__median")

    def test_drafts_do_not_count_towards_the_median(self, cast, site_tree):
        for office in other_offices(site_tree, 4):
            submit(office, [4] * 8)
        services.assessment_for(office=cast.office_a, year=YEAR)
        assert peer_comparison(cast.office_a).network.medians is None

    def test_no_page_ranks_offices_by_score(self, cast, site_tree, client):
        offices = other_offices(site_tree, 5)
        for score, office in enumerate(offices, start=1):
            submit(office, [score] * 8)
        client.force_login(cast.member)
        directory = client.get("/network/").content.decode()
        titles = [office.title for office in offices]
        positions = [directory.index(title) for title in titles]
        assert positions == sorted(positions)  # alphabetical, as created, not by score
        assert "score" not in BeautifulSoup(directory, "html.parser").main.get_text().lower()

    def test_visitors_do_not_see_an_offices_scores(self, cast, client):
        submit(cast.office_a, [2] * 8)
        assert "ICT maturity" not in client.get(cast.office_a.url).content.decode()


class ChartTests:
    def test_the_chart_is_an_accessible_svg_with_the_numbers_in_a_table(self, cast, client):
        submit(cast.office_a, [1, 2, 3, 4, 5, 4, 3, 2])
        client.force_login(cast.member)
        page = BeautifulSoup(client.get(cast.office_a.url).content, "html.parser")
        svg = page.find("svg", class_="maturity-chart__svg")
        assert svg["role"] == "img"
        assert page.find(id=svg["aria-labelledby"].split()[0]).name == "title"
        bars = svg.find_all("rect", class_="maturity-chart__bar")
        widths = [float(bar["width"]) for bar in bars]
        assert widths == [72.0, 144.0, 216.0, 288.0, 360.0, 288.0, 216.0, 144.0]
        cells = [row.td.get_text() for row in page.find("table").tbody.find_all("tr")]
        assert cells == ["1", "2", "3", "4", "5", "4", "3", "2"]

    def test_chart_coordinates_do_not_use_a_decimal_comma_in_french(self, cast, client):
        submit(cast.office_a, [3] * 8)
        client.force_login(cast.member)
        client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
        svg = BeautifulSoup(client.get(cast.office_a.url).content, "html.parser").find("svg")
        for rect in svg.find_all("rect"):
            float(rect["y"])


class ExportTests:
    def test_the_secretariat_exports_every_assessment_as_csv(self, cast, client):
        submit(cast.office_a, [1, 2, 3, 4, 5, 4, 3, 2])
        services.assessment_for(office=cast.office_b, year=YEAR)
        client.force_login(cast.secretariat)
        response = client.get("/network/assessments/export/")
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        by_code = {row["office_code"]: row for row in rows}
        assert by_code["AA"]["status"] == "submitted"
        assert by_code["AA"]["cloud_score"] == "5"
        assert by_code["BB"]["status"] == "draft"
        assert by_code["BB"]["cloud_score"] == ""


class PartnerTests:
    def test_partners_are_offices_strong_where_this_office_is_weak(self, cast, site_tree, client):
        category = factories.CategoryFactory(name="Cyber security", maturity_dimensions=["cyber"])
        strong = factories.OfficePageFactory(parent=site_tree.network, title="Strong office")
        average = factories.OfficePageFactory(parent=site_tree.network, title="Average office")
        factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue,
            title="Security baseline",
            category=category,
            provider_offices=[strong],
        )
        submit(cast.office_a, [3, 3, 3, 1, 3, 3, 3, 3])
        shared = submit(strong, [3, 3, 3, 5, 3, 3, 3, 3])
        services.assessment_sharing_set(assessment=shared, shared=True)
        submit(average, [3, 3, 3, 3, 3, 3, 3, 3])
        client.force_login(cast.cio_a)
        page = BeautifulSoup(client.get(cast.office_a.url + "partners/").content, "html.parser")
        cards = page.select("article.partner")
        assert [card.h2.get_text(strip=True) for card in cards] == [strong.display_name]
        reason = cards[0].select_one(".reasons li").get_text(" ", strip=True)
        assert reason == "Cyber resilience: they score 5, you score 1."
        assert cards[0].find("a", string="Security baseline")

    def test_without_a_submitted_assessment_the_page_says_what_to_do(self, cast, client):
        client.force_login(cast.cio_a)
        text = client.get(cast.office_a.url + "partners/").content.decode()
        assert "Fill it in and submit it first." in text

    def test_partner_suggestions_are_for_the_offices_own_representatives(self, cast, client):
        client.force_login(cast.cio_b)
        assert client.get(cast.office_a.url + "partners/").status_code == 403


def test_a_deputy_also_answers_for_the_office(cast, client):
    deputy = factories.MemberFactory(office=cast.office_a).user
    services.seat_assign(office=cast.office_a, user=deputy, seat=Seat.DEPUTY, confirmed_by=None)
    client.force_login(deputy)
    assert client.get(cast.office_a.url + "assessment/").status_code == 200
    assert client.get(cast.office_a.url + "nominate/").status_code == 403
