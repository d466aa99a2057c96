"""A survey translated with wagtail-localize: a French head of ICT answers the questions
in French, and the answer is kept in the original's words, so that the results count
every office's answers together, whatever language each answered in."""

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from portal.surveys.models import SurveyResponse
from tests.localize import own_url, translate_page
from tests.surveys.conftest import ANSWERS

pytestmark = pytest.mark.django_db

# What a translator writes for each English text of the survey (wagtail-localize writes
# the lines of a text field with <br/> between them).
FRENCH = {
    "ICT survey 2025": "Enquête TIC 2025",
    "ict-2025": "tic-2025",
    "The offices' priorities, technologies, difficulties and cooperation.": (
        "Les priorités, technologies, difficultés et coopérations des offices."
    ),
    "Priorities": "Priorités",
    "Top priority": "Première priorité",
    "Digital services<br/>Cyber security<br/>AI tools": (
        "Services numériques<br/>Cybersécurité<br/>Outils d'IA"
    ),
    "Technologies in use": "Technologies utilisées",
    "AI<br/>Blockchain<br/>Cloud": "IA<br/>Chaîne de blocs<br/>Nuage",
    "Digital maturity": "Maturité numérique",
    "Cooperation": "Coopération",
    "Cooperation wanted": "Coopération souhaitée",
    "Training<br/>Shared tools<br/>Pilots": "Formation<br/>Outils partagés<br/>Pilotes",
    "Difficulties": "Difficultés",
}


@pytest.fixture
def french_survey(surveying, django_capture_on_commit_callbacks):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    surveying.survey.save_revision().publish()
    return translate_page(surveying.survey, french, FRENCH, django_capture_on_commit_callbacks)


def soup(response) -> BeautifulSoup:
    assert response.status_code in (200, 400), response.status_code
    return BeautifulSoup(response.content, "html.parser")


def answer_url(page, office) -> str:
    return f"{own_url(page)}answer/{office.code.lower()}/"


def test_translated_questions_keep_the_originals_keys(surveying, french_survey):
    originals = list(surveying.survey.questions.all())
    translated = list(french_survey.questions.all())
    assert [q.translation_key for q in translated] == [q.translation_key for q in originals]
    assert {q.locale.language_code for q in translated} == {"fr"}
    assert [q.clean_name for q in translated] == [q.clean_name for q in originals]


def test_a_french_head_is_asked_in_french(surveying, french_survey, client):
    client.force_login(surveying.heads[0])
    form = soup(client.get(answer_url(french_survey, surveying.offices[0]))).select_one(
        "form.survey-form"
    )
    text = form.get_text(" ", strip=True)
    for french in ("Première priorité", "Cybersécurité", "Chaîne de blocs", "Outils partagés"):
        assert french in text
    for english in ("Top priority", "Cyber security", "Blockchain", "Shared tools"):
        assert english not in text
    # What is posted is still the original's choice.
    radio = form.find("input", attrs={"name": "top_priority", "value": "AI tools"})
    assert radio.find_parent("label").get_text(strip=True) == "Outils d'IA"


def test_answering_in_french_counts_with_the_english_answers(surveying, french_survey, client):
    client.force_login(surveying.heads[0])
    posted = {
        "submit": "1",
        "top_priority": "AI tools",
        "technologies_in_use": ["AI", "Cloud"],
        "digital_maturity": "3",
        "cooperation_wanted_0": "2",
        "cooperation_wanted_1": "1",
        "cooperation_wanted_2": "3",
        "difficulties": "Garder le personnel qualifié.",
    }
    response = client.post(answer_url(french_survey, surveying.offices[0]), posted)
    assert response.status_code == 302
    stored = SurveyResponse.objects.get(office=surveying.offices[0])
    assert stored.survey_id == surveying.survey.pk
    assert stored.answers["top_priority"] == ANSWERS["top_priority"]
    assert stored.answers["cooperation_wanted"] == ANSWERS["cooperation_wanted"]
    # The submitted answers read back in French.
    page = soup(client.get(answer_url(french_survey, surveying.offices[0])))
    assert "Outils d'IA" in page.get_text()
    for n in range(1, 5):
        surveying.answer(n)
    results = soup(client.get(own_url(french_survey) + "results/")).get_text(" ", strip=True)
    assert "Première priorité" in results
    assert "Outils d'IA" in results
    english = soup(client.get(own_url(surveying.survey) + "results/"))
    cells = [
        row.get_text(" ", strip=True)
        for row in english.select("table tr")
        if "AI tools" in row.get_text()
    ]
    assert cells and cells[0].endswith("5")
