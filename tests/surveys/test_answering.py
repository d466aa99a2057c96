"""An office answers a survey: a draft saved and finished later, submitted once, read-only
after, reopened by the secretariat; what the form refuses, and who may answer."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network import services as network_services
from network.models import Seat
from portal.surveys.models import ResponseStatus, SurveyResponse
from tests.conftest import make_member
from tests.surveys.conftest import ANSWERS, posted

pytestmark = pytest.mark.django_db


def answer_url(surveying, n=0) -> str:
    return surveying.survey.url + f"answer/{surveying.offices[n].code}/"


def test_a_survey_answered_by_six_offices(surveying, cast, sign_in):
    for n in range(6):
        client = sign_in(surveying.heads[n])
        answer = client.post(answer_url(surveying, n), posted(ANSWERS))
        assert answer.status_code == 302, answer.content.decode()[:2000]
    responses = SurveyResponse.objects.filter(survey=surveying.survey)
    assert responses.count() == 6
    assert set(responses.values_list("status", flat=True)) == {ResponseStatus.SUBMITTED}
    assert responses.get(office=cast.office_a).answers == ANSWERS
    page = sign_in(cast.member).get(surveying.survey.url + "results/").content.decode()
    assert "6 offices answered." in page


def test_a_draft_is_saved_and_finished_later(surveying, sign_in):
    client = sign_in(surveying.heads[0])
    draft = {"top_priority": "Cyber security"}
    assert client.post(answer_url(surveying), posted(draft, submit=False)).status_code == 302
    response = SurveyResponse.objects.get()
    assert response.status == ResponseStatus.DRAFT
    assert response.answers == draft
    form = client.get(answer_url(surveying)).content.decode()
    chosen = BeautifulSoup(form, "html.parser").find("input", attrs={"value": "Cyber security"})
    assert chosen.has_attr("checked")
    assert client.post(answer_url(surveying), posted(ANSWERS)).status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_by == surveying.heads[0]


def test_submitting_asks_for_every_required_question(surveying, sign_in):
    client = sign_in(surveying.heads[0])
    answer = client.post(answer_url(surveying), posted({"top_priority": "AI tools"}))
    assert answer.status_code == 400
    assert "This field is required." in answer.content.decode()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"digital_maturity": "9"},
        {"top_priority": "Something else"},
        {"technologies_in_use": ["Quantum"]},
        {"difficulties": "x" * 5001},
    ],
)
def test_bad_answers_are_form_errors(surveying, sign_in, bad):
    answer = sign_in(surveying.heads[0]).post(answer_url(surveying), posted({**ANSWERS, **bad}))
    assert answer.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_a_ranking_gives_each_choice_a_different_rank(surveying, sign_in):
    data = posted(ANSWERS)
    data["cooperation_wanted_0"] = data["cooperation_wanted_1"] = "1"
    answer = sign_in(surveying.heads[0]).post(answer_url(surveying), data)
    assert answer.status_code == 400
    assert "Give each choice a different rank, from 1 to 3." in answer.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_submitted_response_is_read_only_until_the_secretariat_reopens_it(
    surveying, cast, sign_in
):
    surveying.answer(0)
    client = sign_in(cast.cio_a)
    page = client.get(answer_url(surveying)).content.decode()
    assert "survey-form" not in page
    assert "Skilled staff are hard to keep." in page
    changed = client.post(
        answer_url(surveying), posted({**ANSWERS, "top_priority": "Cyber security"})
    )
    assert changed.status_code == 200
    assert SurveyResponse.objects.get().answers["top_priority"] == "AI tools"
    # Only the secretariat reopens.
    reopen = f"{surveying.survey.url}responses/{cast.office_a.code}/reopen/"
    assert client.post(reopen).status_code == 404
    assert sign_in(cast.secretariat).post(reopen).status_code == 302
    assert SurveyResponse.objects.get().status == ResponseStatus.DRAFT
    client = sign_in(cast.cio_a)
    data = posted({**ANSWERS, "top_priority": "Cyber security"})
    assert client.post(answer_url(surveying), data).status_code == 302
    assert SurveyResponse.objects.get().answers["top_priority"] == "Cyber security"


def test_the_deputy_answers_for_the_office_too(surveying, cast, sign_in):
    deputy = make_member(cast.office_a, first_name="Dee", last_name="Puty")
    network_services.seat_assign(
        office=cast.office_a, user=deputy, seat=Seat.DEPUTY, confirmed_by=None
    )
    assert sign_in(deputy).post(answer_url(surveying), posted(ANSWERS)).status_code == 302
    assert SurveyResponse.objects.get().submitted_by == deputy


@pytest.mark.parametrize("who", ["member", "cio_b", "secretariat"])
def test_only_the_offices_representatives_answer_for_it(surveying, cast, sign_in, who):
    client = sign_in(getattr(cast, who))
    assert client.get(answer_url(surveying)).status_code == 404
    assert client.post(answer_url(surveying), posted(ANSWERS)).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_an_unknown_office_is_not_found(surveying, cast, sign_in):
    client = sign_in(cast.cio_a)
    assert client.get(surveying.survey.url + "answer/QQ/").status_code == 404
    assert client.get(surveying.survey.url + "answer/A1/").status_code == 404


def test_offices_not_asked_cannot_answer(surveying, cast, sign_in):
    survey = surveying.survey
    survey.audience = "some"
    survey.offices.set([cast.office_b])
    survey.save()
    assert sign_in(cast.cio_a).post(answer_url(surveying), posted(ANSWERS)).status_code == 404
    assert sign_in(cast.cio_b).post(answer_url(surveying, 1), posted(ANSWERS)).status_code == 302


def test_a_closed_survey_takes_no_answers(surveying, sign_in):
    survey = surveying.survey
    survey.opens_at = timezone.now() - datetime.timedelta(days=10)
    survey.closes_at = timezone.now() - datetime.timedelta(days=1)
    survey.save()
    client = sign_in(surveying.heads[0])
    assert client.post(answer_url(surveying), posted(ANSWERS)).status_code == 200
    assert not SurveyResponse.objects.exists()


def test_the_survey_page_links_the_heads_office_response(surveying, cast, sign_in):
    page = sign_in(cast.cio_a).get(surveying.survey.url).content.decode()
    assert f"answer/{cast.office_a.code}/" in page
    assert "Not answered yet" in page
    assert "answer/" not in sign_in(cast.member).get(surveying.survey.url).content.decode()


def test_the_database_refuses_a_second_response_for_an_office(surveying, cast):
    SurveyResponse.objects.create(survey=surveying.survey, office=cast.office_a)
    with pytest.raises(IntegrityError, match="one_response_per_office"), transaction.atomic():
        SurveyResponse.objects.create(survey=surveying.survey, office=cast.office_a)
