"""Writes of saved searches, and the e-mails they send: every rule is here, once."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

from portal.alerts import links, selectors
from portal.alerts.models import Frequency, SavedSearch
from portal.emails import reader_preferences, send_templated_email

logger = logging.getLogger(__name__)

# Enough for anyone's work; a bound on what the daily run re-searches per person.
MAX_ALERTS_PER_USER = 50


def alert_create(
    *, user, name: str, source: str, query: str, params: str, frequency: str, language: str
) -> SavedSearch:
    """Save a search to be alerted about; ValidationError past the limit."""
    with transaction.atomic():
        # Serialise one person's saves, so two at once cannot pass the limit together.
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
        if SavedSearch.objects.filter(user=user).count() >= MAX_ALERTS_PER_USER:
            raise ValidationError(
                ngettext(
                    "You already have %(counter)s alert, the most one can keep. "
                    "Delete one on “My alerts” before adding another.",
                    "You already have %(counter)s alerts, the most one can keep. "
                    "Delete one on “My alerts” before adding another.",
                    MAX_ALERTS_PER_USER,
                )
                % {"counter": MAX_ALERTS_PER_USER},
                code="limit",
            )
        return SavedSearch.objects.create(
            user=user,
            name=name,
            source=source,
            query=query,
            params=params,
            frequency=frequency,
            language=language,
        )


def alert_set_frequency(*, alert: SavedSearch, frequency: str) -> None:
    alert.frequency = frequency
    alert.save(update_fields=["frequency"])


def alert_delete(*, alert: SavedSearch) -> None:
    """Delete the alert: its e-mails stop, its feed address answers 404 from now on."""
    alert.delete()


def due_alerts(now: datetime.datetime):
    """Active alerts of active accounts not sent today (daily) or in the last 7 days."""
    today = now.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        SavedSearch.objects.filter(active=True, user__is_active=True)
        .filter(
            Q(last_sent_at__isnull=True)
            | Q(frequency=Frequency.DAILY, last_sent_at__lt=today)
            | Q(frequency=Frequency.WEEKLY, last_sent_at__lt=today - datetime.timedelta(days=6))
        )
        .select_related("user")
        .order_by("pk")
    )


def alerts_send_due(*, now: datetime.datetime | None = None) -> int:
    """E-mail each due alert's new matches; the number of e-mails sent.

    New is first published (or created) after the last e-mail and no later than ``now``,
    and readable by the person now, by the same rules the page applies. Nothing new,
    nothing sent. Running twice a day sends nothing more: a sent alert is not due again
    until the next day (or week), and later runs only look past what was sent.
    """
    now = now or timezone.now()
    sent = 0
    for alert in due_alerts(now).iterator(chunk_size=200):
        try:
            sent += alert_send(alert=alert, now=now)
        except Exception:  # noqa: BLE001 - one broken alert must not stop everyone's
            logger.exception("Saved search %s could not be sent.", alert.pk)
    return sent


def alert_send(*, alert: SavedSearch, now: datetime.datetime) -> bool:
    """E-mail the alert's new matches, if any, and record when; True if an e-mail went."""
    matches = selectors.new_matches(alert, user=alert.user, since=alert.since, until=now)
    if not matches:
        return False
    _address, language, _zone = reader_preferences(alert.user)
    unsubscribe = links.unsubscribe_url(alert)
    with transaction.atomic():
        updated = SavedSearch.objects.filter(
            pk=alert.pk, last_sent_at=alert.last_sent_at, active=True
        ).update(last_sent_at=now)
        if not updated:
            # Sent (or stopped) by another run meanwhile.
            return False
        send_templated_email(
            "alerts/emails/alert",
            {
                "alert": alert,
                "matches": matches,
                "unsubscribe_url": links.unsubscribe_url(alert, language=language),
                "search_url": selectors.search_url(alert),
            },
            to=[alert.user],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
    return True


def alert_unsubscribe(*, alert: SavedSearch) -> None:
    """Stop the alert from its e-mail's link: deleted, as from "My alerts"."""
    alert_delete(alert=alert)
