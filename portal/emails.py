"""Compose e-mails from templates and send them in the background after the commit.

Every e-mail is written in its reader's language and shows times in the reader's time
zone: the recipients are sorted by language and zone, and each group gets its own copy,
rendered under ``translation.override`` and ``timezone.override``. Senders only name the
recipients (accounts, or addresses that are looked up), so none can forget.
"""

import contextlib
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.tasks import send_email

# An account, or an e-mail address (looked up among the accounts).
Recipient = Any


def _known_language(code: str | None) -> str | None:
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else None


def _account_for(address: str):
    return get_user_model()._default_manager.filter(email__iexact=address).first()


def reader_preferences(
    recipient: Recipient, *, default_language: str | None = None
) -> tuple[str, str, str | None]:
    """The address, language and time-zone name to write to ``recipient`` in.

    An account says what it prefers through ``preferred_language`` and
    ``preferred_time_zone`` (the network's User); an unknown address gets
    ``default_language``, else English.
    """
    account = _account_for(recipient) if isinstance(recipient, str) else recipient
    address = recipient if isinstance(recipient, str) else recipient.email
    language = _known_language(getattr(account, "preferred_language", None))
    zone = getattr(account, "preferred_time_zone", None) if account is not None else None
    fallback = _known_language(default_language) or settings.LANGUAGE_CODE
    return address, language or fallback, zone


@contextlib.contextmanager
def reader_locale(language: str, zone: str | None = None) -> Iterator[None]:
    """Render what is inside in ``language``, and its times in ``zone`` (else the site's)."""
    with translation.override(language), timezone.override(_zone_or_default(zone)):
        yield


def _zone_or_default(zone: str | None):
    try:
        return zoneinfo.ZoneInfo(zone) if zone else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def _group_by_locale(
    recipients: Iterable[Recipient], language: str | None
) -> dict[tuple[str, str | None], list[str]]:
    groups: dict[tuple[str, str | None], list[str]] = {}
    for recipient in recipients:
        address, preferred, zone = reader_preferences(recipient)
        key = (_known_language(language) or preferred, zone)
        if address and address not in groups.setdefault(key, []):
            groups[key].append(address)
    return groups


def send_templated_email(
    template: str,
    context: dict,
    *,
    to: Iterable[Recipient],
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
    language: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` and queue the e-mail.

    Each reader gets it in their language and time zone (``language`` forces one, for
    someone without an account yet). Queued only once the current transaction commits,
    so nobody is told about something that was then rolled back. ``attachments`` are
    (file name, text, MIME type); ``headers`` are added to each copy (List-Unsubscribe).
    """
    context = {"base_url": settings.PORTAL_BASE_URL, **context}
    for (reader_language, zone), addresses in _group_by_locale(to, language).items():
        with reader_locale(reader_language, zone):
            subject = _one_line(render_to_string(f"{template}_subject.txt", context))
            body = render_to_string(f"{template}_body.txt", context)
        _queue(
            subject=subject,
            body=body,
            to=addresses,
            reply_to=reply_to,
            files=attachments,
            headers=headers,
        )


def _one_line(text: str) -> str:
    # Only ASCII white space: French puts no-break spaces before ":" and "?", to be kept.
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _queue(*, subject, body, to, reply_to, files, headers=None) -> None:
    extra = {"headers": headers} if headers else {}
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=subject, body=body, to=to, reply_to=reply_to, attachments=files, **extra
        )
    )
