"""Peer comparison offices trust: an office's exact maturity scores are its own people's and
the secretariat's unless it shares them; every other member sees medians of five or more
offices, and partner suggestions name bands. One test per path the scores could leave by."""

import csv
import io
import json
import statistics

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network import services
from network.maturity import Dimension, office_needs
from network.models import MemberRole
from network.peers import peer_comparison
from search.models import Kind, SearchEntry
from search.services import entry_sync
from tests import factories
from tests.queries import count_queries
from tests.test_query_budget import BUDGET, CEILINGS, SESSION_QUERIES

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
# Office B's scores, one per dimension: what must not reach another office unshared.
SECRET = [2, 5, 1, 4, 5, 3, 1, 2]


def submit(office, scores, *, year=YEAR, shared=False):
    assessment = services.assessment_for(office=office, year=year)
    answers = {
        dimension.value: services.AnswerData(score=score)
        for dimension, score in zip(Dimension, scores, strict=True)
    }
    assessment = services.assessment_save(
        assessment=assessment, answers=answers, submit=True, user=None
    )
    if shared:
        services.assessment_sharing_set(assessment=assessment, shared=True)
    return assessment


def offices_in(site_tree, region, count, **fields):
    return [
        factories.OfficePageFactory(parent=site_tree.network, region=region, **fields)
        for _ in range(count)
    ]


def maturity(client, office) -> BeautifulSoup | None:
    page = BeautifulSoup(client.get(office.url).content, "html.parser")
    heading = page.find(id="office-maturity")
    return heading.parent if heading else None


def column(section, header: str) -> list[str] | None:
    """The cells under ``header`` in the section's table, one per dimension."""
    table = section.find("table")
    if table is None:
        return None
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    if header not in headers:
        return None
    index = headers.index(header)
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])][index]
        for row in table.tbody.find_all("tr")
    ]


def shows_scores(section) -> bool:
    return (
        column(section, "This office") is not None
        or section.find("rect", class_="maturity-chart__bar") is not None
    )


def secret_office(cast):
    """Office B submitted SECRET and did not share it."""
    return submit(cast.office_b, SECRET)


# Medians ---------------------------------------------------------------------------------


class RegionalMedianTests:
    def test_below_five_submissions_in_a_region_no_regional_median_shows(
        self, cast, site_tree, client
    ):
        region = cast.office_b.region
        for office in offices_in(site_tree, region, 3):
            submit(office, [3] * 8)
        secret_office(cast)
        comparison = peer_comparison(cast.office_b)
        assert comparison.groups[1].key == "region"
        assert comparison.groups[1].medians is None
        client.force_login(cast.member)
        section = maturity(client, cast.office_b)
        label = f"Median of offices in {region}"
        assert column(section, label) is None
        text = " ".join(section.get_text(" ").split())
        assert f"{label}: not enough answers to show a median" in text
        assert "0" not in (column(section, "Network median") or [])

    def test_from_five_submissions_the_regional_median_is_the_median_of_the_scores(
        self, cast, site_tree, client
    ):
        region = cast.office_b.region
        others = [[1] * 8, [2] * 8, [4] * 8, [5] * 8]
        for office, scores in zip(offices_in(site_tree, region, 4), others, strict=True):
            submit(office, scores)
        secret_office(cast)
        # Another region's office does not count towards this region's median.
        submit(factories.OfficePageFactory(parent=site_tree.network), [5] * 8)
        expected = [
            statistics.median([scores[n] for scores in [*others, SECRET]]) for n in range(8)
        ]
        comparison = peer_comparison(cast.office_b)
        assert comparison.groups[1].medians == {
            dimension.value: median for dimension, median in zip(Dimension, expected, strict=True)
        }
        client.force_login(cast.member)
        section = maturity(client, cast.office_b)
        cells = column(section, f"Median of offices in {region}")
        assert cells == [f"{median:g}" for median in expected]

    def test_only_each_offices_latest_submitted_assessment_counts(self, cast, site_tree):
        region = cast.office_b.region
        for office in offices_in(site_tree, region, 4):
            submit(office, [1] * 8, year=YEAR - 1)
            submit(office, [4] * 8)
        submit(cast.office_b, [4] * 8)
        services.assessment_for(office=cast.office_b, year=YEAR + 1)  # a draft: not counted
        comparison = peer_comparison(cast.office_b)
        assert comparison.network.offices == 5
        assert comparison.groups[1].medians == {d.value: 4 for d in Dimension}

    def test_the_kind_median_counts_offices_of_the_same_kind(self, cast, site_tree):
        regional = offices_in(
            site_tree, cast.office_b.region, 5, kind="regional", member_states=["FR", "DE"]
        )
        for office in regional:
            submit(office, [5] * 8)
        secret_office(cast)
        comparison = peer_comparison(cast.office_b)
        assert comparison.groups[2].label == "Median of national offices"
        assert comparison.groups[2].medians is None  # one national office only
        assert peer_comparison(regional[0]).groups[2].medians == {d.value: 5 for d in Dimension}


