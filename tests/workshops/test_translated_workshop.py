"""A workshop translated with wagtail-localize: its segments, questions and challenges in
the page's language, its registrations, answers and teams on the original."""

import csv
import datetime
import io

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from portal.workshops import services
from portal.workshops.models import (
    HackathonChallenge,
    Registration,
    RegistrationQuestion,
    Team,
    WorkshopPage,
    WorkshopSegment,
)
from tests import factories
from tests.localize import own_url, translate_page
from tests.wagtail_admin import publish_through_admin
from tests.workshops.test_admin import workshop_form

pytestmark = pytest.mark.django_db

# What a translator writes for each English text of the workshop, wagtail-localize's
# export included (it writes the lines of a text field with <br/> between them).
FRENCH = {
    "Codefest on search tools": "Codefest sur les outils de recherche",
    "codefest": "codefest-fr",
    "Offices share how they do it.": "Les offices partagent leurs pratiques.",
    "WIPO, secretariat of the ICT network": "OMPI, secrétariat du réseau TIC",
    "Opening plenary": "Séance plénière d'ouverture",
    "Heads of office round table": "Table ronde des chefs d'office",
    "Morning": "Matin",
    "Do you need a visa letter?": "Avez-vous besoin d'une lettre pour le visa ?",
    "We send it within a week.": "Nous l'envoyons dans la semaine.",
    "Lunch": "Déjeuner",
    "Vegetarian<br/>Vegan<br/>No preference": "Végétarien<br/>Végétalien<br/>Sans préférence",
    "Prior-art search": "Recherche d'antériorités",
    "<b>Find</b> earlier documents.": "<b>Trouver</b> les documents antérieurs.",
    "Task force on AI tools": "Équipe spéciale sur les outils d'IA",
}


@pytest.fixture
def french(db) -> Locale:
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def workshop(site_tree, cast) -> WorkshopPage:
    """An English hackathon with two segments, two questions and a challenge."""
    workshop = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Codefest on search tools",
        slug="codefest",
        kind="hackathon",
        submission_deadline_date=datetime.date.today() + datetime.timedelta(days=31),
    )
    WorkshopSegment.objects.create(page=workshop, title="Opening plenary", sort_order=0)
    heads = WorkshopSegment.objects.create(
        page=workshop,
        title="Heads of office round table",
        when="Morning",
        access="invitation",
        sort_order=1,
    )
    heads.invited_offices.add(cast.office_a)
    heads.save()
    RegistrationQuestion.objects.create(
        page=workshop,
        label="Do you need a visa letter?",
        kind="yes_no",
        help_text="We send it within a week.",
        sort_order=0,
    )
    RegistrationQuestion.objects.create(
        page=workshop,
        label="Lunch",
        kind="choice",
        choices="Vegetarian\nVegan\nNo preference",
        required=True,
        sort_order=1,
    )
    factories.HackathonChallengeFactory(
        page=workshop,
        title="Prior-art search",
        brief="<p><b>Find</b> earlier documents.</p>",
        proposed_by="Task force on AI tools",
    )
    workshop.save_revision().publish()
    return workshop


def translate(page: WorkshopPage, locale: Locale, on_commit) -> WorkshopPage:
    return translate_page(page, locale, FRENCH, on_commit)


@pytest.fixture
def french_workshop(workshop, french, django_capture_on_commit_callbacks) -> WorkshopPage:
    return translate(workshop, french, django_capture_on_commit_callbacks)


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def label_text(label) -> str:
    """A label as read, without the colon that French forms put after it."""
    return label.get_text(" ", strip=True).removesuffix(":").strip()


def field_labels(form: BeautifulSoup) -> list[str]:
    return [label_text(label) for label in form.select("label")]


def french_answers(client, french_workshop) -> dict:
    """What a French reader posts: "yes" to the visa letter, the choice shown as
    "Végétarien" and every part offered, all read off the French form."""
    form = soup(client.get(own_url(french_workshop) + "register/")).select_one("form.form")
    lunch = next(label for label in form.select("label") if label_text(label) == "Déjeuner")
    select = form.find(id=lunch["for"])
    visa = form.find("legend", string=lambda text: text and "lettre pour le visa" in text)
    return {
        visa.find_parent("fieldset").select_one("input[type=radio]")["name"]: "yes",
        select["name"]: select.find("option", string="Végétarien")["value"],
        "segments": [box["value"] for box in form.select("input[name=segments]")],
    }


