"""Taxonomies are translatable snippets: readers see their names in their language,
falling back to the original, while pages and filters keep pointing at the original."""

from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from catalogue.models import Category
from portal import localised_names
from portal.models import Region
from tests import factories

pytestmark = pytest.mark.django_db


def translate(original, language: str, **fields):
    """A translation as wagtail-localize makes it: a copy in the locale, same key."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    copy = original.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def read(client, url: str, language: str):
    client.cookies["django_language"] = language
    response = client.get(url, headers={"accept-language": language}, follow=True)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def catalogue(site_tree, cast):
    filing = factories.CategoryFactory(name="E-filing", slug="e-filing")
    translate(filing, "fr", name="Dépôt électronique")
    search = factories.CategoryFactory(name="Prior-art search", slug="prior-art-search")
    office = cast.office_a
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="WIPO File", slug="wipo-file", category=filing
    )
    entry.provider_offices.set([office])
    entry.save_revision().publish()
    other = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Image search", slug="image-search", category=search
    )
    other.provider_offices.set([office])
    other.save_revision().publish()
    return site_tree.catalogue


def facet_labels(page) -> list[str]:
    group = page.find(id="facet-category") or page
    return [" ".join(link.get_text(" ", strip=True).split()) for link in group.find_all("a")]


def test_a_french_reader_sees_the_category_in_french_on_the_listing(client, catalogue):
    page = read(client, "/catalogue/", "fr")
    text = page.get_text(" ")
    assert "Dépôt électronique" in text
    assert "E-filing" not in text


def test_an_english_reader_sees_the_original(client, catalogue):
    page = read(client, "/catalogue/", "en")
    text = page.get_text(" ")
    assert "E-filing" in text
    assert "Dépôt électronique" not in text


def test_an_untranslated_category_shows_its_original_name(client, catalogue):
    assert "Prior-art search" in read(client, "/catalogue/", "fr").get_text(" ")


def test_the_entry_page_names_its_category_in_the_readers_language(client, catalogue):
    assert "Dépôt électronique" in read(client, "/catalogue/wipo-file/", "fr").get_text(" ")
    english = read(client, "/catalogue/wipo-file/", "en").get_text(" ")
    assert "E-filing" in english
    assert "Dépôt électronique" not in english


@pytest.mark.parametrize("language", ["en", "fr"])
def test_filtering_by_a_translated_category_works_in_both_languages(client, catalogue, language):
    text = read(client, "/catalogue/?category=e-filing", language).get_text(" ")
    assert "WIPO File" in text
    assert "Image search" not in text


def test_translated_names_cost_at_most_one_query_per_page(client, catalogue):
    def count(language):
        client.cookies["django_language"] = language
        with (
            override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=False),
            CaptureQueriesContext(connection) as queries,
        ):
            client.get("/catalogue/", headers={"accept-language": language}, follow=True)
        return len(queries)

    count("fr")  # warm Wagtail's own caches for French
    warm = count("fr")
    cache.delete(localised_names.GENERATION_KEY)
    assert count("fr") == warm + 1  # every taxonomy's names, in one query
    assert count("fr") == warm
    # English readers see the originals: no look-up at all.
    count("en")
    english = count("en")
    cache.delete(localised_names.GENERATION_KEY)
    assert count("en") == english


def test_names_fall_back_and_pages_point_at_originals(catalogue):
    filing = Category.objects.originals().get(slug="e-filing")
    assert Category.objects.filter(slug="e-filing").count() == 2
    assert Category.objects.originals().filter(slug="e-filing").count() == 1
    with translation.override("fr"):
        assert str(filing) == "Dépôt électronique"
        assert Category.objects.get(slug="prior-art-search").localised_name == "Prior-art search"
    with translation.override("es"):
        assert str(filing) == "E-filing"
    assert filing.entries.count() == 1


def test_names_are_unique_per_locale_only():
    africa = Region.objects.create(name="Africa", slug="africa")
    translate(africa, "fr", name="Afrique")
    with pytest.raises(IntegrityError):
        Region.objects.create(name="Africa", slug="africa-again")


def test_the_directory_filters_list_each_region_once_in_the_readers_language(client, site_tree):
    region = factories.RegionFactory(name="Africa", slug="africa")
    translate(region, "fr", name="Afrique")
    factories.OfficePageFactory(parent=site_tree.network, title="OAPI", region=region)
    page = read(client, "/network/?region=africa", "fr")
    options = [option.get_text(strip=True) for option in page.select("select[name=region] option")]
    assert options.count("Afrique") == 1
    assert "Africa" not in options
    assert "OAPI" in page.get_text(" ")


def test_the_search_box_finds_entries_by_their_category_name_in_another_language(client, catalogue):
    text = read(client, "/catalogue/?q=Dépôt", "fr").get_text(" ")
    assert "WIPO File" in text
    assert "Image search" not in text


@pytest.mark.parametrize(
    "factory", [factories.CategoryFactory, factories.RegionFactory, factories.LanguageFactory]
)
def test_the_secretariat_can_translate_a_taxonomy_in_the_admin(editor_client, factory):
    Locale.objects.get_or_create(language_code="fr")
    row = factory()
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[row._meta.app_label, row._meta.model_name, row.pk],
    )
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"locales": [Locale.objects.get(language_code="fr").pk]})
    assert response.status_code == 302
    assert type(row).objects.filter(translation_key=row.translation_key).count() == 2