# Who sees the scores -------------------------------------------------------------------------


class OfficePageTests:
    def test_another_offices_member_sees_medians_and_no_score(self, cast, site_tree, client):
        for office in offices_in(site_tree, cast.office_b.region, 4):
            submit(office, [3] * 8)
        secret_office(cast)
        client.force_login(cast.member)
        section = maturity(client, cast.office_b)
        assert not shows_scores(section)
        assert column(section, "Network median") == ["3"] * 8
        assert "keeps its scores to itself" in section.get_text()

    @pytest.mark.parametrize("reader", ["cio_b", "colleague", "secretariat"])
    def test_the_offices_own_people_and_the_secretariat_see_the_scores(self, cast, client, reader):
        secret_office(cast)
        if reader == "colleague":
            user = factories.MemberFactory(office=cast.office_b).user
        else:
            user = getattr(cast, reader)
        client.force_login(user)
        section = maturity(client, cast.office_b)
        assert column(section, "This office") == [str(score) for score in SECRET]

    def test_sharing_shows_the_scores_to_members_but_not_to_visitors(self, cast, client):
        client.force_login(cast.cio_b)
        secret_office(cast)
        response = client.post(cast.office_b.url + f"assessment/{YEAR}/sharing/", {"share": "1"})
        assert response.status_code == 302
        client.force_login(cast.member)
        section = maturity(client, cast.office_b)
        assert column(section, "This office") == [str(score) for score in SECRET]
        client.logout()
        assert maturity(client, cast.office_b) is None
        assert b"maturity-chart" not in client.get(cast.office_b.url).content

    def test_only_the_offices_representatives_choose_to_share(self, cast, client):
        secret_office(cast)
        url = cast.office_b.url + f"assessment/{YEAR}/sharing/"
        for user in (cast.cio_a, cast.secretariat):
            client.force_login(user)
            assert client.post(url, {"share": "1"}).status_code == 403
        client.force_login(cast.cio_b)
        assert client.post(url, {"share": "maybe"}).status_code == 400
        assert client.get(url).status_code == 405
        assert client.post(cast.office_b.url + "assessment/1999/sharing/").status_code == 404
        assert not cast.office_b.assessments.get(year=YEAR).shared_with_members

    def test_the_assessment_page_says_who_sees_the_scores(self, cast, client):
        secret_office(cast)
        client.force_login(cast.cio_b)
        page = client.get(cast.office_b.url + f"assessment/{YEAR}/").content.decode()
        assert "people and the secretariat. Other members see the medians" in page
        client.post(cast.office_b.url + f"assessment/{YEAR}/sharing/", {"share": "1"})
        page = client.get(cast.office_b.url + f"assessment/{YEAR}/").content.decode()
        assert "Stop sharing our scores" in page

    def test_the_office_page_stays_within_its_query_budget(self, cast, site_tree, client):
        # tests/test_query_budget.py's ceilings for the office page read by a member,
        # rendered afresh and with the fragment cache warm.
        ceiling = CEILINGS["office page"]["member"] + SESSION_QUERIES
        warm_ceiling = BUDGET + SESSION_QUERIES
        for office in offices_in(site_tree, cast.office_b.region, 6):
            submit(office, [3] * 8)
        secret_office(cast)
        submit(cast.office_a, [4] * 8)
        # A member of another office (medians only) and one of the office's own (its scores).
        colleague = factories.MemberFactory(office=cast.office_b, role=MemberRole.EXPERT).user
        for user in (cast.member, colleague):
            client.force_login(user)
            assert count_queries(client, cast.office_b.url) <= ceiling
            assert count_queries(client, cast.office_b.url, fragments=True) <= warm_ceiling


