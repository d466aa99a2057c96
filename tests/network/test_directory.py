"""The directory: filters, pagination, profiles, and a query count that does not grow."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from bs4 import BeautifulSoup

from network import services
from network.models import OfficeKind, Seat
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def populate(site_tree, offices: int, people_per_office: int):
    region = factories.RegionFactory(slug="europe", name="Europe")
    language = factories.LanguageFactory(code="fr", name="French")
    created = []
    for _ in range(offices):
        office = factories.OfficePageFactory(parent=site_tree.network, region=region)
        office.official_languages.add(language)
        office.save()
        for index in range(people_per_office):
            member = factories.MemberFactory(office=office)
            member.languages.add(language)
            member.expertise.add("cloud", f"topic {index}")
            if index == 0:
                services.seat_assign(
                    office=office, user=member.user, seat=Seat.PRINCIPAL, confirmed_by=None
                )
        factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, provider_offices=[office])
        created.append(office)
    return created


@pytest.mark.parametrize("url", ["/network/", "/network/people/", "/network/?region=europe"])
def test_directory_query_count_does_not_grow_with_offices_and_people(site_tree, client, url):
    populate(site_tree, offices=2, people_per_office=2)
    client.force_login(factories.MemberFactory().user)
    few = count_queries(client, url)
    populate(site_tree, offices=10, people_per_office=3)
    many = count_queries(client, url)
    assert many == few


def test_office_page_query_count_does_not_grow_with_its_members(site_tree, client):
    office = populate(site_tree, offices=1, people_per_office=2)[0]
    client.force_login(factories.MemberFactory().user)
    few = count_queries(client, office.url)
    for _ in range(8):
        factories.MemberFactory(office=office)
        factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, provider_offices=[office])
    many = count_queries(client, office.url)
    assert many == few


class FilterTests:
    def test_offices_filter_by_region_kind_language_and_text(self, site_tree, client):
        africa = factories.RegionFactory(slug="africa", name="Africa")
        europe = factories.RegionFactory(slug="europe", name="Europe")
        french = factories.LanguageFactory(code="fr", name="French")
        oapi = factories.OfficePageFactory(
            parent=site_tree.network,
            title="African Intellectual Property Organization",
            acronym="OAPI",
            region=africa,
            kind=OfficeKind.REGIONAL,
            member_states=["CM"],
            country="",
        )
        oapi.official_languages.add(french)
        oapi.save()
        factories.OfficePageFactory(parent=site_tree.network, title="Ghana office", region=africa)
        factories.OfficePageFactory(parent=site_tree.network, title="Swiss office", region=europe)

        def titles(query):
            page = BeautifulSoup(client.get("/network/?" + query).content, "html.parser")
            # Offices are named with their country, or their ST.3 code: "Ghana office (Ghana)".
            return [h.get_text(strip=True).split(" (")[0] for h in page.select("main h2")]

        assert titles("region=africa") == [
            "African Intellectual Property Organization",
            "Ghana office",
        ]
        assert titles("region=africa&kind=regional") == [
            "African Intellectual Property Organization"
        ]
        assert titles("language=fr") == ["African Intellectual Property Organization"]
        assert titles("q=oapi") == ["African Intellectual Property Organization"]
        assert titles("region=nowhere") == [
            "African Intellectual Property Organization",
            "Ghana office",
            "Swiss office",
        ]

    def test_people_filter_by_expertise_and_language(self, site_tree, client):
        office = factories.OfficePageFactory(parent=site_tree.network)
        ai = factories.MemberFactory(office=office, user__first_name="Ada", user__last_name="AI")
        ai.expertise.add("AI")
        ai.languages.add(factories.LanguageFactory(code="ja", name="Japanese"))
        factories.MemberFactory(office=office, user__first_name="Bob", user__last_name="Cloud")
        client.force_login(factories.MemberFactory().user)

        def names(query):
            page = BeautifulSoup(client.get("/network/people/?" + query).content, "html.parser")
            # Offices are named with their country, or their ST.3 code: "Ghana office (Ghana)".
            return [h.get_text(strip=True).split(" (")[0] for h in page.select("main h2")]

        assert names("expertise=ai") == ["Ada AI"]
        assert names("language=ja") == ["Ada AI"]
        assert "Bob Cloud" in names("q=cloud")

    def test_pagination_keeps_the_filters(self, site_tree, client):
        region = factories.RegionFactory(slug="europe", name="Europe")
        for _ in range(30):
            factories.OfficePageFactory(parent=site_tree.network, region=region)
        page = BeautifulSoup(client.get("/network/?region=europe").content, "html.parser")
        next_link = page.find("a", rel="next")
        assert next_link["href"] == "?region=europe&page=2"
        second = BeautifulSoup(client.get("/network/" + next_link["href"]).content, "html.parser")
        assert len(second.select("main h2")) == 6


class MyProfileTests:
    def test_a_member_edits_their_own_profile(self, site_tree, client):
        member = factories.MemberFactory(list_contact_details=True)
        client.force_login(member.user)
        response = client.post(
            "/accounts/profile/",
            {
                "first_name": "Ana",
                "last_name": "Alves",
                "job_title": "CTO",
                "bio": "Cloud first.",
                "expertise": "cloud, AI",
                "phone": "+351 1",
                "list_contact_details": "",
            },
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert (member.user.first_name, member.job_title, member.bio) == (
            "Ana",
            "CTO",
            "Cloud first.",
        )
        assert sorted(tag.name for tag in member.expertise.all()) == ["AI", "cloud"]
        assert member.list_contact_details is False

    def test_a_photo_that_is_not_an_image_is_refused_and_nothing_changes(self, site_tree, client):
        member = factories.MemberFactory(job_title="CIO")
        client.force_login(member.user)
        response = client.post(
            "/accounts/profile/",
            {
                "first_name": "X",
                "last_name": "Y",
                "job_title": "Changed",
                "new_photo": SimpleUploadedFile("photo.png", b"<script>", "image/png"),
            },
        )
        assert response.status_code == 400
        member.refresh_from_db()
        assert member.job_title == "CIO"
        assert member.photo is None

    def test_a_profile_needs_a_signed_in_member(self, client, db):
        assert client.get("/accounts/profile/").status_code == 302
