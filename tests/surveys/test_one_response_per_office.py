"""Two people of one office submit at the same moment, on two real PostgreSQL connections:
the office still has exactly one response, and one of them is told it is already in."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection, connections

import pytest

from network import services as network_services
from network.models import Seat
from portal.surveys import services
from portal.surveys.models import SurveyResponse
from tests.conftest import make_member
from tests.surveys.conftest import ANSWERS

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_people_of_one_office_submit_at_once(surveying, cast):
    deputy = make_member(cast.office_a, first_name="Dee", last_name="Puty")
    network_services.seat_assign(
        office=cast.office_a, user=deputy, seat=Seat.DEPUTY, confirmed_by=None
    )
    start = threading.Barrier(2)
    outcomes = []

    def submit(person, priority):
        try:
            start.wait()
            services.response_save(
                survey=surveying.survey,
                office=cast.office_a,
                user=person,
                answers={**ANSWERS, "top_priority": priority},
                submit=True,
            )
            outcomes.append(("saved", priority))
        except ValidationError as error:
            outcomes.append(("refused", error.messages[0]))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=submit, args=(cast.cio_a, "AI tools")),
        threading.Thread(target=submit, args=(deputy, "Cyber security")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(kind for kind, _detail in outcomes) == ["refused", "saved"]
    response = SurveyResponse.objects.get(survey=surveying.survey, office=cast.office_a)
    saved = next(detail for kind, detail in outcomes if kind == "saved")
    assert response.answers["top_priority"] == saved
    refusal = next(detail for kind, detail in outcomes if kind == "refused")
    assert "already been submitted" in refusal
