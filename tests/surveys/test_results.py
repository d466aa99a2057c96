"""The results: hidden from members below five responding offices (after any filter),
shown from five; each chart's numbers are its table's and the CSV's."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from tests.surveys.conftest import ANSWERS

pytestmark = pytest.mark.django_db

HIDDEN = "The results are shown once at least 5 offices have answered"


def results_url(surveying, query: str = "") -> str:
    return surveying.survey.url + "results/" + query


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_results_are_hidden_at_four_answers_and_shown_at_five(surveying, cast, sign_in):
    for n in range(4):
        surveying.answer(n)
    client = sign_in(cast.member)
    page = client.get(results_url(surveying)).content.decode()
    assert HIDDEN in page
    assert "<svg" not in page.split("<main", 1)[1]
    assert ANSWERS["difficulties"] not in page
    assert client.get(results_url(surveying) + "export/").status_code == 404
    # The secretariat follows the answers as they come.
    assert (
        "4 offices answered."
        in sign_in(cast.secretariat).get(results_url(surveying)).content.decode()
    )
    surveying.answer(4)
    page = sign_in(cast.member).get(results_url(surveying)).content.decode()
    assert HIDDEN not in page
    assert "5 offices answered." in page
    assert ANSWERS["difficulties"] in page
    assert sign_in(cast.member).get(results_url(surveying) + "export/").status_code == 200


def test_drafts_do_not_count(surveying, cast, sign_in):
    from portal.surveys import services

    for n in range(4):
        surveying.answer(n)
    services.response_save(
        survey=surveying.survey,
        office=surveying.offices[4],
        user=surveying.heads[4],
        answers=ANSWERS,
        submit=False,
    )
    assert HIDDEN in sign_in(cast.member).get(results_url(surveying)).content.decode()


def test_a_filter_below_five_offices_hides_the_results_from_members(surveying, cast, sign_in):
    for n in range(6):
        surveying.answer(n)
    north = surveying.regions[0].slug  # offices A and B only
    client = sign_in(cast.member)
    page = client.get(results_url(surveying, f"?region={north}")).content.decode()
    assert HIDDEN in page
    assert (
        client.get(
            results_url(surveying, f"?region={north}").replace("results/", "results/export/")
        ).status_code
        == 404
    )
    assert client.get(results_url(surveying, "?kind=national")).status_code == 200
    assert (
        "5 offices answered."
        in client.get(results_url(surveying, "?kind=national")).content.decode()
    )
    page = (
        sign_in(cast.secretariat).get(results_url(surveying, f"?region={north}")).content.decode()
    )
    assert "2 offices answered." in page


@pytest.mark.parametrize("query", ["?region=nowhere", "?kind=planet", "?region=%00"])
def test_bad_filters_are_refused(surveying, cast, sign_in, query):
    answer = sign_in(cast.member).get(results_url(surveying, query))
    assert answer.status_code == 400


def test_the_charts_numbers_match_the_csv(surveying, cast, sign_in):
    for n, priority in enumerate(
        ["AI tools", "AI tools", "Cyber security", "AI tools", "Digital services", "Cyber security"]
    ):
        surveying.answer(
            n,
            top_priority=priority,
            digital_maturity=n % 5 + 1,
            cooperation_wanted=["Pilots", "Training", "Shared tools"]
            if n % 2
            else ANSWERS["cooperation_wanted"],
        )
    client = sign_in(cast.member)
    soup = BeautifulSoup(client.get(results_url(surveying)).content, "html.parser")
    charted = []
    for section in soup.select(".survey-result"):
        question = section.h3.get_text(strip=True)
        svg = section.find("svg")
        if svg is None:
            continue
        labels = [t.get_text() for t in svg.select(".bar-chart__label")]
        values = [t["data-value"] for t in svg.select(".bar-chart__value")]
        table = [
            (row.th.get_text(strip=True), row.td.get_text(strip=True))
            for row in section.select("tbody tr")
        ]
        assert list(zip(labels, values, strict=True)) == table
        charted += [(question, label, value) for label, value in table]
    rows = csv_rows(client.get(results_url(surveying) + "export/"))
    assert rows[0] == ["Question", "Answer", "Value", "Offices answering"]
    from_csv = [(q, a, v) for q, a, v, _n in rows[1:] if v != ""]
    assert charted == from_csv
    assert ("Top priority", "AI tools", "3") in charted
    assert ("Top priority", "Cyber security", "2") in charted
    assert ("Technologies in use", "Cloud", "6") in charted
    assert [v for q, _a, v in charted if q == "Digital maturity"] == ["2", "1", "1", "1", "1"]
    # Ranked first three times each: 3 × 3 + 3 × 2 points for Shared tools, and so on.
    assert ("Cooperation wanted", "Training", str(3 * 2 + 3 * 2)) in charted
    assert ("Cooperation wanted", "Shared tools", str(3 * 3 + 3 * 1)) in charted
    assert ("Cooperation wanted", "Pilots", str(3 * 1 + 3 * 3)) in charted
    assert ["Difficulties", ANSWERS["difficulties"], "", "6"] in rows


def test_the_results_read_right_to_left_in_arabic(surveying, cast, sign_in):
    for n in range(5):
        surveying.answer(n)
    page = sign_in(cast.member).get("/ar" + results_url(surveying))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'dir="rtl"' in html
    assert 'direction="rtl"' in html
    assert "أجابت 5 مكاتب." in html
