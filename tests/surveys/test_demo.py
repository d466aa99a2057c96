"""The demo's first survey: eleven offices answered, so members read its results, and
Ghana's head of ICT can still answer."""

import pytest
from bs4 import BeautifulSoup

from network.models import User
from portal.surveys.models import ResponseStatus, SurveyPage

pytestmark = pytest.mark.django_db


def test_the_demo_survey_shows_its_results_to_members(demo_site, client):
    survey = SurveyPage.objects.get(slug="ict-priorities-2025")
    assert survey.responses.filter(status=ResponseStatus.SUBMITTED).count() == 11
    client.force_login(User.objects.get(email="m.costa@example.org"))
    page = client.get(survey.url + "results/")
    soup = BeautifulSoup(page.content, "html.parser")
    assert "11 offices answered." in soup.get_text()
    assert len(soup.select(".bar-chart svg")) == 5
    assert "A codefest on AI-assisted prior-art search." in soup.get_text()


def test_ghanas_head_of_ict_can_still_answer(demo_site, client):
    survey = SurveyPage.objects.get(slug="ict-priorities-2025")
    client.force_login(User.objects.get(email="k.mensah@example.org"))
    assert "answer/GH/" in client.get(survey.url).content.decode()
    form = client.get(survey.url + "answer/GH/")
    assert form.status_code == 200
    assert 'id="survey-form"' in form.content.decode()
