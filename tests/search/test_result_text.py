"""What a reader sees on the search page besides the titles: an excerpt of the result's
own text with the searched words marked (never its taxonomy names or structured facts
run together), one search box, and an empty state that says what to do next."""

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.search.conftest import PRIVATE_WORD

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def excerpts(client, query: str, **params) -> list[BeautifulSoup]:
    page = soup(client.get("/search/", {"q": query, **params}))
    return page.select("ol.results .result__excerpt")


@pytest.fixture
def entry(site_tree, cast, reindex):
    category = factories.CategoryFactory(name="Machine translation", slug="mt")
    page = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Claims translator",
        summary="Translates the claims of incoming applications overnight, at cost < 1 & speed.",
        category=category,
        ip_rights=["patents", "trademarks", "designs"],
        works_with="IPAS 4",
        provider_offices=[cast.office_a],
    )
    reindex()
    return page


def test_the_excerpt_is_the_entrys_own_text_with_the_words_marked(client, entry):
    [excerpt] = excerpts(client, "overnight")
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["overnight"]
    text = excerpt.get_text()
    assert text.startswith("Translates the claims of incoming applications")
    for metadata in ["Patents", "Trademarks", "Industrial designs", "IPAS", "Machine translation"]:
        assert metadata not in text


def test_an_entry_is_still_found_by_its_facts_and_taxonomy_but_shows_its_prose(client, entry):
    for query in ["IPAS", "trademarks", "Industrial designs"]:
        [excerpt] = excerpts(client, query)
        assert excerpt.get_text().startswith("Translates the claims"), query
        assert excerpt.select("mark") == [], query


def test_the_excerpt_is_escaped_before_the_words_are_marked(client, entry):
    [excerpt] = excerpts(client, "speed")
    # The text's own "<" and "&" are shown as written.
    assert "at cost < 1 & speed." in excerpt.get_text()
    assert "cost &lt; 1 &amp; <mark>speed</mark>" in str(excerpt)
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["speed"]


def test_arabic_and_chinese_excerpts_mark_the_word_in_the_text(client, site_tree, reindex):
    factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="نظام عربي",
        summary="نظام الترجمة الآلية لطلبات البراءات.",
        category=factories.CategoryFactory(name="تصنيف الوثائق", slug="ar-category"),
    )
    factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="机器翻译系统",
        summary="我们的机器翻译系统已经上线。",
        works_with="专利局系统",
    )
    reindex()
    [arabic] = excerpts(client, "الترجمة")
    assert [mark.get_text() for mark in arabic.select("mark")] == ["الترجمة"]
    assert "تصنيف" not in arabic.get_text()
    [chinese] = excerpts(client, "翻译")
    assert [mark.get_text() for mark in chinese.select("mark")] == ["翻译"]
    assert chinese.get_text() == "我们的机器翻译系统已经上线。"


def test_a_post_is_found_by_its_author_whose_name_stays_out_of_the_excerpt(
    client, workspace, reindex
):
    reindex()
    client.force_login(workspace.insider)
    [excerpt] = excerpts(client, "Inside", kind="post")
    assert excerpt.get_text() == f"Our {PRIVATE_WORD} pilot routes applications."


def test_a_person_is_found_by_their_office_and_the_excerpt_is_their_bio(client, cast, reindex):
    member = cast.cio_a.member
    member.bio = "Leads the digital transformation programme."
    member.save()
    reindex()
    client.force_login(cast.cio_a)
    [excerpt] = excerpts(client, "Office A", kind="member")
    assert excerpt.get_text() == "Leads the digital transformation programme."


# One search box -------------------------------------------------------------------------


def test_the_search_page_has_one_search_box_with_its_options(client, entry):
    page = soup(client.get("/search/", {"q": "claims"}))
    assert len(page.select("input[type=search]")) == 1
    assert len(page.select("[role=search]")) == 1
    assert page.select_one("main form.search-form input[type=search]")["name"] == "q"
    assert page.select_one("form.search-form__sort") is not None


def test_other_pages_keep_the_header_search_box(client, site_tree):
    page = soup(client.get("/"))
    assert len(page.select("header form.header-search input[type=search]")) == 1


# Empty states ---------------------------------------------------------------------------


def empty_state(client, **params) -> str:
    page = soup(client.get("/search/", params))
    assert page.select("ol.results") == []
    return page.select_one(".empty-state").get_text(" ", strip=True)


def test_without_words_the_page_says_what_can_be_searched(client, site_tree):
    message = empty_state(client)
    assert "offices, catalogue entries, task forces, workshops, news" in message
    assert "filter" not in message
    assert empty_state(client, q="   ") == message


def test_no_match_without_filters_suggests_other_words_not_removing_a_filter(client, entry):
    page = soup(client.get("/search/", {"q": "zeppelin"}))
    message = page.select_one(".empty-state").get_text(" ", strip=True)
    assert "Nothing matches “zeppelin”" in message
    assert "other or fewer words" in message
    assert "filter" not in message
    assert page.select(".empty-state a") == []


def test_no_match_with_filters_offers_a_link_that_removes_them(client, entry):
    page = soup(client.get("/search/", {"q": "claims", "kind": "news", "sort": "date"}))
    empty = page.select_one(".empty-state")
    assert "with the filters you chose" in empty.get_text()
    [link] = empty.select("a")
    assert link.get_text(strip=True) == "Search for “claims” without filters"
    assert link["href"] == "?q=claims&sort=date"
    unfiltered = soup(client.get("/search/" + link["href"]))
    assert [h.get_text(strip=True) for h in unfiltered.select("ol.results h2")] == [
        "Claims translator"
    ]
