"""What members do on an entry's page: say their office uses it, show interest, ask the
provider, and the provider's answer."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from catalogue import services
from catalogue.models import Adoption, AdoptionStatus, Interest, Question
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(site_tree, cast):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Shared e-filing", provider_offices=[cast.office_b]
    )
    entry.save_revision().publish()
    return entry


class AdoptionTests:
    def test_cio_records_updates_and_removes_their_offices_use(self, as_role, cast, entry):
        client = as_role("cio_a")
        prefix = f"office-{cast.office_a.pk}"
        response = client.post(
            entry.url + "adoption/",
            {
                "office": cast.office_a.pk,
                f"{prefix}-status": "evaluating",
                f"{prefix}-since": "2024-05-01",
                f"{prefix}-version": "3.1",
                f"{prefix}-note": "Pilot in the trademark unit.",
                f"{prefix}-willing_to_be_reference": "on",
            },
        )
        assert response.status_code == 302
        adoption = Adoption.objects.get(entry=entry, office=cast.office_a)
        assert (adoption.status, adoption.version, adoption.willing_to_be_reference) == (
            AdoptionStatus.EVALUATING,
            "3.1",
            True,
        )
        client.post(
            entry.url + "adoption/", {"office": cast.office_a.pk, f"{prefix}-status": "in_use"}
        )
        adoption.refresh_from_db()
        assert adoption.status == AdoptionStatus.IN_USE
        page = client.get(entry.url).content.decode()
        assert "Office A" in page and "In use" in page
        client.post(entry.url + "adoption/", {"office": cast.office_a.pk, "remove": "1"})
        assert not Adoption.objects.filter(entry=entry).exists()

    def test_bad_input_leaves_the_adoption_unchanged(self, as_role, cast, entry):
        client = as_role("cio_a")
        prefix = f"office-{cast.office_a.pk}"
        future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
        response = client.post(
            entry.url + "adoption/",
            {"office": cast.office_a.pk, f"{prefix}-status": "in_use", f"{prefix}-since": future},
        )
        assert response.status_code == 400
        assert "cannot be in the future" in response.content.decode()
        assert not Adoption.objects.exists()

    @pytest.mark.parametrize("role", ["member", "cio_b"])
    def test_only_the_offices_representatives_record_its_use(self, as_role, cast, entry, role):
        prefix = f"office-{cast.office_a.pk}"
        response = as_role(role).post(
            entry.url + "adoption/", {"office": cast.office_a.pk, f"{prefix}-status": "in_use"}
        )
        assert response.status_code == 403
        assert not Adoption.objects.exists()

    def test_adoption_count_shows_on_the_listing(self, as_role, cast, entry):
        text = as_role("visitor").get("/catalogue/").content.decode()
        assert "no office reports using it yet" in text
        services.adoption_save(entry=entry, office=cast.office_a, user=cast.cio_a, status="in_use")
        text = as_role("visitor").get("/catalogue/").content.decode()
        assert "used by 1 office" in text
        assert "no office reports using it yet" not in text


class InterestTests:
    def test_member_shows_interest_and_the_provider_sees_it(self, as_role, cast, entry):
        as_role("member").post(entry.url + "interest/", {"interested": "1"})
        interest = Interest.objects.get(entry=entry)
        assert interest.office == cast.office_a
        provider_page = as_role("cio_b").get(entry.url).content.decode()
        assert "Mo Member" in provider_page and cast.office_a.display_name in provider_page
        other_page = as_role("cio_a").get(entry.url).content.decode()
        assert "Mo Member" not in other_page

    def test_member_whose_office_uses_it_is_not_offered_interest(self, as_role, cast, entry):
        services.adoption_save(entry=entry, office=cast.office_a, user=cast.cio_a, status="in_use")
        response = as_role("member").get(entry.url)
        assert "interest_offered" not in response.context
        as_role("member").post(entry.url + "interest/", {"interested": "1"})
        assert not Interest.objects.exists()


class QuestionTests:
    def test_member_asks_provider_is_emailed_answers_asker_is_emailed(
        self, as_role, cast, entry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = as_role("member").post(
                entry.url + "ask/", {"body": "Can it run on our own servers?"}
            )
        assert response.status_code == 302
        question = Question.objects.get()
        assert [message.to for message in mail.outbox] == [[cast.cio_b.email]]
        assert "Can it run on our own servers?" in mail.outbox[0].body

        client = as_role("cio_b")
        my_questions = client.get("/catalogue/questions/")
        assert "Can it run on our own servers?" in my_questions.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/catalogue/questions/{question.pk}/answer/",
                {f"q{question.pk}-answer": "Yes, with Docker."},
            )
        question.refresh_from_db()
        assert question.answer == "Yes, with Docker." and question.answered_by == cast.cio_b
        assert mail.outbox[-1].to == [cast.member.email]
        asked = as_role("member").get("/catalogue/questions/").content.decode()
        assert "Yes, with Docker." in asked

    def test_the_contact_member_is_asked_when_there_is_one(
        self, as_role, cast, entry, django_capture_on_commit_callbacks
    ):
        contact = factories.MemberFactory(office=cast.office_b, user__email="contact@example.org")
        entry.contact_member = contact
        entry.save_revision().publish()
        with django_capture_on_commit_callbacks(execute=True):
            as_role("member").post(entry.url + "ask/", {"body": "Which database does it need?"})
        assert mail.outbox[0].to == ["contact@example.org"]

    def test_rate_limit_with_a_clear_message(self, as_role, cast, entry):
        client = as_role("member")
        for number in range(services.QUESTIONS_PER_HOUR):
            assert (
                client.post(entry.url + "ask/", {"body": f"Question number {number}?"}).status_code
                == 302
            )
        response = client.post(entry.url + "ask/", {"body": "One question too many?"})
        assert response.status_code == 400
        assert "the most we accept" in response.content.decode()
        assert Question.objects.count() == services.QUESTIONS_PER_HOUR
        Question.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
        assert (
            client.post(entry.url + "ask/", {"body": "A question an hour later?"}).status_code
            == 302
        )

    def test_bad_input_leaves_nothing_stored(self, as_role, entry):
        response = as_role("member").post(entry.url + "ask/", {"body": "?"})
        assert response.status_code == 400
        assert not Question.objects.exists()

    def test_visitors_are_sent_to_sign_in(self, client, entry):
        response = client.post(entry.url + "ask/", {"body": "A visitor's question?"})
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert not Question.objects.exists()

    def test_only_the_provider_answers(self, as_role, cast, entry):
        question = services.question_ask(
            entry=entry, user=cast.member, body="Is there an API for it?"
        )
        response = as_role("cio_a").post(
            f"/catalogue/questions/{question.pk}/answer/", {f"q{question.pk}-answer": "Mine."}
        )
        assert response.status_code == 404
        question.refresh_from_db()
        assert question.answer == ""


def test_entry_page_queries_do_not_grow_with_its_adopters(as_role, site_tree, cast, entry):
    from tests.queries import count_queries

    def adopt(count: int, start: int):
        for number in range(start, start + count):
            office = factories.OfficePageFactory(
                parent=site_tree.network,
                title=f"Office {number}",
                code=f"Q{number % 10}" if number < 10 else f"R{number - 10}",
            )
            Adoption.objects.create(entry=entry, office=office, status="in_use")
            Interest.objects.create(entry=entry, user=factories.UserFactory(), office=office)
            Question.objects.create(entry=entry, asked_by=cast.member, body=f"Question {number}?")

    client = as_role("cio_b")
    adopt(2, 0)
    few = count_queries(client, entry.url)
    adopt(15, 2)
    assert count_queries(client, entry.url) == few
