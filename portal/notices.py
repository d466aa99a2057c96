"""Telling someone something once: a record per person and notice, written in the same
transaction as the notification and the e-mail that tell them. The database refuses a
second record (a unique constraint), so a command that tells people may run as often as
wanted, from as many schedulers as there are."""

from collections.abc import Callable

from django.db import IntegrityError, transaction


def tell_once(record: Callable[[], object], tell: Callable[[], None]) -> bool:
    """Write the record, then tell; False, and nothing told, when it was already recorded."""
    try:
        with transaction.atomic():
            record()
            tell()
    except IntegrityError:
        return False
    return True
