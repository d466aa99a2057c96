"""A page with no translation in the reader's language: the reader is told, only the
page's own words carry its lang and dir, and the interface around them stays in the
reader's language and direction."""

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


def read(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def inside_english(element) -> bool:
    return any(parent.get("lang") == "en" for parent in element.parents if parent.name)


def test_an_english_page_read_in_arabic_marks_only_its_own_words(client, site_tree):
    workshop = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Dialogue on digital transformation",
        body=[("paragraph", "<p>Offices compare their plans.</p>")],
    )
    page = read(client, "/ar" + workshop.url)

    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    heading = page.select_one("main h1")
    assert (heading["lang"], heading["dir"]) == ("en", "ltr")
    body = page.find(string="Offices compare their plans.")
    assert inside_english(body)

    about = page.select_one("#about-heading")
    assert about.get_text() == "نبذة عن الفعالية"
    assert not inside_english(about)
    status = page.select_one(".facts dt")
    assert not inside_english(status)
    assert page.find("main").find("div", attrs={"lang": "en"}, recursive=False) is None


def test_the_reader_is_told_in_their_language_that_the_page_is_in_another(client, site_tree):
    page = read(client, "/ar/about/")
    notice = page.select_one("main .notice--language")
    assert notice is not None
    assert not inside_english(notice)
    text = notice.get_text()
    assert "العربيّة" in text and "الإنجليزيّة" in text
    assert "not yet available" not in text


def test_a_page_translated_into_arabic_has_no_notice_and_no_override(client, site_tree):
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    about = site_tree.about.copy_for_translation(arabic, copy_parents=True)
    about.title = "عن الشبكة"
    about.slug = "an-alshabaka"
    about.save_revision().publish()

    page = read(client, "/ar/an-alshabaka/")
    assert page.select_one("main h1").get_text() == "عن الشبكة"
    assert page.select_one("main .notice--language") is None
    assert page.find("main").find(attrs={"lang": True}) is None


def test_an_english_page_read_in_english_has_no_notice(client, site_tree):
    page = read(client, "/about/")
    assert page.select_one("main .notice--language") is None
    assert page.find("main").find(attrs={"lang": True}) is None


def test_a_catalogue_entry_read_in_its_own_language_keeps_dir_auto(client, site_tree):
    entry = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="نظام البحث")
    entry.save_revision().publish()
    page = read(client, entry.url)
    heading = page.select_one("main h1")
    assert heading["dir"] == "auto" and not heading.has_attr("lang")
    assert page.select_one("main .notice--language") is None
