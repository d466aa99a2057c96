"""The secretariat creates workshops, speakers and teams in the Wagtail admin."""

from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

import pytest

from portal.workshops.models import Speaker, Team, WorkshopPage
from tests import factories
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db


def workshop_form(**fields) -> dict:
    """The admin form of a workshop with every stream and inline panel present but empty."""
    return {
        "kind": "workshop",
        "summary": "x",
        "start_date": "2030-06-03",
        "start_time": "13:00",
        "end_date": "2030-06-03",
        "end_time": "16:00",
        "time_zone": "UTC",
        "format": "online",
        "online_link": "https://meet.example.org/st96",
        "submission_deadline_time": "17:00",
        "max_team_size": "5",
        "organiser": "WIPO",
        "accepts_registrations": "on",
        "body": streamfield([]),
        "agenda": streamfield([]),
        "materials": streamfield([]),
        "segments": inline_formset([]),
        "questions": inline_formset([]),
        "challenges": inline_formset([]),
        **fields,
    }


def test_admin_creates_a_workshop_in_its_own_time_zone(editor_client, site_tree):
    english = factories.LanguageFactory(code="en", name="English")
    page = publish_through_admin(
        editor_client,
        site_tree.workshops,
        WorkshopPage,
        workshop_form(
            title="Workshop on ST.96",
            slug="workshop-st96",
            reference="WS/1",
            summary="Moving to ST.96.",
            time_zone="Asia/Tokyo",
        ),
        multiple={"languages": [english.pk]},
    )
    assert page.starts_at.isoformat() == "2030-06-03T04:00:00+00:00"
    assert list(page.languages.all()) == [english]


def test_admin_refuses_a_workshop_that_ends_before_it_starts(editor_client, site_tree):
    with pytest.raises(AssertionError, match="end_date"):
        publish_through_admin(
            editor_client,
            site_tree.workshops,
            WorkshopPage,
            workshop_form(title="Backwards", slug="backwards", end_date="2030-06-02"),
        )
    assert not WorkshopPage.objects.filter(slug="backwards").exists()


def test_admin_creates_a_hackathon_with_agenda_questions_and_challenges(editor_client, site_tree):
    speaker = factories.SpeakerFactory(name="Dr Guest")
    page = publish_through_admin(
        editor_client,
        site_tree.workshops,
        WorkshopPage,
        workshop_form(
            title="Codefest",
            slug="codefest",
            kind="hackathon",
            capacity="30",
            places_per_office="3",
            registration_closes_on="2030-05-20",
            submission_deadline_date="2030-06-03",
            agenda=streamfield(
                [
                    (
                        "day",
                        {
                            "date": "2030-06-03",
                            "title": "Building",
                            "sessions": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "start_time": "13:00",
                                            "end_time": "14:00",
                                            "title": "Pitches",
                                            "description": "",
                                            "room": "A",
                                            "link": "",
                                            "speakers": streamfield([("item", speaker.pk)]),
                                            "materials": streamfield([]),
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
            questions=inline_formset(
                [{"label": "Visa letter?", "kind": "yes_no", "required": "on", "choices": ""}]
            ),
            challenges=inline_formset(
                [{"title": "Formalities", "brief": rich_text("<p>Check forms.</p>")}]
            ),
        ),
    )
    assert (page.capacity, page.places_per_office) == (30, 3)
    (day,) = page.agenda
    assert list(day.value["sessions"][0]["speakers"]) == [speaker]
    assert list(page.questions.values_list("label", flat=True)) == ["Visa letter?"]
    assert list(page.challenges.values_list("title", flat=True)) == ["Formalities"]
    assert "Dr Guest" in editor_client.get(page.url).content.decode()


def test_a_session_that_ends_before_it_starts_is_refused(editor_client, site_tree):
    with pytest.raises(AssertionError, match="agenda"):
        publish_through_admin(
            editor_client,
            site_tree.workshops,
            WorkshopPage,
            workshop_form(
                title="Bad agenda",
                slug="bad-agenda",
                agenda=streamfield(
                    [
                        (
                            "day",
                            {
                                "date": "2030-06-03",
                                "title": "",
                                "sessions": streamfield(
                                    [
                                        (
                                            "item",
                                            {
                                                "start_time": "14:00",
                                                "end_time": "13:00",
                                                "title": "Backwards",
                                                "description": "",
                                                "room": "",
                                                "link": "",
                                                "speakers": streamfield([]),
                                                "materials": streamfield([]),
                                            },
                                        )
                                    ]
                                ),
                            },
                        )
                    ]
                ),
            ),
        )


def test_a_workshop_cannot_take_the_address_of_the_calendar_feed(editor_client, site_tree):
    with pytest.raises(AssertionError, match="slug"):
        publish_through_admin(
            editor_client,
            site_tree.workshops,
            WorkshopPage,
            workshop_form(title="Calendar", slug="calendar"),
        )


def test_a_registration_deadline_after_the_first_day_is_refused(editor_client, site_tree):
    with pytest.raises(AssertionError, match="registration_closes_on"):
        publish_through_admin(
            editor_client,
            site_tree.workshops,
            WorkshopPage,
            workshop_form(title="Late", slug="late", registration_closes_on="2030-06-04"),
        )


def test_admin_creates_a_speaker_from_a_network_member(editor_client, cast):
    from django.urls import reverse

    from network.models import Member

    member = Member.objects.get(user=cast.cio_a)
    response = editor_client.post(
        reverse("wagtailsnippets_workshops_speaker:add"),
        {"member": member.pk, "name": "", "affiliation": "", "job_title": "", "photo": ""},
    )
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert (speaker.display_name, speaker.display_affiliation) == (str(cast.cio_a), "Office A")


def test_a_speaker_needs_a_name_or_a_member(editor_client):
    from django.urls import reverse

    response = editor_client.post(
        reverse("wagtailsnippets_workshops_speaker:add"),
        {"member": "", "name": "", "affiliation": "", "job_title": "", "photo": ""},
    )
    # Wagtail shows the form again with the error (status 200) rather than redirecting.
    assert response.status_code == 200
    assert "Give a name or choose a network member." in response.content.decode()
    assert not Speaker.objects.exists()


def test_the_admin_links_a_workshop_to_its_participants(editor_client, site_tree):
    from django.urls import reverse

    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, slug="st96")
    html = editor_client.get(reverse("wagtailadmin_explore", args=[site_tree.workshops.pk]))
    assert "/workshops/st96/participants/" in html.content.decode()
    assert editor_client.get(workshop.url + "participants/").status_code == 200


def test_the_secretariat_names_the_winners_in_the_admin(editor_client, site_tree, cast):
    from django.urls import reverse

    hackathon = factories.WorkshopPageFactory(parent=site_tree.workshops, kind="hackathon")
    challenge = factories.HackathonChallengeFactory(page=hackathon)
    team = Team.objects.create(
        workshop=hackathon, name="Owls", challenge=challenge, created_by=cast.cio_a
    )
    url = reverse("wagtailsnippets_workshops_team:edit", args=[team.pk])
    fields = {"workshop": hackathon.pk, "name": "Owls", "prize": "First prize", "prize_rank": "1"}
    other = factories.HackathonChallengeFactory(
        page=factories.WorkshopPageFactory(parent=site_tree.workshops, kind="hackathon")
    )
    refused = editor_client.post(url, {**fields, "challenge": other.pk})
    assert "Choose one of this event&#x27;s challenges." in refused.content.decode()
    response = editor_client.post(url, {**fields, "challenge": challenge.pk})
    assert response.status_code == 302
    assert "First prize" in editor_client.get(hackathon.url).content.decode()
