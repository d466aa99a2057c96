"""A translated page's rows (inline panels) paired with the original's.

Registrations, answers and teams refer to the original page's rows; a reader of a
translation sees the translated rows. wagtail-localize gives each translated row its
original's translation key when the rows are ``TranslatableMixin`` models.
"""

from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True)
class Translated(Generic[Row]):
    """A row as the page the reader opened shows it, and the original's row, which
    registrations, answers and teams refer to."""

    shown: Row
    original: Row


def translated_rows(shown: list[Row], originals: list[Row]) -> list[Translated[Row]]:
    """Pair a translation's rows with the original's, in the original's order.

    Rows are paired by translation key; rows that do not carry their original's (a
    translation made by hand, or rows made before they were translatable) are paired by
    position. When the translation has more or fewer rows, it is out of date and the
    originals are shown.
    """
    if len(shown) != len(originals):
        return [Translated(row, row) for row in originals]
    by_key = {row.translation_key: row for row in shown}
    if all(row.translation_key in by_key for row in originals):
        return [Translated(by_key[row.translation_key], row) for row in originals]
    return [Translated(row, original) for row, original in zip(shown, originals, strict=True)]
