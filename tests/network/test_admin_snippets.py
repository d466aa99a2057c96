"""The secretariat's admin for members and seat terms writes through the network's
services: ending a term there takes the person's editing rights away, a profile edited
there is saved as the person's own page saves it, and nothing is deleted there."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network.models import Member, SeatTerm
from network.permissions import office_group_name
from portal.models import Language

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client, cast):
    """The secretariat in the admin, with two-factor authentication set up (see cast)."""
    client.force_login(cast.secretariat)
    return client


def office_group_holders(office) -> set[int]:
    group = Group.objects.get(name=office_group_name(office))
    return set(group.user_set.values_list("pk", flat=True))


def seat_history(client, office) -> list[list[str]]:
    page = BeautifulSoup(client.get(office.url).content, "html.parser")
    table = page.find("h3", string="Who has held the office's seats").find_next("table")
    return [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    ]


def test_ending_a_term_in_the_admin_takes_the_office_group_away(cast, secretariat_client):
    term = SeatTerm.objects.get(office=cast.office_a, user=cast.cio_a)
    assert cast.cio_a.pk in office_group_holders(cast.office_a)
    edit = reverse("wagtailadmin_pages:edit", args=[cast.office_a.pk])
    secretariat_client.force_login(cast.cio_a)
    assert secretariat_client.get(edit).status_code == 200
    secretariat_client.force_login(cast.secretariat)
    today = timezone.localdate()

    response = secretariat_client.post(
        reverse("wagtailsnippets_network_seatterm:edit", args=[term.pk]),
        {"ended_on": today.isoformat()},
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.ended_on == today
    assert cast.cio_a.pk not in office_group_holders(cast.office_a)
    # The page editor no longer lets them edit their office's page.
    cast.cio_a.refresh_from_db()
    secretariat_client.force_login(cast.cio_a)
    assert secretariat_client.get(edit).status_code in (302, 403)
    # Members still read the term in the seat's history, with its end.
    secretariat_client.force_login(cast.member)
    (row,) = seat_history(secretariat_client, cast.office_a)
    assert row[1] == str(cast.cio_a) and row[3] != "today"


@pytest.mark.parametrize(
    ("days", "refusal"),
    [(1, "A term ends today at the latest."), (-400, "A term cannot end before it started.")],
)
def test_a_term_cannot_end_in_the_future_nor_before_it_started(
    cast, secretariat_client, days, refusal
):
    term = SeatTerm.objects.get(office=cast.office_a, user=cast.cio_a)
    response = secretariat_client.post(
        reverse("wagtailsnippets_network_seatterm:edit", args=[term.pk]),
        {"ended_on": (timezone.localdate() + datetime.timedelta(days=days)).isoformat()},
    )
    assert response.status_code == 200
    assert refusal in response.content.decode()
    term.refresh_from_db()
    assert term.ended_on is None
    assert cast.cio_a.pk in office_group_holders(cast.office_a)


def test_terms_and_members_are_neither_added_nor_deleted_in_the_admin(cast, secretariat_client):
    term = SeatTerm.objects.get(office=cast.office_a, user=cast.cio_a)
    member = cast.member.member
    refused = [
        reverse("wagtailsnippets_network_seatterm:add"),
        reverse("wagtailsnippets_network_seatterm:delete", args=[term.pk]),
        reverse("wagtailsnippets_network_member:add"),
        reverse("wagtailsnippets_network_member:delete", args=[member.pk]),
    ]
    for url in refused:
        assert secretariat_client.post(url).status_code in (302, 403), url
    for model, pk in [("seatterm", term.pk), ("member", member.pk)]:
        bulk = reverse("wagtail_bulk_action", args=["network", model, "delete"])
        secretariat_client.post(f"{bulk}?id={pk}")
    assert SeatTerm.objects.filter(pk=term.pk, ended_on__isnull=True).exists()
    assert Member.objects.filter(pk=member.pk).exists()
    # What is offered: the lists, and the forms that go through the services.
    for url in [
        reverse("wagtailsnippets_network_seatterm:list"),
        reverse("wagtailsnippets_network_seatterm:edit", args=[term.pk]),
        reverse("wagtailsnippets_network_member:list"),
        reverse("wagtailsnippets_network_member:edit", args=[member.pk]),
    ]:
        assert secretariat_client.get(url).status_code == 200, url


def test_the_secretariat_corrects_a_profile_as_the_person_would(cast, secretariat_client):
    member = cast.member.member
    french = Language.objects.get_or_create(code="fr", defaults={"name": "French"})[0]

    response = secretariat_client.post(
        reverse("wagtailsnippets_network_member:edit", args=[member.pk]),
        {
            "first_name": "Maud",
            "last_name": "Member",
            "job_title": "Head of IT architecture",
            "bio": "Twenty years of patent systems.",
            "expertise": "AI, cloud",
            "languages": [french.pk],
            "phone": "+41 22 000 00 00",
            "list_contact_details": "on",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.user.first_name == "Maud"
    assert member.job_title == "Head of IT architecture"
    assert sorted(tag.name for tag in member.expertise.all()) == ["AI", "cloud"]
    assert list(member.languages.all()) == [french]
    assert member.list_contact_details
