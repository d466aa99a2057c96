"""Segments of an event with their own access: open to every participant, or by invitation
to whole offices or named people."""

import csv
import io

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from portal.workshops import services
from portal.workshops.models import Registration, WorkshopPage, WorkshopSegment
from tests import factories
from tests.wagtail_admin import publish_through_admin
from tests.workshops.test_admin import workshop_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(site_tree):
    return factories.WorkshopPageFactory(
        parent=site_tree.workshops, title="High-Level Dialogue", slug="dialogue"
    )


@pytest.fixture
def segments(workshop, cast):
    opening = WorkshopSegment.objects.create(
        page=workshop, title="Opening plenary", access="open", sort_order=0
    )
    heads = WorkshopSegment.objects.create(
        page=workshop, title="Heads of office round table", access="invitation", sort_order=1
    )
    heads.invited_offices.add(cast.office_a)
    heads.save()  # Parental relations are written when their owner is saved, as the admin does.
    jury = WorkshopSegment.objects.create(
        page=workshop, title="Jury deliberation", access="invitation", sort_order=2
    )
    jury.invited_people.add(cast.cio_b)
    jury.save()
    return {"opening": opening, "heads": heads, "jury": jury}


def offered(client, workshop) -> list[str]:
    page = BeautifulSoup(client.get(workshop.url + "register/").content, "html.parser")
    return [
        label.get_text(" ", strip=True)
        for label in page.select("fieldset label")
        if label.find("input", attrs={"name": "segments"})
    ]


class OfferTests:
    def test_a_person_is_offered_the_open_parts_and_those_their_office_is_invited_to(
        self, as_role, workshop, segments
    ):
        # Office A is invited as a whole: its CIO and its expert alike.
        assert offered(as_role("cio_a"), workshop) == [
            "Opening plenary",
            "Heads of office round table",
        ]
        assert offered(as_role("member"), workshop) == [
            "Opening plenary",
            "Heads of office round table",
        ]

    def test_a_named_invitation_covers_that_person_only(self, as_role, workshop, segments):
        assert offered(as_role("cio_b"), workshop) == ["Opening plenary", "Jury deliberation"]

    def test_the_open_parts_start_ticked(self, as_role, workshop, segments):
        page = BeautifulSoup(
            as_role("cio_a").get(workshop.url + "register/").content, "html.parser"
        )
        ticked = [box["value"] for box in page.select("input[name=segments][checked]")]
        assert ticked == [str(segments["opening"].pk)]

    def test_an_event_without_segments_asks_nothing_about_them(self, as_role, workshop):
        assert offered(as_role("cio_a"), workshop) == []


class RegistrationTests:
    def test_the_chosen_parts_are_kept_with_the_registration(self, as_role, workshop, segments):
        response = as_role("cio_a").post(
            workshop.url + "register/",
            {"segments": [segments["opening"].pk, segments["heads"].pk]},
        )
        assert response.status_code == 302
        registration = Registration.objects.get(workshop=workshop)
        assert set(registration.segments.all()) == {segments["opening"], segments["heads"]}

    def test_posting_an_uninvited_part_is_refused_and_registers_nobody(
        self, as_role, workshop, segments
    ):
        response = as_role("cio_a").post(
            workshop.url + "register/", {"segments": [segments["jury"].pk]}
        )
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
        assert not Registration.objects.exists()

    def test_the_service_refuses_an_uninvited_part_before_writing(self, workshop, segments, cast):
        with pytest.raises(ValidationError, match="Jury deliberation"):
            services.registration_create(
                workshop=workshop, user=cast.cio_a, segments=[segments["jury"]]
            )
        assert not Registration.objects.exists()

    def test_a_segment_of_another_event_is_refused(self, site_tree, workshop, segments, cast):
        other = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Other")
        elsewhere = WorkshopSegment.objects.create(page=other, title="Elsewhere", access="open")
        with pytest.raises(ValidationError):
            services.registration_create(workshop=workshop, user=cast.cio_a, segments=[elsewhere])
        assert not Registration.objects.exists()

    def test_the_secretariat_may_attend_any_part(self, workshop, segments, cast):
        registration = services.registration_create(
            workshop=workshop, user=cast.secretariat, segments=[segments["jury"]]
        )
        assert list(registration.segments.all()) == [segments["jury"]]


class PageTests:
    def test_the_page_tells_a_reader_which_parts_they_are_invited_to_and_attend(
        self, as_role, workshop, segments, cast
    ):
        services.registration_create(
            workshop=workshop, user=cast.cio_a, segments=[segments["opening"]]
        )
        page = BeautifulSoup(as_role("cio_a").get(workshop.url).content, "html.parser")
        status = {
            item.h3.contents[0].strip(): item.select_one(".segment__status")
            for item in page.select("li.segment")
        }
        assert status["Opening plenary"].get_text(strip=True) == "You will attend this part."
        assert status["Heads of office round table"].get_text(strip=True) == (
            "You are invited to this part."
        )
        assert status["Jury deliberation"] is None

    def test_a_visitor_sees_the_parts_but_no_invitation(self, client, workshop, segments):
        page = BeautifulSoup(client.get(workshop.url).content, "html.parser")
        assert len(page.select("li.segment")) == 3
        assert not page.select(".segment__status")


class ParticipantListTests:
    def test_the_secretariat_sees_who_attends_each_part_on_the_page_and_in_the_csv(
        self, as_role, workshop, segments, cast
    ):
        services.registration_create(
            workshop=workshop,
            user=cast.cio_a,
            segments=[segments["opening"], segments["heads"]],
        )
        services.registration_create(
            workshop=workshop, user=cast.cio_b, segments=[segments["opening"]]
        )
        client = as_role("secretariat")
        page = BeautifulSoup(client.get(workshop.url + "participants/").content, "html.parser")
        headcounts = [
            item.get_text(" ", strip=True) for item in page.select(".segment-headcounts li")
        ]
        assert headcounts == [
            "Opening plenary (Open to all participants) : 2 attending",
            "Heads of office round table (By invitation only) : 1 attending",
            "Jury deliberation (By invitation only) : 0 attending",
        ]
        response = client.get(workshop.url + "participants/export/")
        header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert "Segments" in header
        column = header.index("Segments")
        by_email = {row[1]: row[column] for row in rows}
        assert by_email[cast.cio_a.email] == "Opening plenary; Heads of office round table"
        assert by_email[cast.cio_b.email] == "Opening plenary"


class AdminTests:
    def test_the_secretariat_invites_an_office_and_a_person_to_a_segment_in_the_admin(
        self, editor_client, site_tree, cast
    ):
        segment = {"title": "Round table", "access": "invitation", "when": "", "description": ""}
        page = publish_through_admin(
            editor_client,
            site_tree.workshops,
            WorkshopPage,
            workshop_form(title="Dialogue", slug="dialogue", segments=inline_formset([segment])),
            multiple={
                "segments-0-invited_offices": [cast.office_b.pk],
                "segments-0-invited_people": [cast.member.pk],
            },
        )
        (saved,) = page.segments.all()
        assert list(saved.invited_offices.all()) == [cast.office_b]
        assert list(saved.invited_people.all()) == [cast.member]
