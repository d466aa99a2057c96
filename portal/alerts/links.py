"""Signed links to one saved search that work without signing in: unsubscribing from its
e-mails and reading its feed. Each purpose has its own salt, so one link cannot stand in
for the other; neither expires (an old e-mail's link must still unsubscribe)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

UNSUBSCRIBE_SALT = "portal.alerts.unsubscribe"
FEED_SALT = "portal.alerts.feed"


def _token(alert_id: int, salt: str) -> str:
    return signing.Signer(salt=salt).sign(str(alert_id))


def alert_id_from(token: str, *, salt: str) -> int | None:
    """The saved search's id the token was made for, or None if it was not made here."""
    try:
        value = signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isascii() and value.isdigit() else None


def unsubscribe_token(alert) -> str:
    return _token(alert.pk, UNSUBSCRIBE_SALT)


def feed_token(alert) -> str:
    return _token(alert.pk, FEED_SALT)


def unsubscribe_url(alert, *, language: str | None = None) -> str:
    """Absolute; in ``language`` (the address's prefix), else the unprefixed address."""
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("alerts:unsubscribe", args=[unsubscribe_token(alert)])
    return settings.PORTAL_BASE_URL + path


def feed_url(alert, kind: str = "rss") -> str:
    return reverse(f"alerts:feed_{kind}", args=[feed_token(alert)])
