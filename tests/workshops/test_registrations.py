"""Registration: places, the waiting list, limits per office, cancelling and promotion."""

import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import icalendar
import pytest
from bs4 import BeautifulSoup

from network.models import MemberRole
from portal.workshops import services
from portal.workshops.models import Registration, RegistrationStatus
from tests import factories
from tests.conftest import make_member

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/st96-secret"


@pytest.fixture
def workshop(site_tree):
    return factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Workshop on ST.96",
        slug="st96",
        capacity=2,
        format="hybrid",
        city="Geneva",
        country="CH",
        online_link=SECRET_LINK,
    )


def register(workshop, user, answers=None) -> Registration:
    return services.registration_create(workshop=workshop, user=user, answers=answers)


def statuses(workshop) -> dict[str, str]:
    return {
        registration.user.email: registration.status
        for registration in Registration.objects.filter(workshop=workshop).select_related("user")
    }


class CapacityTests:
    def test_places_are_given_until_the_capacity_then_people_wait(self, workshop, cast):
        first = register(workshop, cast.cio_a)
        second = register(workshop, cast.cio_b)
        third = register(workshop, cast.member)
        assert first.is_confirmed and second.is_confirmed
        assert third.is_waiting
        assert services.waiting_position(third) == 1

    def test_the_waiting_list_keeps_the_order_of_arrival(self, workshop, cast):
        workshop.capacity = 0
        workshop.save()
        people = [cast.cio_a, cast.cio_b, cast.member]
        positions = [services.waiting_position(register(workshop, person)) for person in people]
        assert positions == [1, 2, 3]

    def test_the_limit_per_office_sends_a_second_person_of_that_office_to_wait(
        self, workshop, cast
    ):
        workshop.capacity = 10
        workshop.places_per_office = 1
        workshop.save()
        assert register(workshop, cast.cio_a).is_confirmed
        assert register(workshop, cast.member).is_waiting  # same office as cio_a
        assert register(workshop, cast.cio_b).is_confirmed  # another office
        assert register(workshop, cast.secretariat).is_confirmed  # no office, no limit

    def test_no_capacity_means_everyone_gets_a_place(self, workshop, cast):
        workshop.capacity = None
        workshop.save()
        assert all(
            register(workshop, person).is_confirmed
            for person in [cast.cio_a, cast.cio_b, cast.member, cast.secretariat]
        )

    def test_a_person_registers_only_once(self, workshop, cast):
        register(workshop, cast.cio_a)
        with pytest.raises(ValidationError, match="already registered"):
            register(workshop, cast.cio_a)
        assert Registration.objects.filter(workshop=workshop, user=cast.cio_a).count() == 1

    def test_registering_again_after_cancelling_queues_at_the_end(self, workshop, cast):
        workshop.capacity = 1
        workshop.save()
        first = register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)
        services.registration_cancel(registration=first, cancelled_by=cast.cio_a)
        again = register(workshop, cast.cio_a)
        assert again.pk == first.pk
        assert again.is_waiting
        assert statuses(workshop)[cast.cio_b.email] == RegistrationStatus.CONFIRMED


