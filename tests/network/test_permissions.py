"""Who may do what, cell by cell, through the entry points people actually use."""

import pytest
from bs4 import BeautifulSoup

from network import services
from network.models import Assessment, OfficePage
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "cio_a", "cio_b", "secretariat"]

# What each role may do with office A. Visitors are sent to sign in where they may not.
TABLE = {
    "view_office_page": {
        "visitor": True,
        "member": True,
        "cio_a": True,
        "cio_b": True,
        "secretariat": True,
    },
    "see_contact_details": {
        "visitor": False,
        "member": True,
        "cio_a": True,
        "cio_b": True,
        "secretariat": True,
    },
    "edit_office_page": {
        "visitor": False,
        "member": False,
        "cio_a": True,
        "cio_b": False,
        "secretariat": True,
    },
    "edit_assessment": {
        "visitor": False,
        "member": False,
        "cio_a": True,
        "cio_b": False,
        "secretariat": True,
    },
    "export_assessments": {
        "visitor": False,
        "member": False,
        "cio_a": False,
        "cio_b": False,
        "secretariat": True,
    },
}


def view_office_page(client, cast) -> bool:
    response = client.get(cast.office_a.url)
    return response.status_code == 200 and "Office A" in response.content.decode()


def see_contact_details(client, cast) -> bool:
    member = cast.cio_a.member
    member.phone = "+81 3 0000 0000"
    member.save()
    profile = client.get(f"/network/people/{member.pk}/")
    office = client.get(cast.office_a.url)
    shown = [cast.cio_a.email in r.content.decode() for r in (profile, office)]
    shown.append("+81 3 0000 0000" in profile.content.decode())
    return shown[0] and shown[2]


def edit_office_page(client, cast) -> bool:
    edit_url = f"/admin/pages/{cast.office_a.pk}/edit/"
    page = client.get(edit_url)
    can_open = page.status_code == 200 and b'id="page-edit-form"' in page.content
    response = client.post(
        edit_url,
        {
            "title": "Renamed office A",
            "slug": "aa",
            "code": "AA",
            "kind": "national",
            "country": "CH",
            "region": cast.office_a.region_id,
            "time_zone": "UTC",
            "systems-TOTAL_FORMS": "0",
            "systems-INITIAL_FORMS": "0",
            "systems-MIN_NUM_FORMS": "0",
            "systems-MAX_NUM_FORMS": "1000",
        },
    )
    office = OfficePage.objects.get(pk=cast.office_a.pk)
    changed = office.get_latest_revision_as_object().title == "Renamed office A"
    assert can_open == changed, (can_open, changed, response.status_code)
    return can_open


def edit_assessment(client, cast) -> bool:
    url = cast.office_a.url + "assessment/"
    opened = client.get(url)
    client.post(url, {"strategy-score": "3", "save": "1"})
    saved = Assessment.objects.filter(
        office=cast.office_a, answers__dimension="strategy", answers__score=3
    ).exists()
    assert (opened.status_code == 200) == saved, (opened.status_code, saved)
    return saved


def export_assessments(client, cast) -> bool:
    response = client.get("/network/assessments/export/")
    if response.status_code != 200:
        return False
    return b"office_code" in b"".join(response.streaming_content)


ACTIONS = {
    "view_office_page": view_office_page,
    "see_contact_details": see_contact_details,
    "edit_office_page": edit_office_page,
    "edit_assessment": edit_assessment,
    "export_assessments": export_assessments,
}


@pytest.mark.parametrize("action", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_permission_table(as_role, cast, role, action):
    client = as_role(role)
    assert ACTIONS[action](client, cast) is TABLE[action][role]


@pytest.mark.parametrize("action", ["edit_assessment", "export_assessments"])
def test_visitors_are_sent_to_sign_in_rather_than_refused(as_role, cast, action):
    client = as_role("visitor")
    url = {
        "edit_assessment": cast.office_a.url + "assessment/",
        "export_assessments": "/network/assessments/export/",
    }[action]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_offices_head_is_refused_with_a_clear_message(as_role, cast):
    response = as_role("cio_b").get(cast.office_a.url + "assessment/")
    assert response.status_code == 403


def test_unlisted_contact_details_stay_hidden_from_other_members(as_role, cast):
    member = cast.cio_a.member
    member.list_contact_details = False
    member.save()
    for role, sees in [("member", False), ("cio_b", False), ("cio_a", True), ("secretariat", True)]:
        page = as_role(role).get(f"/network/people/{member.pk}/").content.decode()
        assert (cast.cio_a.email in page) is sees, role


def test_a_former_head_loses_the_right_to_edit(as_role, cast):
    successor = factories.MemberFactory(office=cast.office_a).user
    services.seat_assign(
        office=cast.office_a, user=successor, seat="principal", confirmed_by=cast.secretariat
    )
    client = as_role("cio_a")
    assert client.get(cast.office_a.url + "assessment/").status_code == 403
    assert client.get(f"/admin/pages/{cast.office_a.pk}/edit/").status_code != 200


def test_people_directory_is_for_members(as_role, cast):
    assert as_role("visitor").get("/network/people/").status_code == 302
    page = BeautifulSoup(as_role("member").get("/network/people/").content, "html.parser")
    names = [h.get_text(strip=True) for h in page.select("main h2")]
    assert "Ana Alves" in names and "Bo Berg" in names
