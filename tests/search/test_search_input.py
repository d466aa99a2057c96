"""Hostile input to the search page and the suggestions: quotes and operators alone, NUL
bytes, digits that are not ASCII, ids too large for the database, over-long text. Each is
answered with a page (results, none, or the form's explanation), never a 500."""

import time

import pytest
from bs4 import BeautifulSoup

from search.query import MAX_QUERY_LENGTH
from tests import factories

pytestmark = pytest.mark.django_db

# Queries with no word in them: nothing to look for, an empty result.
OPERATORS_ONLY = ['"', "-", "'", '""', "- -", "'\"'", "*", "()", "| + -", "~", "\\"]
# Parameters the form refuses, with the field it names.
REFUSED = [
    ({"q": "translation", "page": "³"}, "Page"),
    ({"q": "translation", "office": "99999999999"}, "Office"),
    ({"q": "translation", "category": "99999999999"}, "Category"),
    ({"q": "translation", "category": "²"}, "Category"),
    ({"q": "translation", "language": "é" * 5}, "Language"),
]
# A NUL character anywhere is refused before the search runs, whatever the parameter.
WITH_NUL = [
    {"q": "trans\x00lation"},
    {"q": "translation", "page": "\x00"},
    {"q": "translation", "office": "\x00"},
    {"q": "translation", "language": "\x00"},
    {"q": "translation", "kind": "\x00"},
    {"q": "translation", "year": "\x00"},
    {"q": "translation", "sort": "\x00"},
    {"q": "translation", "q ": "\x00"},
]
# Accepted as what they say: Unicode decimal digits are numbers, long queries are cut.
ACCEPTED = [
    {"q": "translation", "page": "٣"},
    {"q": "translation", "page": "99999999999999999999"},
    {"q": "translation", "year": "٢٠٢٥"},
    {"q": "translation " * 2000},
    {"q": "translation", "office": "1"},
]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def corpus(client, site_tree, reindex):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Translation news")
    reindex()
    # A site that has answered before: the timing below is the input's, not start-up's.
    client.get("/search/", {"q": "news"})


@pytest.mark.parametrize("query", OPERATORS_ONLY)
def test_a_query_of_quotes_or_operators_alone_finds_nothing(client, corpus, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = soup(response)
    assert page.select("ol.results") == []
    assert "Nothing matches" in page.get_text()


@pytest.mark.parametrize("query", ['"translation', 'translation"', "-translation news", "'"])
def test_stray_quotes_and_dashes_beside_words_do_not_break_the_search(client, corpus, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize(("params", "field"), REFUSED)
def test_parameters_the_database_cannot_take_are_explained_with_a_400(
    client, corpus, params, field
):
    response = client.get("/search/", params)
    assert response.status_code == 400
    errors = soup(response).select_one(".form-errors[role=alert]")
    assert errors is not None
    assert field in errors.get_text()


@pytest.mark.parametrize("params", WITH_NUL)
def test_a_null_character_is_refused_with_a_400_that_says_so(client, corpus, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert "null character" in soup(response).select_one("main").get_text()


@pytest.mark.parametrize("params", ACCEPTED)
def test_odd_but_harmless_parameters_give_a_results_page(client, corpus, params):
    started = time.monotonic()
    response = client.get("/search/", params)
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert soup(response).select_one("p.meta[role=status]") is not None


def test_an_over_long_query_is_searched_cut_to_its_first_words(client, corpus):
    response = client.get("/search/", {"q": "translation " * 2000})
    status = soup(response).select_one("p.meta[role=status]").get_text()
    assert len(status) < MAX_QUERY_LENGTH + 40
    assert [h.get_text(strip=True) for h in soup(response).select("ol.results h2")] == [
        "Translation news"
    ]


@pytest.mark.parametrize(
    "text", [*OPERATORS_ONLY, "a\x00b", "\x00", "Trans\x00", "x" * 10_000, "٣٣", "Trans"]
)
def test_suggestions_take_anything_typed(client, corpus, text):
    response = client.get("/search/suggestions/", {"q": text}, HTTP_HX_REQUEST="true")
    assert response.status_code in (200, 400)
    if "\x00" in text:
        # Refused; htmx leaves the page as it is.
        assert response.status_code == 400
        assert soup(response).select("li") == []
    elif text == "Trans":
        assert "Translation news" in response.content.decode()
    else:
        assert soup(response).select("li:not(.suggestions__all)") == []