class TranslatedPageTests:
    def test_the_translation_is_at_its_french_address_with_its_own_rows(
        self, workshop, french_workshop
    ):
        assert own_url(french_workshop) == "/fr/workshops/codefest-fr/"
        assert french_workshop.original == workshop
        for relation in ("segments", "questions", "challenges"):
            originals = getattr(workshop, relation).all()
            translated = getattr(french_workshop, relation).all()
            assert {row.locale.language_code for row in translated} == {"fr"}
            assert [row.translation_key for row in translated] == [
                row.translation_key for row in originals
            ]
            assert not {row.pk for row in translated} & {row.pk for row in originals}

    def test_a_french_reader_sees_french_segments_and_challenges(self, as_role, french_workshop):
        page = soup(as_role("cio_a").get(own_url(french_workshop)))
        segments = [title.get_text(" ", strip=True) for title in page.select(".segment h3")]
        assert segments[0].startswith("Séance plénière d'ouverture")
        assert segments[1].startswith("Table ronde des chefs d'office")
        assert page.select_one(".segment .meta").get_text(strip=True) == "Matin"
        assert "Vous êtes invité" in page.select(".segment")[1].get_text()
        challenge = page.select_one(".challenge")
        assert challenge.h3.get_text(strip=True) == "Recherche d'antériorités"
        assert "Trouver les documents antérieurs." in challenge.get_text(" ", strip=True)
        assert "Équipe spéciale sur les outils d'IA" in challenge.get_text()

    def test_the_english_page_stays_in_english(self, as_role, workshop, french_workshop):
        page = soup(as_role("cio_a").get(own_url(workshop)))
        assert "Opening plenary" in page.select_one(".segment h3").get_text()
        assert page.select_one(".challenge h3").get_text(strip=True) == "Prior-art search"


class TranslatedRegistrationTests:
    def test_a_french_reader_is_asked_the_questions_in_french(self, as_role, french_workshop):
        form = soup(as_role("cio_a").get(own_url(french_workshop) + "register/")).select_one(
            "form.form"
        )
        text = form.get_text(" ", strip=True)
        assert "Avez-vous besoin d'une lettre pour le visa ?" in text
        assert "Nous l'envoyons dans la semaine." in text
        assert "Do you need" not in text
        assert "Déjeuner" in field_labels(form)
        options = [option.get_text(strip=True) for option in form.select("select option")]
        assert options[1:] == ["Végétarien", "Végétalien", "Sans préférence"]
        assert "Séance plénière d'ouverture" in field_labels(form)
        assert "Table ronde des chefs d'office (Matin)" in field_labels(form)

    def test_registering_in_french_keeps_the_originals_questions_and_choices(
        self, as_role, workshop, french_workshop, cast
    ):
        client = as_role("cio_a")
        response = client.post(
            own_url(french_workshop) + "register/", french_answers(client, french_workshop)
        )
        assert response.status_code == 302
        registration = Registration.objects.get(user=cast.cio_a)
        assert registration.workshop_id == workshop.pk
        visa, lunch = workshop.questions.all()
        assert registration.answers == {str(visa.pk): True, str(lunch.pk): "Vegetarian"}
        # The open part and the one office A is invited to.
        assert set(registration.segments.all()) == set(workshop.segments.all())
        page = client.get(own_url(french_workshop)).content.decode()
        assert page.count("Vous participerez à cette partie.") == 2

    def test_the_originals_export_lists_a_registration_made_in_french(
        self, as_role, workshop, french_workshop, cast
    ):
        client = as_role("cio_a")
        client.post(own_url(french_workshop) + "register/", french_answers(client, french_workshop))
        response = as_role("secretariat").get(own_url(workshop) + "participants/export/")
        body = b"".join(response.streaming_content).decode()
        header, row = csv.reader(io.StringIO(body))
        assert header[-3:] == ["Segments", "Do you need a visa letter?", "Lunch"]
        assert row[1] == cast.cio_a.email
        assert row[-3:] == [
            "Opening plenary; Heads of office round table",
            "yes",
            "Vegetarian",
        ]

    def test_the_french_list_of_participants_reads_in_french(
        self, as_role, workshop, french_workshop, cast
    ):
        visa, lunch = workshop.questions.all()
        services.registration_create(
            workshop=workshop,
            user=cast.cio_a,
            answers={str(lunch.pk): "Vegetarian"},
            segments=list(workshop.segments.all()),
        )
        page = soup(as_role("secretariat").get(own_url(french_workshop) + "participants/"))
        answers = page.select_one("table.participants tbody td:nth-of-type(3)").get_text(
            " ", strip=True
        )
        assert "Séance plénière d'ouverture, Table ronde des chefs d'office" in answers
        assert "Déjeuner: Végétarien" in answers
        headcounts = page.select_one(".segment-headcounts").get_text(" ", strip=True)
        assert "Séance plénière d'ouverture" in headcounts

    def test_questions_reordered_in_the_original_keep_their_french_wording(
        self, as_role, workshop, french_workshop, cast
    ):
        visa, lunch = workshop.questions.all()
        lunch.sort_order, visa.sort_order = 0, 1
        lunch.save()
        visa.save()
        client = as_role("cio_a")
        form = soup(client.get(own_url(french_workshop) + "register/")).select_one("form.form")
        text = form.get_text(" ", strip=True)
        assert text.index("Déjeuner") < text.index("Avez-vous besoin d'une lettre pour le visa ?")
        client.post(own_url(french_workshop) + "register/", french_answers(client, french_workshop))
        registration = Registration.objects.get(user=cast.cio_a)
        assert registration.answers == {str(visa.pk): True, str(lunch.pk): "Vegetarian"}

    def test_a_translation_out_of_step_shows_the_originals_questions(
        self, as_role, workshop, french_workshop
    ):
        RegistrationQuestion.objects.create(
            page=french_workshop, label="Question ajoutée à la main", sort_order=5
        )
        form = soup(as_role("cio_a").get(own_url(french_workshop) + "register/")).select_one(
            "form.form"
        )
        text = form.get_text(" ", strip=True)
        assert "Do you need a visa letter?" in text
        assert "Question ajoutée à la main" not in text
        assert "Lunch" in field_labels(form)


