"""Telling someone something once: a record per person and notice, written in the same
transaction as the notification and the e-mail that tell them. The database refuses a
second record (a unique constraint), so a command that tells people may run as often as
wanted, from as many schedulers as there are."""

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from portal import localised_names


def tell_once(record: Callable[[], object], tell: Callable[[], None]) -> bool:
    """Write the record, then tell; False, and nothing told, when it was already recorded."""
    try:
        with transaction.atomic():
            record()
            tell()
    except IntegrityError:
        return False
    return True


def due(pages: QuerySet, *, closing: bool, now: datetime.datetime, window: datetime.timedelta):
    """The live originals of ``pages`` (pages with ``opens_at`` and ``closes_at``) that are
    open now, or, with ``closing``, that close within ``window``. The originals only: what
    people answer and the notices belong to them, whatever the translations."""
    live = pages.live().filter(locale__language_code=localised_names.default_language())
    if closing:
        return live.filter(closes_at__gt=now, closes_at__lte=now + window)
    return live.filter(opens_at__lte=now, closes_at__gt=now)
