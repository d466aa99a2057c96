"""Invitation-only accounts, two-factor authentication for the admin, signing out everywhere."""

import datetime
import re

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator

from network.models import Invitation, Member, SeatTerm, User
from portal.asgi import application
from taskforces.events import CloseCode
from tests import factories
from tests.accounts import enable_two_factor, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for the network"


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Send an invitation from the admin; its e-mail goes out when the request commits."""

    def send(client, office, email="new.cio@example.org", role="cio"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/admin/invitations/",
                {
                    "email": email,
                    "first_name": "Nadia",
                    "last_name": "Nouri",
                    "office": office.pk,
                    "role": role,
                },
            )

    return send


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/[^/\s]+/)", message.body).group(1)


def accept(client, link, password=PASSWORD):
    return client.post(
        link,
        {"first_name": "Nadia", "last_name": "Nouri", "password1": password, "password2": password},
    )


class InvitationTests:
    def test_the_secretariat_invites_and_the_person_joins(self, cast, client, invite):
        client.force_login(cast.secretariat)
        response = invite(client, cast.office_a)
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["new.cio@example.org"]
        assert "14 days" in message.body

        newcomer = Client()
        link = link_in(message)
        form = newcomer.get(link)
        assert form.status_code == 200
        assert "Office A" in form.content.decode()
        response = accept(newcomer, link)
        assert response.status_code == 302
        user = User.objects.get(email="new.cio@example.org")
        assert user.member.office == cast.office_a
        assert user.member.role == "cio"
        assert user.emailaddress_set.get().verified
        # The new member is signed in and sees members-only pages.
        assert newcomer.get("/network/people/").status_code == 200

    def test_a_used_link_says_so_and_creates_nothing(self, cast, client, invite):
        client.force_login(cast.secretariat)
        invite(client, cast.office_a)
        link = link_in(mail.outbox[0])
        accept(Client(), link)
        second = Client()
        response = second.get(link)
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
        again = accept(second, link, password="another long passphrase")
        assert again.status_code == 410
        assert User.objects.filter(email="new.cio@example.org").count() == 1
        assert not User.objects.get(email="new.cio@example.org").check_password(
            "another long passphrase"
        )

    def test_an_expired_link_says_so_and_creates_nothing(self, cast, client, invite):
        client.force_login(cast.secretariat)
        invite(client, cast.office_a)
        link = link_in(mail.outbox[0])
        Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
        response = Client().get(link)
        assert response.status_code == 410
        assert "This invitation has expired" in response.content.decode()
        assert accept(Client(), link).status_code == 410
        assert not User.objects.filter(email="new.cio@example.org").exists()

    def test_links_are_valid_for_fourteen_days(self, cast, client, invite):
        client.force_login(cast.secretariat)
        invite(client, cast.office_a)
        invitation = Invitation.objects.get()
        assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=14)

    def test_a_new_invitation_replaces_the_old_link(self, cast, client, invite):
        client.force_login(cast.secretariat)
        invite(client, cast.office_a)
        invite(client, cast.office_a)
        old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])
        assert "was replaced" in Client().get(old).content.decode()
        assert Client().get(new).status_code == 200

    def test_an_unknown_link_is_not_found(self, db):
        response = Client().get("/accounts/invitation/not-a-real-token/")
        assert response.status_code == 404
        assert "not valid" in response.content.decode()

    def test_the_database_never_holds_a_usable_link(self, cast, client, invite):
        client.force_login(cast.secretariat)
        invite(client, cast.office_a)
        token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
        assert token not in Invitation.objects.get().token_hash

    def test_a_weak_password_is_refused_and_the_link_still_works(self, cast, client, invite):
        client.force_login(cast.secretariat)
        invite(client, cast.office_a)
        link = link_in(mail.outbox[0])
        response = accept(Client(), link, password="password")
        assert response.status_code == 400
        assert "too common" in response.content.decode()
        assert not User.objects.filter(email="new.cio@example.org").exists()
        assert Client().get(link).status_code == 200

    def test_someone_with_an_account_cannot_be_invited_again(self, cast, client, invite):
        client.force_login(cast.secretariat)
        response = invite(client, cast.office_a, email=cast.cio_b.email)
        assert response.status_code == 400
        assert "already has an account" in response.content.decode()
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_only_the_secretariat_invites(self, cast, client, invite):
        client.force_login(cast.cio_a)
        assert invite(client, cast.office_a).status_code != 200
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_nobody_signs_up_on_their_own(self, db):
        response = Client().get("/accounts/signup/")
        assert "closed" in response.content.decode().lower()
        Client().post(
            "/accounts/signup/",
            {"email": "self@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        assert not User.objects.filter(email="self@example.org").exists()


class TwoFactorTests:
    def test_the_admin_refuses_a_staff_account_without_two_factor(self, db, client):
        staff = factories.UserFactory(is_staff=True, is_superuser=True)
        client.force_login(staff)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/totp/activate/"
        assert client.get("/admin/pages/").status_code == 302

    def test_with_two_factor_set_up_sign_in_asks_for_the_code(self, db, client):
        staff = factories.UserFactory(is_staff=True, is_superuser=True, password="a-test-password")
        secret = enable_two_factor(staff)
        response = client.post(
            "/accounts/login/", {"login": staff.email, "password": "a-test-password"}
        )
        assert response["Location"] == "/accounts/2fa/authenticate/"
        assert client.get("/admin/").status_code == 302  # not signed in yet
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_wagtails_own_login_form_is_not_a_way_around(self, db, client):
        response = client.get("/admin/login/?next=/admin/pages/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/admin/pages/"


class SignOutTests:
    def test_signing_out_ends_every_session_of_the_account(self, db):
        user = factories.MemberFactory().user
        laptop, phone = Client(), Client()
        for device in (laptop, phone):
            device.post("/accounts/login/", {"login": user.email, "password": "a-test-password"})
            assert device.get("/accounts/profile/").status_code == 200
        laptop.post("/accounts/logout/")
        assert phone.get("/accounts/profile/").status_code == 302
        assert laptop.get("/accounts/profile/").status_code == 302

    # Transactional: the notification socket reads the database more than once on
    # connecting, and Channels closes a connection it finds inside a test transaction.
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_signing_out_closes_open_sockets(self, client, django_capture_on_commit_callbacks):
        user = factories.MemberFactory().user
        client.force_login(user)
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        headers = [
            (b"host", b"testserver"),
            (b"origin", b"http://testserver"),
            (b"cookie", cookie.encode()),
        ]

        def sign_out():
            with django_capture_on_commit_callbacks(execute=True):
                client.post("/accounts/logout/")

        async def scenario():
            communicator = WebsocketCommunicator(application, "/ws/notifications/", headers)
            connected, _ = await communicator.connect()
            assert connected
            await sync_to_async(sign_out)()
            message = await communicator.receive_output(timeout=3)
            await communicator.wait()
            return message

        message = async_to_sync(scenario)()
        assert message["type"] == "websocket.close"
        assert message["code"] == CloseCode.UNAUTHENTICATED


class PasswordResetTests:
    def test_a_member_resets_a_forgotten_password(self, db, django_capture_on_commit_callbacks):
        user = factories.MemberFactory().user
        client = Client()
        client.post("/accounts/password/reset/", {"email": user.email})
        assert len(mail.outbox) == 1
        link = re.search(
            r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body
        )
        response = client.get(link.group(1), follow=True)
        form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
        client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
        user.refresh_from_db()
        assert user.check_password(PASSWORD)


def test_member_rows_and_seats_exist_only_after_acceptance(cast, client, invite):
    client.force_login(cast.secretariat)
    invite(client, cast.office_a)
    assert not Member.objects.filter(user__email="new.cio@example.org").exists()
    assert not SeatTerm.objects.filter(user__email="new.cio@example.org").exists()
