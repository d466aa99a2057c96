"""The e-mail's unsubscribe link works without signing in: a GET asks (mail scanners open
links), a POST stops the alert, the one-click POST of RFC 8058 needs no CSRF token, and a
forged or changed token is refused with a 400 page."""

import pytest

from portal.alerts import links
from portal.alerts.models import SavedSearch
from tests.alerts.conftest import save_alert

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    client.logout()
    return client


@pytest.fixture
def strict_client():
    """A client that enforces CSRF checks, as a mail client's POST would meet them."""
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def test_get_shows_a_confirmation_and_stops_nothing(cast, visitor):
    alert = save_alert(cast.member)

    response = visitor.get(links.unsubscribe_url(alert))

    assert response.status_code == 200
    assert "Stop the e-mails" in response.content.decode()
    assert "machine translation" in response.content.decode()
    assert SavedSearch.objects.filter(pk=alert.pk).exists()
    assert "no-store" in response["Cache-Control"]


def test_the_confirmation_button_stops_the_alert_without_signing_in(cast, strict_client):
    alert = save_alert(cast.member)
    other = save_alert(cast.member, name="Other")

    response = strict_client.post(links.unsubscribe_url(alert))

    assert response.status_code == 200
    assert "Alert stopped" in response.content.decode()
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()
    assert SavedSearch.objects.filter(pk=other.pk).exists()


def test_the_one_click_post_stops_the_alert(cast, strict_client):
    alert = save_alert(cast.member)

    response = strict_client.post(
        links.unsubscribe_url(alert),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()
    # Posting again (a client that retries) is answered, not an error.
    assert strict_client.post(links.unsubscribe_url(alert)).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "1",
        "1:forged",
        "not-a-token",
        "99999999999999999999999:abc",
    ],
)
def test_a_forged_token_is_refused(cast, visitor, token):
    alert = save_alert(cast.member)

    for method in (visitor.get, visitor.post):
        response = method(f"/alerts/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert SavedSearch.objects.filter(pk=alert.pk).exists()


def test_a_token_for_another_alert_or_purpose_is_refused(cast, visitor):
    alert = save_alert(cast.member)
    mine = links.unsubscribe_token(alert)
    # Same signature, another id; and the feed's token, signed with another salt.
    other_id = f"{alert.pk + 1}:{mine.split(':', 1)[1]}"

    for token in (other_id, links.feed_token(alert)):
        response = visitor.post(f"/alerts/unsubscribe/{token}/")
        assert response.status_code == 400
    assert SavedSearch.objects.filter(pk=alert.pk).exists()
