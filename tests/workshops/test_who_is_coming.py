"""Who is coming: a registrant chooses to appear on the list of participants; members see
the list (name, office, role); visitors see only how many come from each kind of office."""

from django.test import Client

import pytest
from bs4 import BeautifulSoup

from portal.workshops import services
from portal.workshops.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(site_tree):
    return factories.WorkshopPageFactory(
        parent=site_tree.workshops, title="Workshop on ST.26", slug="st26", capacity=2
    )


def coming_section(client, workshop):
    page = BeautifulSoup(client.get(workshop.url).content, "html.parser")
    heading = page.find(id="coming-heading")
    return heading.find_parent("section") if heading else None


def test_members_see_who_chose_to_be_listed_and_visitors_only_counts(workshop, cast, client):
    services.registration_create(workshop=workshop, user=cast.cio_a, listed=True)
    services.registration_create(workshop=workshop, user=cast.cio_b, listed=False)
    # No place left: the waiting list is not "coming".
    services.registration_create(workshop=workshop, user=cast.member, listed=True)

    client.force_login(cast.member)
    section = coming_section(client, workshop)
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in section.select("tbody tr")
    ]
    assert rows == [["Ana Alves", cast.office_a.display_name, "Chief information officer"]]
    text = section.get_text(" ", strip=True)
    assert "Bo Berg" not in text and "Mo Member" not in text

    visitor = Client()
    section = coming_section(visitor, workshop)
    text = section.get_text(" ", strip=True)
    assert "Ana Alves" not in text and "Bo Berg" not in text
    assert section.find("table") is None
    office_kinds = {cast.office_a.get_kind_display(), cast.office_b.get_kind_display()}
    if len(office_kinds) == 1:
        assert f"{office_kinds.pop()}: 2 participants" in text
    else:
        for kind in office_kinds:
            assert f"{kind}: 1 participant" in text


def test_choosing_to_be_listed_from_the_registration_form(workshop, cast, client):
    client.force_login(cast.cio_a)
    response = client.post(workshop.url + "register/", {"listed": "on"})
    assert response.status_code == 302
    assert Registration.objects.get(user=cast.cio_a).listed is True
    client.force_login(cast.cio_b)
    client.post(workshop.url + "register/", {})
    assert Registration.objects.get(user=cast.cio_b).listed is False


def test_no_section_before_anyone_holds_a_place(workshop, client):
    assert coming_section(client, workshop) is None
