"""Offices that share a name are told apart wherever they are named."""

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from network.models import OfficeKind
from tests import factories

pytestmark = pytest.mark.django_db


def test_namesakes_are_named_with_their_country(site_tree):
    name = "National Institute of Industrial Property"
    brazil = factories.OfficePageFactory(parent=site_tree.network, title=name, country="BR")
    chile = factories.OfficePageFactory(parent=site_tree.network, title=name, country="CL")
    assert brazil.display_name == f"{name} (Brazil)"
    assert chile.display_name == f"{name} (Chile)"
    with translation.override("fr"):
        assert chile.display_name == f"{name} (Chili)"


def test_a_name_that_says_its_country_is_left_alone(site_tree):
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Japan Patent Office", country="JP"
    )
    assert office.display_name == "Japan Patent Office"


def test_an_organisation_is_named_with_its_st3_code(site_tree):
    office = factories.OfficePageFactory(
        parent=site_tree.network,
        title="European Patent Office",
        code="EP",
        kind=OfficeKind.REGIONAL,
        country="",
        member_states=["DE", "FR"],
    )
    assert office.display_name == "European Patent Office (EP)"


def test_catalogue_cards_and_facets_name_the_providers_country(client, site_tree):
    name = "National Institute of Industrial Property"
    brazil = factories.OfficePageFactory(
        parent=site_tree.network, title=name, code="BR", country="BR"
    )
    chile = factories.OfficePageFactory(
        parent=site_tree.network, title=name, code="CL", country="CL"
    )
    factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, provider_offices=[brazil])
    factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, provider_offices=[chile])
    page = BeautifulSoup(client.get("/catalogue/").content, "html.parser")
    facet = page.find(attrs={"data-facet": "office"}).get_text(" ", strip=True)
    assert f"{name} (Brazil)" in facet and f"{name} (Chile)" in facet
    cards = page.find(class_="catalogue__list").get_text(" ", strip=True)
    assert f"{name} (Brazil)" in cards and f"{name} (Chile)" in cards
