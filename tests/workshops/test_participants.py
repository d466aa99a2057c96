"""The secretariat's list of participants, its CSV export, attendance and feedback."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from portal.workshops import services
from portal.workshops.models import Feedback, RegistrationStatus
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(site_tree, cast):
    workshop = factories.WorkshopPageFactory(
        parent=site_tree.workshops, title="Dialogue", slug="dialogue", capacity=2
    )
    visa = factories.RegistrationQuestionFactory(page=workshop, label="Visa letter?")
    for person, answer in [(cast.cio_a, True), (cast.cio_b, False), (cast.member, True)]:
        services.registration_create(workshop=workshop, user=person, answers={str(visa.pk): answer})
    return workshop


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


class ParticipantListTests:
    @pytest.mark.parametrize("role,status", [("cio_a", 403), ("member", 403)])
    def test_only_the_secretariat_sees_the_list(self, as_role, workshop, role, status):
        client = as_role(role)
        assert client.get(workshop.url + "participants/").status_code == status
        assert client.get(workshop.url + "participants/export/").status_code == status

    def test_visitors_are_asked_to_sign_in(self, client, workshop):
        assert client.get(workshop.url + "participants/").status_code == 302
        assert client.get(workshop.url + "participants/export/").status_code == 302

    def test_the_list_shows_places_then_the_waiting_list_with_answers(
        self, as_role, workshop, cast
    ):
        page = BeautifulSoup(
            as_role("secretariat").get(workshop.url + "participants/").content, "html.parser"
        )
        registered, waiting = page.select("table.data-table")
        assert [
            th.get_text(" ", strip=True).split(" ")[0] for th in registered.select("tbody th")
        ] == [
            cast.cio_a.first_name,
            cast.cio_b.first_name,
        ]
        assert "Visa letter?: yes" in registered.get_text(" ", strip=True)
        assert cast.member.first_name in waiting.get_text()

    def test_the_csv_lists_everyone_with_their_answers(self, as_role, workshop, cast):
        response = as_role("secretariat").get(workshop.url + "participants/export/")
        assert response["Content-Disposition"] == 'attachment; filename="participants-dialogue.csv"'
        header, *rows = csv_rows(response)
        assert header == [
            "Name",
            "E-mail",
            "Office",
            "Status",
            "Registered",
            "Attended",
            "Visa letter?",
        ]
        by_email = {row[1]: row for row in rows}
        assert by_email[cast.cio_a.email][2:4] == ["Office A", "Registered"]
        assert by_email[cast.cio_a.email][6] == "yes"
        assert by_email[cast.cio_b.email][6] == "no"
        assert by_email[cast.member.email][3] == "On the waiting list"

    def test_the_list_page_query_count_does_not_grow_with_participants(
        self, as_role, workshop, cast
    ):
        from tests.conftest import make_member

        client = as_role("secretariat")
        url = workshop.url + "participants/"
        before = count_queries(client, url)
        workshop.capacity = 20
        workshop.save()
        for _ in range(5):
            services.registration_create(workshop=workshop, user=make_member(cast.office_b))
        assert count_queries(client, url) == before

    def test_the_secretariat_records_attendance(self, as_role, workshop, cast):
        registrations = {r.user_id: r for r in workshop.registrations.all()}
        a, b = registrations[cast.cio_a.pk], registrations[cast.cio_b.pk]
        response = as_role("secretariat").post(
            workshop.url + "participants/",
            {f"attended-{a.pk}": "yes", f"attended-{b.pk}": "no", "save_attendance": ""},
        )
        assert response.status_code == 302
        a.refresh_from_db()
        b.refresh_from_db()
        assert (a.attended, b.attended) == (True, False)

    def test_an_unknown_attendance_value_is_refused_and_nothing_changes(
        self, as_role, workshop, cast
    ):
        a = workshop.registrations.get(user=cast.cio_a)
        response = as_role("secretariat").post(
            workshop.url + "participants/", {f"attended-{a.pk}": "perhaps"}
        )
        assert response.status_code == 400
        a.refresh_from_db()
        assert a.attended is None

    def test_the_secretariat_cancels_a_place_and_the_next_person_gets_it(
        self, as_role, workshop, cast
    ):
        a = workshop.registrations.get(user=cast.cio_a)
        response = as_role("secretariat").post(workshop.url + "participants/", {"cancel": a.pk})
        assert response.status_code == 302
        assert workshop.registrations.get(user=cast.member).status == RegistrationStatus.CONFIRMED


class FeedbackTests:
    @pytest.fixture
    def past(self, workshop):
        workshop.start_date = workshop.end_date = datetime.date.today() - datetime.timedelta(days=2)
        workshop.save()
        return workshop

    def test_feedback_is_not_asked_before_the_event(self, as_role, workshop):
        assert as_role("cio_a").get(workshop.url + "feedback/").status_code == 403

    def test_a_participant_gives_feedback_and_the_secretariat_reads_it(self, as_role, past, cast):
        client = as_role("cio_a")
        assert "Give your feedback" in client.get(past.url).content.decode()
        response = client.post(
            past.url + "feedback/",
            {
                "rating": "4",
                "most_useful": "The ST.96 migration stories",
                "improve": "",
                "next_topics": "LLMs",
            },
        )
        assert response.status_code == 302
        feedback = Feedback.objects.get()
        assert (feedback.rating, feedback.next_topics) == (4, "LLMs")
        text = as_role("secretariat").get(past.url + "participants/").content.decode()
        assert "The ST.96 migration stories" in text
        assert "rated 4.0 of 5 on average" in text

    def test_sending_feedback_again_replaces_it(self, as_role, past):
        client = as_role("cio_a")
        client.post(past.url + "feedback/", {"rating": "2"})
        client.post(past.url + "feedback/", {"rating": "5"})
        assert list(Feedback.objects.values_list("rating", flat=True)) == [5]

    def test_a_rating_out_of_range_is_refused(self, as_role, past):
        response = as_role("cio_a").post(past.url + "feedback/", {"rating": "9"})
        assert response.status_code == 400
        assert not Feedback.objects.exists()

    @pytest.mark.parametrize("role", ["member", "secretariat"])
    def test_people_without_a_place_give_no_feedback(self, as_role, past, role):
        # member waited and never got a place; the secretariat did not register.
        assert as_role(role).get(past.url + "feedback/").status_code == 403

    def test_someone_marked_absent_gives_no_feedback(self, as_role, past, cast):
        past.registrations.filter(user=cast.cio_a).update(attended=False)
        assert as_role("cio_a").get(past.url + "feedback/").status_code == 403
