"""Every e-mail is written in its reader's language: invitations, workshop confirmations,
answered catalogue questions, sign-in mails; English when nothing says otherwise."""

import datetime

from django.contrib.auth.signals import user_logged_in
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from catalogue import services as catalogue_services
from catalogue.models import Question
from network import services as network_services
from network.models import MemberRole, User
from portal.emails import send_templated_email
from portal.workshops import services as workshop_services
from tests import factories

pytestmark = pytest.mark.django_db


def translated(language: str, message: str) -> str:
    """The catalogue's translation, checked to be one (so a test cannot pass in English)."""
    with translation.override(language):
        text = gettext(message)
    assert text != message, f"no {language} translation of {message!r}"
    return text


def set_language(user: User, language: str) -> User:
    user.language = language
    user.save(update_fields=["language"])
    return user


INVITATION_SUBJECT = "Your invitation to the IP Offices ICT Network"
REGISTERED_SUBJECT = "You are registered: %(title)s"


class InvitationTests:
    @pytest.mark.parametrize("language", ["es", "fr"])
    def test_an_invitation_is_written_in_the_language_chosen_for_it(
        self, language, cast, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            network_services.invitation_create(
                email="nueva@example.org",
                role=MemberRole.EXPERT,
                office=cast.office_a,
                invited_by=cast.secretariat,
                language=language,
            )
        (message,) = mail.outbox
        assert message.subject == translated(language, INVITATION_SUBJECT)
        assert (
            translated(language, "Create your account with this link. It works once, for 14 days:")
            in message.body
        )

    def test_an_invitation_is_in_english_by_default_whatever_the_senders_language(
        self, cast, django_capture_on_commit_callbacks
    ):
        with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
            network_services.invitation_create(
                email="new@example.org",
                role=MemberRole.EXPERT,
                office=cast.office_a,
                invited_by=cast.secretariat,
            )
        (message,) = mail.outbox
        assert message.subject == INVITATION_SUBJECT

    def test_the_account_an_invitation_creates_keeps_its_language(self, cast):
        invitation, token = network_services.invitation_create(
            email="nueva@example.org",
            role=MemberRole.EXPERT,
            office=cast.office_a,
            invited_by=cast.secretariat,
            language="es",
        )
        user = network_services.invitation_accept(
            token=token, first_name="Nueva", last_name="Persona", password="a long pass phrase 42"
        )
        assert user.preferred_language == "es"


class WorkshopConfirmationTests:
    @pytest.fixture
    def workshop(self, site_tree):
        return factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            title="Workshop on ST.96",
            slug="st96",
            capacity=10,
            start_date=datetime.date(2031, 3, 28),
            end_date=datetime.date(2031, 3, 28),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(12, 0),
        )

    @pytest.mark.parametrize("language", ["es", "fr"])
    def test_a_registration_is_confirmed_in_the_members_language(
        self, language, workshop, cast, django_capture_on_commit_callbacks
    ):
        set_language(cast.member, language)
        with django_capture_on_commit_callbacks(execute=True):
            workshop_services.registration_create(workshop=workshop, user=cast.member)
        (message,) = mail.outbox
        assert message.subject == translated(language, REGISTERED_SUBJECT) % {
            "title": "Workshop on ST.96"
        }
        assert translated(language, "The attached file puts the event in your calendar.") in (
            message.body
        )
        with translation.override(language):
            month = gettext("March")
        assert month in message.body

    def test_a_member_who_chose_nothing_is_written_to_in_english(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            workshop_services.registration_create(workshop=workshop, user=cast.member)
        (message,) = mail.outbox
        assert message.subject == "You are registered: Workshop on ST.96"
        assert "28 March 2031, 09:00 – 12:00 (Europe/Zurich)" in message.body


class CatalogueQuestionTests:
    @pytest.fixture
    def question(self, cast, site_tree) -> Question:
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue, title="Formality checker", provider_offices=[cast.office_b]
        )
        return Question.objects.create(entry=entry, asked_by=cast.member, body="Does it read PCT?")

    def test_an_answer_reaches_the_asker_in_their_language(
        self, question, cast, django_capture_on_commit_callbacks
    ):
        set_language(cast.member, "es")
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            catalogue_services.question_answer(question=question, user=cast.cio_b, answer="Sí.")
        (message,) = mail.outbox
        assert message.to == [cast.member.email]
        assert translated("es", "You asked") in message.body
        assert translated("es", "Answer") in message.body
        assert "Formality checker" in message.subject


class SharedSendingTests:
    def test_recipients_in_different_languages_each_get_their_own_copy(
        self, cast, django_capture_on_commit_callbacks
    ):
        set_language(cast.cio_a, "fr")
        set_language(cast.cio_b, "es")
        with django_capture_on_commit_callbacks(execute=True):
            send_templated_email(
                "network/emails/invitation",
                {"invitation": None, "link": "/x/", "inviter": None},
                to=[cast.cio_a.email, cast.cio_b, "nobody@example.org"],
            )
        subjects = {message.to[0]: message.subject for message in mail.outbox}
        assert subjects == {
            cast.cio_a.email: translated("fr", INVITATION_SUBJECT),
            cast.cio_b.email: translated("es", INVITATION_SUBJECT),
            "nobody@example.org": INVITATION_SUBJECT,
        }

    def test_a_password_reset_mail_follows_the_accounts_language(self, client, cast):
        set_language(cast.member, "es")
        for person in (cast.cio_a, cast.member):
            client.post("/accounts/password/reset/", {"email": person.email})
        english, spanish = mail.outbox
        assert english.to == [cast.cio_a.email] and spanish.to == [cast.member.email]
        assert english.subject != spanish.subject
        assert "contraseña" in spanish.subject


class RememberedLanguageTests:
    def sign_in(self, user, language):
        request = RequestFactory().get("/")
        request.LANGUAGE_CODE = language
        user_logged_in.send(sender=User, request=request, user=user)
        user.refresh_from_db()
        return user

    def test_signing_in_records_the_language_until_one_is_chosen(self, cast):
        assert self.sign_in(cast.member, "ar").preferred_language == "ar"
        assert self.sign_in(cast.member, "fr").preferred_language == "ar"

    def test_the_language_chosen_on_my_profile_is_kept(self, as_role, cast):
        client = as_role("member")
        form = client.get(reverse("network:my_profile")).context["form"]
        assert form["language"].value() == "en"
        data = {
            "first_name": "Mo",
            "last_name": "Member",
            "job_title": "",
            "bio": "",
            "phone": "",
            "expertise": "",
            "language": "zh-hans",
        }
        response = client.post(reverse("network:my_profile"), data)
        assert response.status_code == 302
        cast.member.refresh_from_db()
        assert cast.member.preferred_language == "zh-hans"
        assert self.sign_in(cast.member, "fr").preferred_language == "zh-hans"
