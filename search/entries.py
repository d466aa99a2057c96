"""The shape of a search entry before it is stored, and what every source needs."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils import timezone

from wagtail.models import Page

PAGE_SOURCE = "wagtailcore.page"
# The readers of an entry anyone may find; otherwise an entry names the reader keys
# (search.registry.register_readers) that may find it, e.g. ["network.members"].
EVERYONE: tuple[str, ...] = ()


@dataclass
class EntryData:
    """The fields of a search.SearchEntry, built from one object."""

    source: str
    source_pk: str
    kind: str
    title: str
    url: str
    # Who may find it: EVERYONE, or reader keys. Required, so that no source forgets it.
    readers: tuple[str, ...] | list[str]
    # The object's own prose, shown in excerpts; other words it is found by (taxonomy
    # names, structured facts) go in ``terms``, so that no excerpt runs them together.
    body: str = ""
    terms: str = ""
    context: str = ""
    language: str = ""
    date: datetime.datetime | None = None
    category_id: int | None = None
    office_ids: list[int] = field(default_factory=list)
    language_codes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.source_pk)

    @property
    def audience(self) -> str:
        return "restricted" if self.readers else "public"

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


def source_key(obj: Model) -> tuple[str, str]:
    """The (source, source_pk) under which an object's entry is stored."""
    if isinstance(obj, Page):
        return (PAGE_SOURCE, str(obj.pk))
    return (obj._meta.label_lower, str(obj.pk))


def guess_language(text: str) -> str:
    """The language of text with no declared language, by its script: enough to pick a
    stemmer (Latin-script text is stemmed as English)."""
    counts = {"ru": 0, "ar": 0, "zh": 0, "en": 0}
    for char in text[:2000]:
        if "\u0400" <= char <= "\u04ff":
            counts["ru"] += 1
        elif "\u0600" <= char <= "\u06ff":
            counts["ar"] += 1
        elif "\u4e00" <= char <= "\u9fff":
            counts["zh"] += 1
        elif char.isalpha():
            counts["en"] += 1
    return max(counts, key=lambda code: (counts[code], code == "en"))


def as_datetime(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
