"""More matches than PostgreSQL counts and ranks (search.postgres.RESULT_CAP, 1,000; 3
here): the page says "more than", says what the filters count and how the best are
picked, in every language, and still shows the best it found."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.search.conftest import ON_POSTGRESQL

pytestmark = [pytest.mark.django_db, ON_POSTGRESQL]


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def many(site_tree, reindex, small_cap):
    # The one with the word in its title is the oldest: not among the newest matches.
    factories.NewsArticlePageFactory(
        parent=site_tree.news,
        title="Cloud first",
        summary="Moving the register to the cloud.",
        date=datetime.date(2020, 1, 1),
    )
    for number in range(6):
        factories.NewsArticlePageFactory(
            parent=site_tree.news, title=f"Note {number}", summary="Cloud hosting of the register."
        )
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Budget", summary="Figures.")
    reindex()
    return site_tree


def test_more_matches_than_counted_are_announced_as_more_than(client, many):
    page = soup(client.get("/search/", {"q": "cloud"}))
    assert page.select_one("p.meta[role=status]").get_text() == "More than 3 results for “cloud”"
    note = page.select_one(".search-capped").get_text()
    assert "the filters count the 3 most recent" in note
    assert "with your words in their title" in note


def test_the_filters_count_the_most_recent_matches(client, many):
    facets = " ".join(
        soup(client.get("/search/", {"q": "cloud"})).select_one("nav.facets").text.split()
    )
    assert "News (3)" in facets


def test_an_older_title_match_still_comes_first(client, many):
    titles = [
        h.get_text(strip=True)
        for h in soup(client.get("/search/", {"q": "cloud"})).select("ol.results h2")
    ]
    assert titles[0] == "Cloud first"
    assert "Budget" not in titles


def test_sorted_by_date_the_note_speaks_of_counting_alone(client, many):
    page = soup(client.get("/search/", {"q": "cloud", "sort": "date"}))
    note = page.select_one(".search-capped").get_text()
    assert "the filters count the 3 most recent" in note
    assert "title" not in note


def test_a_search_under_the_cap_is_counted_exactly(client, many):
    page = soup(client.get("/search/", {"q": "budget"}))
    assert page.select_one("p.meta[role=status]").get_text() == "1 result for “budget”"
    assert page.select_one(".search-capped") is None


@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh-hans", "ar"])
def test_the_more_than_and_the_note_are_translated(client, many, language):
    for sort, english in [
        ("relevance", "Too many to count and rank them all"),
        ("date", "Too many to count them all"),
    ]:
        page = soup(client.get(f"/{language}/search/", {"q": "cloud", "sort": sort}))
        status = page.select_one("p.meta[role=status]").get_text()
        assert "3" in status and "cloud" in status and "More than" not in status
        note = page.select_one(".search-capped").get_text()
        assert "3" in note and english not in note


def test_a_chosen_value_the_counted_matches_lack_is_listed_and_can_be_cleared(client, many):
    # The newest three matches are this year's: the 2020 one chosen is not among them.
    page = soup(client.get("/search/", {"q": "cloud", "year": "2020"}))
    assert page.select_one("nav.facets [aria-current]").get_text(" ", strip=True) == "2020 (1)"
    assert page.select_one("a.facet__clear") is not None
