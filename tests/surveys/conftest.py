"""A survey index, the first survey open now for every office, and six offices in two
regions (office A and B of the cast and four more), each with its head of ICT."""

from dataclasses import dataclass, field

import pytest

from network import services as network_services
from network.models import MemberRole, OfficeKind, OfficePage, Seat, User
from portal.surveys import services
from portal.surveys.models import SurveyIndexPage, SurveyPage
from tests import factories
from tests.conftest import make_member

# A complete, valid response: what the form posts and what the service stores.
ANSWERS = {
    "top_priority": "AI tools",
    "technologies_in_use": ["AI", "Cloud"],
    "digital_maturity": 3,
    "cooperation_wanted": ["Shared tools", "Training", "Pilots"],
    "difficulties": "Skilled staff are hard to keep.",
}


def posted(answers: dict, *, submit: bool = True) -> dict:
    """``answers`` as the answer form posts them."""
    data = {"submit" if submit else "save": "1"}
    for name, value in answers.items():
        if name == "cooperation_wanted":
            choices = ["Training", "Shared tools", "Pilots"]
            for n, choice in enumerate(choices):
                data[f"{name}_{n}"] = str(value.index(choice) + 1) if choice in value else ""
        else:
            data[name] = value
    return data


@dataclass
class Surveying:
    index: SurveyIndexPage
    survey: SurveyPage
    offices: list[OfficePage]
    heads: list[User]
    regions: list = field(default_factory=list)

    def answer(self, n: int, **answers) -> None:
        """Office ``n`` submits ``ANSWERS`` changed by ``answers``."""
        services.response_save(
            survey=self.survey,
            office=self.offices[n],
            user=self.heads[n],
            answers={**ANSWERS, **answers},
            submit=True,
        )


@pytest.fixture
def surveying(cast, site_tree) -> Surveying:
    index = factories.SurveyIndexPageFactory(parent=site_tree.home)
    survey = factories.SurveyPageFactory(parent=index, title="ICT survey 2025", slug="ict-2025")
    north, south = factories.RegionFactory(name="North"), factories.RegionFactory(name="South")
    offices, heads = [cast.office_a, cast.office_b], [cast.cio_a, cast.cio_b]
    for office in offices:
        office.region = north
        office.save()
    for n, code in enumerate(["CC", "DD", "EE", "FF"]):
        office = factories.OfficePageFactory(
            parent=site_tree.network,
            title=f"Office {code}",
            code=code,
            region=south,
            kind=OfficeKind.REGIONAL if n == 0 else OfficeKind.NATIONAL,
            member_states=["CH", "FR"] if n == 0 else [],
        )
        head = make_member(office, MemberRole.CIO, first_name=f"Head{code}", last_name="Cio")
        network_services.seat_assign(
            office=office, user=head, seat=Seat.PRINCIPAL, confirmed_by=None
        )
        offices.append(office)
        heads.append(head)
    return Surveying(index, survey, offices, heads, [north, south])


@pytest.fixture
def sign_in(client):
    def as_person(person):
        client.logout()
        if person is not None:
            person.refresh_from_db()
            client.force_login(person)
        return client

    return as_person
