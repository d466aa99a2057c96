"""Catalogue entry pages: where they live, what they show, and how the admin creates them."""

from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from catalogue.models import CatalogueEntryPage, Licence
from tests import factories
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db


def test_entries_live_only_in_the_catalogue(site_tree):
    assert CatalogueEntryPage.can_create_at(site_tree.catalogue)
    assert not CatalogueEntryPage.can_create_at(site_tree.network)


def test_entry_page_shows_provider_licence_and_standards(client, site_tree):
    office = factories.OfficePageFactory(parent=site_tree.network, title="European Patent Office")
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Open patent data API",
        licence=Licence.OPEN_SOURCE,
        spdx_identifier="Apache-2.0",
        provider_offices=[office],
    )
    entry.standards.add(factories.WipoStandardFactory(code="ST.36", title="Patents in XML"))
    entry.save()
    page = BeautifulSoup(client.get(entry.url).content, "html.parser")
    text = page.main.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Open patent data API"
    assert "Open source (Apache-2.0)" in text
    assert page.main.find("abbr", string="ST.36")["title"] == "Patents in XML"
    assert page.main.find("a", string=office.display_name)["href"] == office.url


def test_catalogue_index_lists_published_entries_only(client, site_tree):
    factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="Published one")
    draft = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="Draft one")
    draft.unpublish()
    text = client.get("/catalogue/").content.decode()
    assert "Published one" in text
    assert "Draft one" not in text
    assert "1 entry" in text


def test_admin_creates_a_catalogue_entry(editor_client, site_tree):
    client = editor_client
    office = factories.OfficePageFactory(parent=site_tree.network)
    category = factories.CategoryFactory(name="Machine translation")
    page = publish_through_admin(
        client,
        site_tree.catalogue,
        CatalogueEntryPage,
        {
            "title": "Patent translation",
            "slug": "patent-translation",
            "kind": "service",
            "category": category.pk,
            "summary": "Translates patent texts.",
            "description": streamfield([("paragraph", rich_text("<p>Neural.</p>"))]),
            "lifecycle": "pilot",
            "licence": "free",
            "tags": "AI, translation",
            "ai_task": "translation",
            "ai_runs_where": "cloud",
            "ai_data_location": "The provider's cloud in the EU",
            "releases": inline_formset([{"version": "2.1", "released_on": "2025-03-01"}]),
            "links": inline_formset([]),
            "screenshots": inline_formset([]),
        },
        multiple={"provider_offices": [office.pk]},
    )
    assert list(page.provider_offices.all()) == [office]
    assert sorted(tag.name for tag in page.tags.all()) == ["AI", "translation"]
    assert [release.version for release in page.releases.all()] == ["2.1"]
    assert page.freshness.state == "current"


def test_search_text_carries_the_structured_fields(site_tree):
    from search.sources import page_entry

    category = factories.CategoryFactory(
        name="Classification", slug="classification", ai_related=True
    )
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Goods and services classifier",
        category=category,
        business_processes=["classification", "formalities"],
        ip_rights=["trademarks"],
        ai_task="nice",
        ai_language_pairs="fr-en",
        ai_runs_where="cloud",
        ai_data_location="With the provider",
        works_with="IPAS 4",
    )
    entry.save_revision().publish()
    # Found by them, though the excerpt is cut from the entry's own prose (body).
    data = page_entry(entry)
    body = f"{data.body} {data.terms}"
    for text in (
        "Classification",
        "Formalities",
        "Trademarks",
        "Nice classification",
        "fr-en",
        "IPAS 4",
    ):
        assert text in body


def test_entry_page_shows_the_ai_profile_only_in_ai_categories(client, site_tree):
    ai = factories.CategoryFactory(name="Machine translation", slug="mt", ai_related=True)
    other = factories.CategoryFactory(name="Analytics", slug="analytics")
    with_profile = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        category=ai,
        ai_task="translation",
        ai_accuracy="BLEU 40",
        ai_runs_where="cloud",
        ai_data_location="With the provider",
    )
    without = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, category=other, ai_task="translation", ai_accuracy="BLEU 40"
    )
    for entry in (with_profile, without):
        entry.save_revision().publish()
    assert "AI profile" in client.get(with_profile.url).content.decode()
    assert "AI profile" not in client.get(without.url).content.decode()