class PartnerTests:
    def test_an_unshared_partner_is_explained_by_band_never_by_score(self, cast, client):
        submit(cast.office_a, [3, 1, 3, 3, 2, 3, 3, 3])
        secret_office(cast)
        client.force_login(cast.cio_a)
        page = BeautifulSoup(client.get(cast.office_a.url + "partners/").content, "html.parser")
        card = page.select_one("article.partner")
        assert card.h2.get_text(strip=True) == cast.office_b.display_name
        reasons = [li.get_text(" ", strip=True) for li in card.select(".reasons li")]
        assert reasons == [
            "Strong in Online services to users, Cloud and infrastructure: in the top band "
            "(4 or 5) where your office needs help."
        ]
        assert "they score" not in card.get_text()

    def test_a_shared_partner_is_explained_by_its_scores(self, cast, client):
        submit(cast.office_a, [3, 1, 3, 3, 2, 3, 3, 3])
        submit(cast.office_b, SECRET, shared=True)
        client.force_login(cast.cio_a)
        page = BeautifulSoup(client.get(cast.office_a.url + "partners/").content, "html.parser")
        reasons = [li.get_text(" ", strip=True) for li in page.select("article.partner li")]
        assert reasons[:2] == [
            "Online services to users: they score 5, you score 1.",
            "Cloud and infrastructure: they score 5, you score 2.",
        ]

    def test_without_a_low_score_the_lowest_scores_are_the_needs(self, cast, client):
        assert office_needs({"cyber": 3, "cloud": 4, "ai": 3}) == {"cyber": 3, "ai": 3}
        assert office_needs({"cyber": 4, "cloud": 5}) == {}
        submit(cast.office_a, [4, 3, 4, 4, 4, 4, 4, 4])
        secret_office(cast)
        client.force_login(cast.cio_a)
        page = BeautifulSoup(client.get(cast.office_a.url + "partners/").content, "html.parser")
        reasons = [li.get_text(" ", strip=True) for li in page.select("article.partner li")]
        assert reasons == [
            "Strong in Online services to users: in the top band (4 or 5) where your office "
            "needs help."
        ]


# Every other way out -------------------------------------------------------------------------


class ExportTests:
    @pytest.mark.parametrize("reader", ["member", "cio_a", "cio_b"])
    def test_only_the_secretariat_exports_the_scores(self, cast, client, reader):
        secret_office(cast)
        client.force_login(getattr(cast, reader))
        response = client.get("/network/assessments/export/")
        assert response.status_code == 403
        assert b"cloud_score" not in response.content

    def test_the_secretariats_export_has_them(self, cast, client):
        secret_office(cast)
        client.force_login(cast.secretariat)
        response = client.get("/network/assessments/export/")
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        row = next(row for row in rows if row["office_code"] == cast.office_b.code)
        assert [row[f"{d.value}_score"] for d in Dimension] == [str(s) for s in SECRET]


def test_the_api_says_nothing_of_maturity(cast, site_tree, client):
    factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="IPAS", provider_offices=[cast.office_b]
    ).save_revision().publish()
    secret_office(cast)
    client.force_login(cast.member)
    listing = client.get("/api/catalogue/entries")
    assert listing.status_code == 200
    detail = client.get(f"/api/catalogue/entries/{listing.json()['results'][0]['id']}")
    for response in (listing, detail):
        text = json.dumps(response.json()).lower()
        for word in ("score", "maturity", "assessment", "median"):
            assert word not in text


def test_the_search_index_holds_no_score(cast, client):
    secret_office(cast)
    entry_sync(obj=cast.office_b)
    entry = SearchEntry.objects.get(kind=Kind.OFFICE, title=cast.office_b.title)
    indexed = " ".join([entry.title, entry.body, entry.terms, entry.context]).lower()
    for dimension in Dimension:
        assert str(dimension.label).lower() not in indexed
    assert "score" not in indexed
    client.force_login(cast.member)
    results = client.get("/search/", {"q": cast.office_b.title}).content.decode().lower()
    assert "cyber resilience" not in results and "maturity" not in results
    suggestions = client.get("/search/suggestions/", {"q": cast.office_b.title[:4]})
    assert "score" not in suggestions.content.decode().lower()


def test_the_health_report_shows_no_median_of_fewer_than_five_offices(cast, site_tree, client):
    for office in offices_in(site_tree, cast.office_b.region, 3):
        submit(office, [3] * 8)
    secret_office(cast)
    client.force_login(cast.member)
    page = BeautifulSoup(client.get("/reports/health/").content, "html.parser")
    row = next(tr for tr in page.select("#maturity tbody tr") if tr.th.get_text() == str(YEAR))
    assert [td.get_text(strip=True) for td in row.find_all("td")] == ["4"] + ["–"] * 9
    response = client.get("/reports/health/figures.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r[3] for r in rows if r[1] == str(YEAR)] == ["4"] + [""] * 9


def test_another_offices_representative_finds_no_score_in_the_admin(cast, client):
    secret_office(cast)
    client.force_login(cast.cio_a)
    assert client.get(f"/admin/pages/{cast.office_b.pk}/edit/").status_code in (302, 403)
    own = client.get(f"/admin/pages/{cast.office_a.pk}/edit/")
    assert own.status_code == 200
    assert b"shared_with_members" not in own.content
    assert client.get("/admin/snippets/network/assessment/").status_code == 404


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_submitting_and_sharing_send_no_mail(cast):
    mail.outbox = []
    assessment = secret_office(cast)
    services.assessment_sharing_set(assessment=assessment, shared=True)
    assert mail.outbox == []
