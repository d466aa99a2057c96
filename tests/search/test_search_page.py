"""The search page: results across the areas, facets whose counts are what they return,
sorting, pagination, suggestions as you type, and clear answers to bad input."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_titles(client, query: str, **params) -> list[str]:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return [h.get_text(strip=True) for h in soup(response).select("ol.results h2")]


@pytest.fixture
def corpus(site_tree, cast, reindex):
    category = factories.CategoryFactory(name="Machine translation", slug="mt")
    factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Patent translation",
        summary="Neural translation of claims.",
        category=category,
        provider_offices=[cast.office_a],
    )
    factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Webinar on translation",
        summary="Machine translation in practice.",
        start_date=datetime.date(2031, 3, 4),
    )
    for number in range(3):
        factories.NewsArticlePageFactory(
            parent=site_tree.news,
            title=f"Translation news {number}",
            date=datetime.date(2024 + number, 1, 1),
        )
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Budget news")
    reindex()
    return site_tree


def test_search_finds_published_pages_in_several_areas(client, corpus):
    assert sorted(result_titles(client, "translation")) == [
        "Patent translation",
        "Translation news 0",
        "Translation news 1",
        "Translation news 2",
        "Webinar on translation",
    ]


def test_results_show_their_kind_and_an_excerpt_with_the_words_marked(client, corpus):
    page = soup(client.get("/search/", {"q": "claims"}))
    [result] = page.select("ol.results li")
    assert result.select_one(".eyebrow").get_text(strip=True).startswith("Catalogue entry")
    assert [mark.get_text() for mark in result.select(".result__excerpt mark")] == ["claims"]


def test_every_facet_count_is_what_choosing_it_returns(client, corpus):
    page = soup(client.get("/search/", {"q": "translation"}))
    links = page.select("nav.facets a")
    assert len(links) >= 8
    for link in links:
        label = link.get_text(" ", strip=True)
        count = int(label.rsplit("(", 1)[1].rstrip(")"))
        response = client.get("/search/" + link["href"])
        chosen = soup(response)
        assert len(chosen.select("ol.results li")) == count, label
        assert f"{count} result" in chosen.select_one("p.meta[role=status]").get_text(), label


def test_facets_name_offices_categories_languages_and_years(client, corpus, cast):
    facets = soup(client.get("/search/", {"q": "translation"})).select_one("nav.facets")
    text = " ".join(facets.get_text(" ").split())
    assert "News (3)" in text
    assert f"{cast.office_a.display_name} (1)" in text
    assert "Machine translation (1)" in text
    assert "2031 (1)" in text


def test_a_chosen_facet_can_be_cleared(client, corpus):
    page = soup(client.get("/search/", {"q": "translation", "kind": "news"}))
    assert len(page.select("ol.results li")) == 3
    assert page.select_one("nav.facets [aria-current]").get_text(" ", strip=True).startswith("News")
    clear = page.select_one("a.facet__clear")
    assert len(soup(client.get("/search/" + clear["href"])).select("ol.results li")) == 5


def test_results_can_be_sorted_newest_first(client, corpus):
    titles = result_titles(client, "translation", sort="date", kind="news")
    assert titles == ["Translation news 2", "Translation news 1", "Translation news 0"]


def test_results_are_paginated_with_the_query_kept(client, site_tree, reindex):
    for number in range(25):
        factories.NewsArticlePageFactory(parent=site_tree.news, title=f"Cloud note {number}")
    reindex()
    first = soup(client.get("/search/", {"q": "cloud", "kind": "news"}))
    assert len(first.select("ol.results li")) == 20
    next_link = first.select_one("nav.pagination a[rel=next]")["href"]
    assert "q=cloud" in next_link
    assert "kind=news" in next_link
    second = soup(client.get("/search/" + next_link))
    assert len(second.select("ol.results li")) == 5
    assert second.select_one("ol.results")["start"] == "21"
    past_the_end = soup(client.get("/search/", {"q": "cloud", "page": "9"}))
    assert len(past_the_end.select("ol.results li")) == 5


def test_quoted_words_are_found_as_a_phrase(client, site_tree, reindex):
    factories.NewsArticlePageFactory(
        parent=site_tree.news, title="One", summary="machine translation for patents"
    )
    factories.NewsArticlePageFactory(
        parent=site_tree.news, title="Two", summary="translation by a machine"
    )
    reindex()
    assert result_titles(client, '"machine translation"') == ["One"]
    assert sorted(result_titles(client, "machine translation")) == ["One", "Two"]


def test_the_query_count_does_not_grow_with_the_results(client, site_tree, reindex):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Cloud one")
    reindex()
    few = count_queries(client, "/search/?q=cloud")
    for number in range(15):
        factories.NewsArticlePageFactory(parent=site_tree.news, title=f"Cloud {number}")
    reindex()
    assert count_queries(client, "/search/?q=cloud") == few


def test_suggestions_complete_titles_as_you_type(client, corpus):
    response = client.get("/search/suggestions/", {"q": "Webin"}, HTTP_HX_REQUEST="true")
    page = soup(response)
    assert response["Cache-Control"].startswith("private") or "private" in response["Cache-Control"]
    assert [a.get_text(" ", strip=True) for a in page.select("li a")][:1] == [
        "Workshop Webinar on translation"
    ]
    assert page.select_one("li.suggestions__all a")["href"] == "/search/?q=Webin"


def test_the_header_box_asks_for_suggestions_and_works_without_them(client, site_tree):
    page = soup(client.get("/"))
    box = page.select_one("form.header-search input[name=q]")
    assert box["hx-get"] == "/search/suggestions/"
    assert page.select_one("form.header-search")["action"] == "/search/"


def test_an_empty_query_shows_the_form_without_results(client, site_tree):
    response = client.get("/search/", {"q": "   "})
    page = soup(response)
    assert page.find("input", id="search-q") is not None
    assert page.select("ol.results") == []


def test_a_very_long_query_is_cut_not_refused(client, site_tree):
    response = client.get("/search/", {"q": "translation " * 100})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params", [{"year": "last year"}, {"kind": "secrets"}, {"page": "0"}, {"office": "x"}]
)
def test_bad_options_are_explained_with_a_400(client, site_tree, params):
    response = client.get("/search/", {"q": "translation", **params})
    assert response.status_code == 400
    assert soup(response).select_one(".form-errors[role=alert]") is not None


def test_the_page_is_never_kept_in_a_shared_cache(client, site_tree):
    response = client.get("/search/", {"q": "translation"})
    assert "private" in response["Cache-Control"]


def test_changing_the_sort_keeps_the_filters_and_a_new_search_starts_afresh(client, corpus):
    page = soup(client.get("/search/", {"q": "translation", "kind": "news"}))
    sort_form = page.select_one("form.search-form__sort")
    hidden = {field["name"]: field["value"] for field in sort_form.select("input[type=hidden]")}
    assert hidden == {"q": "translation", "kind": "news"}
    new_search = page.select_one("form.search-form")
    assert [field["name"] for field in new_search.select("input")] == ["q"]
