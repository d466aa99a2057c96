"""A consultation index under the site tree, a third office with its head of ICT, and a
consultation open now, addressed to every member."""

from dataclasses import dataclass

import pytest

from network import services
from network.models import MemberRole, OfficePage, Seat, User
from portal.consultations.models import ConsultationIndexPage, ConsultationPage
from tests import factories
from tests.conftest import make_member


@dataclass
class Consulting:
    index: ConsultationIndexPage
    consultation: ConsultationPage
    office_c: OfficePage
    cio_c: User


@pytest.fixture
def consulting(cast, site_tree) -> Consulting:
    index = factories.ConsultationIndexPageFactory(parent=site_tree.home)
    office_c = factories.OfficePageFactory(parent=site_tree.network, title="Office C", code="CC")
    cio_c = make_member(office_c, MemberRole.CIO, first_name="Chen", last_name="Cao")
    services.seat_assign(office=office_c, user=cio_c, seat=Seat.PRINCIPAL, confirmed_by=None)
    consultation = factories.ConsultationPageFactory(
        parent=index, title="Next steps after the High-Level Dialogue", slug="next-steps"
    )
    return Consulting(index=index, consultation=consultation, office_c=office_c, cio_c=cio_c)


@pytest.fixture
def sign_in(client):
    def as_person(person):
        client.logout()
        if person is not None:
            person.refresh_from_db()
            client.force_login(person)
        return client

    return as_person