class TranslatedTeamTests:
    def test_a_team_signed_up_in_french_works_on_the_originals_challenge(
        self, as_role, workshop, french_workshop, cast
    ):
        services.registration_create(workshop=workshop, user=cast.cio_a)
        client = as_role("cio_a")
        form = soup(client.get(own_url(french_workshop) + "teams/new/"))
        choice = form.select_one("#id_challenge input")
        assert choice.find_parent("label").get_text(strip=True) == "Recherche d'antériorités"
        response = client.post(
            own_url(french_workshop) + "teams/new/",
            {"name": "Chercheurs", "challenge": choice["value"]},
        )
        assert response.status_code == 302
        assert Team.objects.get().challenge == workshop.challenges.get()
        teams = soup(client.get(own_url(french_workshop))).select_one("#teams table")
        assert "Recherche d'antériorités" in teams.get_text()
        teams = soup(client.get(own_url(workshop))).select_one("#teams table")
        assert "Prior-art search" in teams.get_text()


class NewRowLocaleTests:
    def test_a_row_added_to_a_translation_takes_its_locale(self, french_workshop):
        challenge = HackathonChallenge.objects.create(
            page=french_workshop, title="Défi", brief="<p>…</p>"
        )
        assert challenge.locale.language_code == "fr"

    def test_rows_added_in_the_admin_take_the_pages_locale(self, editor_client, site_tree, french):
        french_index = site_tree.workshops.copy_for_translation(french, copy_parents=True)
        french_index.save_revision().publish()
        page = publish_through_admin(
            editor_client,
            french_index,
            WorkshopPage,
            workshop_form(
                title="Atelier",
                slug="atelier",
                questions=inline_formset(
                    [{"label": "Votre fonction", "kind": "text", "choices": ""}]
                ),
                segments=inline_formset([{"title": "Ouverture", "access": "open"}]),
            ),
        )
        assert page.locale == french
        assert [row.locale for row in page.questions.all()] == [french]
        assert [row.locale for row in page.segments.all()] == [french]