class CancellationTests:
    def test_a_cancelled_place_goes_to_the_next_person_who_is_emailed(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        first = register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)
        register(workshop, cast.member)
        register(workshop, cast.secretariat)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            promoted = services.registration_cancel(registration=first, cancelled_by=cast.cio_a)
        assert [registration.user for registration in promoted] == [cast.member]
        assert statuses(workshop) == {
            cast.cio_a.email: RegistrationStatus.CANCELLED,
            cast.cio_b.email: RegistrationStatus.CONFIRMED,
            cast.member.email: RegistrationStatus.CONFIRMED,
            cast.secretariat.email: RegistrationStatus.WAITING,
        }
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {cast.cio_a.email, cast.member.email}
        promotion = by_recipient[cast.member.email]
        assert "A place is yours" in promotion.subject
        assert SECRET_LINK in promotion.body
        ((name, content, mimetype),) = promotion.attachments
        assert name == "st96.ics" and mimetype == "text/calendar"
        assert icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == workshop.title
        assert SECRET_LINK not in by_recipient[cast.cio_a.email].body

    def test_promotion_skips_people_whose_office_has_no_place_left(self, workshop, cast):
        workshop.capacity = 2
        workshop.places_per_office = 1
        workshop.save()
        first = register(workshop, cast.cio_b)
        register(workshop, cast.cio_a)  # office A's one place
        colleague = make_member(cast.office_b, MemberRole.EXPERT)
        waiting_a = register(workshop, cast.member)  # office A full: waits first
        waiting_b = register(workshop, colleague)  # office B full: waits second
        assert waiting_a.is_waiting and waiting_b.is_waiting
        services.registration_cancel(registration=first, cancelled_by=cast.cio_b)
        assert statuses(workshop)[cast.member.email] == RegistrationStatus.WAITING
        assert statuses(workshop)[colleague.email] == RegistrationStatus.CONFIRMED

    def test_leaving_the_waiting_list_gives_nobody_a_place(self, workshop, cast):
        workshop.capacity = 1
        workshop.save()
        register(workshop, cast.cio_a)
        waiting = register(workshop, cast.cio_b)
        register(workshop, cast.member)
        assert services.registration_cancel(registration=waiting, cancelled_by=cast.cio_b) == []
        assert statuses(workshop)[cast.member.email] == RegistrationStatus.WAITING

    def test_cancelling_twice_changes_nothing(self, workshop, cast):
        workshop.capacity = 1
        workshop.save()
        first = register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)
        register(workshop, cast.member)
        services.registration_cancel(registration=first, cancelled_by=cast.cio_a)
        assert services.registration_cancel(registration=first, cancelled_by=cast.cio_a) == []
        assert statuses(workshop)[cast.member.email] == RegistrationStatus.WAITING

    def test_nobody_cancels_someone_elses_registration_but_the_secretariat(self, workshop, cast):
        registration = register(workshop, cast.cio_a)
        with pytest.raises(PermissionDenied):
            services.registration_cancel(registration=registration, cancelled_by=cast.cio_b)
        services.registration_cancel(registration=registration, cancelled_by=cast.secretariat)
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED

    def test_publishing_more_places_serves_the_waiting_list(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        workshop.capacity = 1
        workshop.save()
        register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)
        register(workshop, cast.member)
        mail.outbox.clear()
        workshop.capacity = 2
        with django_capture_on_commit_callbacks(execute=True):
            workshop.save_revision().publish()
        assert statuses(workshop)[cast.cio_b.email] == RegistrationStatus.CONFIRMED
        assert statuses(workshop)[cast.member.email] == RegistrationStatus.WAITING
        assert [message.to for message in mail.outbox] == [[cast.cio_b.email]]


class RegistrationWindowTests:
    def test_registration_before_it_opens_is_refused(self, workshop, cast):
        workshop.registration_opens_on = timezone.localdate() + datetime.timedelta(days=3)
        workshop.save()
        with pytest.raises(ValidationError, match="not opened yet"):
            register(workshop, cast.cio_a)

    def test_the_deadline_day_counts_in_the_events_time_zone(self, site_tree, cast):
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            time_zone="Asia/Tokyo",
            start_date=datetime.date(2030, 6, 10),
            end_date=datetime.date(2030, 6, 10),
            registration_closes_on=datetime.date(2030, 6, 1),
        )
        # 23:30 on 1 June in Tokyo is still the deadline day; 00:30 on 2 June is not.
        late_on_the_day = datetime.datetime(2030, 6, 1, 14, 30, tzinfo=datetime.UTC)
        next_day = datetime.datetime(2030, 6, 1, 15, 30, tzinfo=datetime.UTC)
        assert workshop.registration_state(late_on_the_day) == "open"
        assert workshop.registration_state(next_day) == "over"

    def test_registration_closes_when_the_event_starts(self, site_tree, cast):
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 4, 14),
            end_date=datetime.date(2025, 4, 16),
        )
        with pytest.raises(ValidationError, match="closed"):
            register(workshop, cast.cio_a)

    def test_an_event_without_registration_on_the_site_refuses_it(self, workshop, cast):
        workshop.accepts_registrations = False
        workshop.save()
        with pytest.raises(ValidationError, match="not on this site"):
            register(workshop, cast.cio_a)

    def test_accounts_outside_the_network_cannot_register(self, workshop, cast):
        outsider = factories.UserFactory()
        with pytest.raises(PermissionDenied):
            register(workshop, outsider)
        assert not Registration.objects.exists()


