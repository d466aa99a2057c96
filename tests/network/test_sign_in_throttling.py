"""Guessing passwords is slowed down per address without locking the owner out, and the
client's address is read from X-Forwarded-For only when a trusted proxy wrote it."""

from django.core import mail
from django.test import Client, RequestFactory

import pytest

from network.client_address import client_ip
from tests import factories
from tests.accounts import enable_two_factor, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-test-password"
ATTACKER = "198.51.100.7"
OWNER = "203.0.113.20"
PROXY = "10.0.0.2"
REFUSED = "Too many failed login attempts"


def sign_in(client, email, password, **headers):
    return client.post("/accounts/login/", {"login": email, "password": password}, **headers)


def guess(email, times, **headers):
    """``times`` wrong passwords; the responses' texts."""
    attacker = Client()
    return [
        sign_in(attacker, email, f"guess number {n}", **headers).content.decode()
        for n in range(times)
    ]


@pytest.fixture
def owner():
    user = factories.MemberFactory().user
    secret = enable_two_factor(user)
    return user, secret


def signs_in_with_two_factor(user, secret, **headers) -> bool:
    client = Client()
    response = sign_in(client, user.email, PASSWORD, **headers)
    if response.status_code != 302 or response["Location"] != "/accounts/2fa/authenticate/":
        return False
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)}, **headers)
    return client.get("/accounts/profile/").status_code == 200


def signs_in_with_password(user, **headers) -> bool:
    client = Client()
    response = sign_in(client, user.email, PASSWORD, **headers)
    return response.status_code == 302 and client.get("/accounts/profile/").status_code == 200


class LockOutTests:
    def test_ten_wrong_passwords_from_one_address_leave_the_owner_able_to_sign_in(self, owner):
        user, secret = owner
        guess(user.email, 10, REMOTE_ADDR=ATTACKER)
        assert signs_in_with_two_factor(user, secret, REMOTE_ADDR=OWNER)

    def test_an_owner_without_a_second_factor_signs_in_too(self):
        user = factories.MemberFactory().user
        guess(user.email, 10, REMOTE_ADDR=ATTACKER)
        assert signs_in_with_password(user, REMOTE_ADDR=OWNER)

    def test_the_guessing_address_is_refused_after_five_guesses_even_the_right_password(
        self, owner
    ):
        user, _ = owner
        pages = guess(user.email, 10, REMOTE_ADDR=ATTACKER)
        assert [REFUSED in page for page in pages] == [False] * 5 + [True] * 5
        response = sign_in(Client(), user.email, PASSWORD, REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200
        assert REFUSED in response.content.decode()

    def test_one_address_guessing_at_many_accounts_is_refused_after_ten_a_minute(self):
        emails = [factories.MemberFactory().user.email for _ in range(11)]
        attacker = Client()
        pages = [
            sign_in(attacker, email, "wrong", REMOTE_ADDR=ATTACKER).content.decode()
            for email in emails
        ]
        assert [REFUSED in page for page in pages] == [False] * 10 + [True]

    def test_guesses_from_many_addresses_leave_only_a_second_factor_a_way_in(self, owner, settings):
        settings.ACCOUNT_RATE_LIMITS = {
            **settings.ACCOUNT_RATE_LIMITS,
            "login_failed_account": "3/h/key",
        }
        user, secret = owner
        plain = factories.MemberFactory().user
        for n in range(3):
            guess(user.email, 1, REMOTE_ADDR=f"198.51.100.{n + 10}")
            guess(plain.email, 1, REMOTE_ADDR=f"198.51.100.{n + 10}")
        assert signs_in_with_two_factor(user, secret, REMOTE_ADDR=OWNER)
        assert not signs_in_with_password(plain, REMOTE_ADDR=OWNER)


class ClientAddressTests:
    def address(self, peer, forwarded=None):
        headers = {"REMOTE_ADDR": peer}
        if forwarded is not None:
            headers["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_ip(RequestFactory().get("/", **headers))

    def test_without_trusted_proxies_the_peer_is_the_client(self):
        assert self.address("127.0.0.1", "203.0.113.99") == "127.0.0.1"
        assert self.address(ATTACKER, "203.0.113.99") == ATTACKER

    def test_a_trusted_proxy_names_the_client(self, settings):
        settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
        assert self.address(PROXY, OWNER) == OWNER
        # The client wrote the left-hand part; the proxy appended the real address.
        assert self.address(PROXY, f"203.0.113.99, {ATTACKER}") == ATTACKER
        # Two trusted proxies in a row: the address before them.
        assert self.address(PROXY, f"{ATTACKER}, 10.1.2.3") == ATTACKER
        assert self.address("2001:db8::1", ATTACKER) == ATTACKER
        assert self.address(PROXY) == PROXY
        assert self.address(PROXY, "not an address") == PROXY
        # An untrusted peer's header is ignored even when proxies are configured.
        assert self.address(ATTACKER, OWNER) == ATTACKER

    def test_a_spoofed_header_from_an_untrusted_peer_does_not_escape_the_limit(self, owner):
        user, secret = owner
        pages = [
            guess(user.email, 1, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")[0]
            for n in range(6)
        ]
        assert REFUSED in pages[-1]
        # Nor can the attacker pass as the owner's address.
        assert signs_in_with_two_factor(
            user, secret, REMOTE_ADDR=OWNER, HTTP_X_FORWARDED_FOR=ATTACKER
        )

    def test_behind_a_trusted_proxy_each_client_is_limited_on_its_own(self, owner, settings):
        settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/8"]
        user, secret = owner
        pages = [
            guess(
                user.email,
                1,
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
            )[0]
            for n in range(6)
        ]
        assert REFUSED in pages[-1]
        assert signs_in_with_two_factor(user, secret, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)


class OneWayInTests:
    def test_wagtails_front_end_sign_in_is_not_a_way_around_the_second_factor(self, owner):
        user, _ = owner
        client = Client()
        response = client.get("/_util/login/?next=/documents/1/budget.pdf")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/documents/1/budget.pdf"
        response = client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert client.get("/accounts/profile/").status_code == 302


class PasswordResetPathTests:
    def test_wagtails_reset_form_is_gone_and_leads_to_the_sites(self):
        user = factories.MemberFactory().user
        client = Client()
        response = client.get("/admin/password_reset/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password/reset/"
        response = client.post("/admin/password_reset/", {"email": user.email})
        assert response.status_code == 302
        assert mail.outbox == []
        assert client.get("/admin/password_reset/done/").status_code == 404
        assert client.get("/admin/password_reset/confirm/MQ/set-password/").status_code == 404

    def test_the_sites_reset_form_sends_the_link(self):
        user = factories.MemberFactory().user
        client = Client()
        page = client.get("/accounts/password/reset/", follow=True)
        assert page.status_code == 200
        assert 'name="email"' in page.content.decode()
        client.post("/accounts/password/reset/", {"email": user.email})
        assert len(mail.outbox) == 1
        assert "/accounts/password/reset/key/" in mail.outbox[0].body
