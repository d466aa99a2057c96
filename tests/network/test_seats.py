"""The network seat belongs to the office: nominations, confirmation and the seat's history."""

import re

from django.core import mail
from django.test import Client

import pytest
from bs4 import BeautifulSoup

from network.models import Nomination, NominationStatus, Seat, SeatTerm, User
from tests import factories

pytestmark = pytest.mark.django_db


def nominate(client, office, **fields):
    data = {
        "seat": Seat.PRINCIPAL,
        "first_name": "Nia",
        "last_name": "Next",
        "email": "nia.next@example.org",
        "role": "cio",
        "note": "Takes over in June.",
        **fields,
    }
    return client.post(office.url + "nominate/", data)


def decide(client, nomination, decision, reason=""):
    return client.post(
        "/network/nominations/",
        {"nomination": nomination.pk, "decision": decision, "reason": reason},
    )


def test_a_successor_is_nominated_confirmed_invited_and_takes_the_seat(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.cio_a)
    assert nominate(client, cast.office_a).status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.status == NominationStatus.PENDING

    client.force_login(cast.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, nomination, "confirm").status_code == 302
    invitation_mail = next(m for m in mail.outbox if m.to == ["nia.next@example.org"])
    assert any(m.to == [cast.cio_a.email] and "confirmed" in m.subject for m in mail.outbox)

    link = re.search(r"http://testserver(\S+invitation/\S+/)", invitation_mail.body).group(1)
    newcomer = Client()
    newcomer.post(
        link,
        {
            "first_name": "Nia",
            "last_name": "Next",
            "password1": "a long passphrase 1",
            "password2": "a long passphrase 1",
        },
    )
    nia = User.objects.get(email="nia.next@example.org")
    current = SeatTerm.objects.current().get(office=cast.office_a, seat=Seat.PRINCIPAL)
    assert current.user == nia
    former = SeatTerm.objects.get(user=cast.cio_a)
    assert former.ended_on is not None
    # The new head edits the office's assessment; the former head no longer does.
    assert newcomer.get(cast.office_a.url + "assessment/").status_code == 200
    client.force_login(cast.cio_a)
    assert client.get(cast.office_a.url + "assessment/").status_code == 403


def test_members_see_who_has_held_the_seat(cast, client):
    successor = factories.MemberFactory(office=cast.office_a).user
    from network import services

    services.seat_assign(
        office=cast.office_a, user=successor, seat=Seat.PRINCIPAL, confirmed_by=cast.secretariat
    )
    client.force_login(cast.member)
    page = BeautifulSoup(client.get(cast.office_a.url).content, "html.parser")
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in page.find("h3", string="Who has held the office's seats")
        .find_next("table")
        .tbody.find_all("tr")
    ]
    assert [row[1] for row in rows] == [str(successor), str(cast.cio_a)]
    assert rows[0][3] == "today" and rows[1][3] != "today"
    assert "Who has held" not in Client().get(cast.office_a.url).content.decode()


def test_an_existing_member_becomes_deputy_on_confirmation(cast, client):
    colleague = cast.member
    client.force_login(cast.cio_a)
    nominate(client, cast.office_a, seat=Seat.DEPUTY, email=colleague.email, role="expert")
    client.force_login(cast.secretariat)
    decide(client, Nomination.objects.get(), "confirm")
    assert SeatTerm.objects.current().get(user=colleague).seat == Seat.DEPUTY
    assert SeatTerm.objects.current().get(seat=Seat.PRINCIPAL, office=cast.office_a).user == (
        cast.cio_a
    )


def test_declining_needs_a_reason_which_the_office_is_told(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.cio_a)
    nominate(client, cast.office_a)
    nomination = Nomination.objects.get()
    client.force_login(cast.secretariat)
    refused = decide(client, nomination, "decline")
    assert refused.status_code == 400
    summary = BeautifulSoup(refused.content, "html.parser").find(class_="error-summary")
    link = summary.find("a")
    assert link["href"] == f"#reason-{nomination.pk}"
    assert link.get_text().startswith("Nia Next: ")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, nomination, "decline", reason="Please nominate the new CIO instead.")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    assert "Please nominate the new CIO instead." in mail.outbox[-1].body
    assert not User.objects.filter(email="nia.next@example.org").exists()


def test_only_the_head_or_the_secretariat_nominates(cast, client):
    for person in (cast.member, cast.cio_b):
        client.force_login(person)
        assert nominate(client, cast.office_a).status_code == 403
    assert not Nomination.objects.exists()


def test_only_the_secretariat_confirms(cast, client):
    client.force_login(cast.cio_a)
    nominate(client, cast.office_a)
    nomination = Nomination.objects.get()
    assert decide(client, nomination, "confirm").status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_a_person_from_another_office_cannot_be_nominated(cast, client):
    client.force_login(cast.cio_a)
    response = nominate(client, cast.office_a, email=cast.cio_b.email)
    assert response.status_code == 400
    assert "represents another office" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_decided_nomination_cannot_be_decided_again(cast, client):
    client.force_login(cast.cio_a)
    nominate(client, cast.office_a, email=cast.member.email, seat=Seat.DEPUTY)
    nomination = Nomination.objects.get()
    client.force_login(cast.secretariat)
    decide(client, nomination, "confirm")
    response = decide(client, nomination, "decline", reason="Changed our mind.")
    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED
