"""Office pages: where they live, what they show, and how the admin creates them."""

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from network.models import OfficeKind, OfficePage
from tests import factories
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db


class OfficePageTreeTests:
    def test_offices_live_only_in_the_office_index(self, site_tree):
        assert OfficePage.can_create_at(site_tree.network)
        assert not OfficePage.can_create_at(site_tree.home)
        assert not OfficePage.can_create_at(site_tree.catalogue)

    def test_a_national_office_needs_its_country(self, site_tree):
        office = OfficePage(title="Office", code="xx", kind=OfficeKind.NATIONAL)
        with pytest.raises(ValidationError) as error:
            office.clean()
        assert "country" in error.value.message_dict

    def test_a_regional_office_needs_its_member_states(self, site_tree):
        office = OfficePage(title="Office", code="XR", kind=OfficeKind.REGIONAL)
        with pytest.raises(ValidationError) as error:
            office.clean()
        assert "member_states" in error.value.message_dict

    def test_codes_are_kept_in_capitals(self, site_tree):
        office = OfficePage(
            title="Office", code="ep", kind=OfficeKind.REGIONAL, member_states=["DE"]
        )
        office.clean()
        assert office.code == "EP"


class OfficePageViewTests:
    def test_office_page_shows_its_facts_people_and_solutions(self, client, site_tree):
        office = factories.OfficePageFactory(
            parent=site_tree.network,
            title="Japan Patent Office",
            code="JP",
            acronym="JPO",
            country="JP",
        )
        factories.MemberFactory(
            office=office,
            user__first_name="Haruto",
            user__last_name="Sato",
            job_title="Chief Information Officer",
        )
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue, title="Pre-classification", provider_offices=[office]
        )
        visitor_text = BeautifulSoup(client.get(office.url).content, "html.parser").main.text
        assert "Haruto" not in visitor_text
        assert "Sign in to see the people who represent this office." in visitor_text

        client.force_login(factories.MemberFactory().user)
        response = client.get(office.url)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert page.h1.get_text(" ", strip=True) == "Japan Patent Office (JPO)"
        text = page.main.get_text(" ", strip=True)
        assert "Japan" in text
        assert "Haruto Sato — Chief Information Officer" in text
        assert page.main.find("a", string="Pre-classification")["href"] == entry.url

    def test_regional_office_lists_its_member_states(self, client, site_tree):
        office = factories.OfficePageFactory(
            parent=site_tree.network,
            code="BX",
            kind=OfficeKind.REGIONAL,
            country="",
            member_states=["BE", "LU", "NL"],
        )
        text = BeautifulSoup(client.get(office.url).content, "html.parser").main.get_text()
        assert "Belgium, Luxembourg, Netherlands" in text

    def test_office_index_lists_offices_alphabetically(self, client, site_tree):
        for title, country in [("Zambia office", "ZM"), ("Albania office", "AL")]:
            factories.OfficePageFactory(parent=site_tree.network, title=title, country=country)
        page = BeautifulSoup(client.get("/network/").content, "html.parser")
        assert [h.get_text(strip=True) for h in page.select("main h2")] == [
            "Albania office",
            "Zambia office",
        ]


def test_admin_creates_an_office(editor_client, site_tree):
    client = editor_client
    region = factories.RegionFactory(name="Africa", slug="africa")
    page = publish_through_admin(
        client,
        site_tree.network,
        OfficePage,
        {
            "title": "African Intellectual Property Organization",
            "slug": "oa",
            "code": "OA",
            "acronym": "OAPI",
            "kind": "regional",
            "region": region.pk,
            "time_zone": "Africa/Douala",
            "summary": "Grants rights in 17 member states.",
            "systems": inline_formset([{"name": "Regional register", "supplier": "in-house"}]),
        },
        multiple={"member_states": ["CM", "SN"]},
    )
    assert page.code == "OA"
    assert [country.code for country in page.member_states] == ["CM", "SN"]
    assert [system.name for system in page.systems.all()] == ["Regional register"]