class EmailTests:
    def test_the_confirmation_carries_the_event_and_the_link_for_the_participant(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            register(workshop, cast.cio_a)
        (message,) = mail.outbox
        assert message.to == [cast.cio_a.email]
        assert "You are registered" in message.subject
        assert SECRET_LINK in message.body
        ((name, content, mimetype),) = message.attachments
        event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
        assert SECRET_LINK in str(event["DESCRIPTION"])
        assert event.decoded("DTSTART") == workshop.local_start()

    def test_the_confirmation_states_the_time_in_the_participants_office_zone(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        cast.office_a.time_zone = "Asia/Tokyo"
        cast.office_a.save()
        workshop.start_date = workshop.end_date = datetime.date(2030, 1, 14)
        workshop.save()
        with django_capture_on_commit_callbacks(execute=True):
            register(workshop, cast.cio_a)
        body = mail.outbox[0].body
        # 09:00 in Geneva (UTC+1 in winter) is 17:00 in Tokyo.
        assert "14 January 2030, 09:00" in body
        assert "In your office's time zone (Asia/Tokyo): 14 January 2030, 17:00" in body

    def test_nothing_is_sent_when_the_registration_is_rolled_back(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        from django.db import transaction

        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            register(workshop, cast.cio_a)
            transaction.set_rollback(True)
        assert mail.outbox == []
        assert not Registration.objects.exists()


class RegisterViewTests:
    def test_a_visitor_is_asked_to_sign_in(self, client, workshop):
        response = client.get(workshop.url + "register/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_an_account_outside_the_network_is_refused(self, client, workshop):
        client.force_login(factories.UserFactory())
        assert client.get(workshop.url + "register/").status_code == 403

    def test_a_member_answers_the_events_questions_and_gets_a_place(self, as_role, workshop, cast):
        visa = factories.RegistrationQuestionFactory(page=workshop, label="Visa letter?")
        needs = factories.RegistrationQuestionFactory(
            page=workshop, label="Accessibility needs", kind="text"
        )
        client = as_role("cio_a")
        response = client.post(
            workshop.url + "register/", {f"q{visa.pk}": "yes", f"q{needs.pk}": "Step-free access"}
        )
        assert response.status_code == 302
        registration = Registration.objects.get(user=cast.cio_a)
        assert registration.is_confirmed
        assert registration.answers == {str(visa.pk): True, str(needs.pk): "Step-free access"}
        assert registration.office == cast.office_a

    def test_the_form_speaks_of_answers_only_when_the_event_asks_questions(self, as_role, workshop):
        client = as_role("cio_a")
        without = client.get(workshop.url + "register/").content.decode()
        assert "uses your answers" not in without
        assert "waiting list" in without
        factories.RegistrationQuestionFactory(page=workshop, label="Visa letter?")
        assert "uses your answers" in client.get(workshop.url + "register/").content.decode()

    def test_each_yes_or_no_question_is_a_group_named_by_its_question(self, as_role, workshop):
        factories.RegistrationQuestionFactory(page=workshop, label="Visa letter?", required=True)
        page = BeautifulSoup(
            as_role("cio_a").get(workshop.url + "register/").content, "html.parser"
        )
        group = page.select_one("main form fieldset")
        assert group.legend.get_text(" ", strip=True) == "Visa letter? (required)"
        assert [label.get_text(strip=True) for label in group.select("label")] == ["Yes", "No"]

    def test_a_required_answer_left_out_is_explained_and_nothing_is_stored(self, as_role, workshop):
        factories.RegistrationQuestionFactory(page=workshop, label="Visa letter?", required=True)
        response = as_role("cio_a").post(workshop.url + "register/", {})
        assert response.status_code == 400
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one(".field--error .field__errors")
        assert not Registration.objects.exists()

    def test_registering_after_the_deadline_is_explained(self, as_role, workshop):
        workshop.registration_closes_on = timezone.localdate() - datetime.timedelta(days=1)
        workshop.save()
        response = as_role("cio_a").post(workshop.url + "register/", {})
        assert response.status_code == 400
        assert "closed" in response.content.decode()
        assert not Registration.objects.exists()

    def test_cancelling_on_the_page_frees_the_place_for_the_next_person(
        self, as_role, workshop, cast
    ):
        workshop.capacity = 1
        workshop.save()
        register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)
        client = as_role("cio_a")
        assert client.get(workshop.url + "cancel/").status_code == 405
        assert client.post(workshop.url + "cancel/").status_code == 302
        assert statuses(workshop)[cast.cio_b.email] == RegistrationStatus.CONFIRMED

    def test_the_page_shows_places_left_then_the_waiting_position(self, as_role, workshop, cast):
        page = BeautifulSoup(as_role("cio_a").get(workshop.url).content, "html.parser")
        assert "2 places left." in page.find(id="registration-heading").parent.get_text()
        register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)
        register(workshop, cast.member)
        text = as_role("member").get(workshop.url).content.decode()
        assert "You are on the waiting list, number 1." in text
        assert "You are registered." in as_role("cio_b").get(workshop.url).content.decode()


class TranslationTests:
    def test_readers_of_a_translation_share_the_originals_places(self, rf, workshop, cast):
        from wagtail.models import Locale

        from portal.workshops.views import pages as views

        french = Locale.objects.get_or_create(language_code="fr")[0]
        translation = workshop.copy_for_translation(french, copy_parents=True)
        translation.save_revision().publish()
        assert translation.original == workshop
        register(workshop, cast.cio_a)
        register(workshop, cast.cio_b)

        request = rf.get("/")
        request.user = cast.member
        context = views.workshop_page_context(request, translation)
        assert context["places_left"] == 0
        request.user = cast.cio_a
        context = views.workshop_page_context(request, translation)
        assert context["registration"].is_confirmed
        assert context["show_online_link"]
