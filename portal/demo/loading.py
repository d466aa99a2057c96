"""What every demo loader shares: the data files, the run's tallies and find-or-create.

Every loader finds what exists by a natural key (a slug, a code, an e-mail address) and
creates only what is missing, so that loading the demo twice changes nothing the second
time.
"""

import datetime
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models

from wagtail.models import Locale, Page, TranslatableMixin

# A password every demo account shares; load_demo refuses to run in production.
DEMO_PASSWORD = "network-demo"  # noqa: S105
# The demo administrator, who also stands in for offices without a head of ICT.
SECRETARIAT_EMAIL = "secretariat@example.org"

DATA_DIR = Path(__file__).parent / "data"


@cache
def read_data(name: str) -> dict[str, Any]:
    """The parsed contents of ``data/<name>.toml``."""
    with (DATA_DIR / f"{name}.toml").open("rb") as data_file:
        return tomllib.load(data_file)


@dataclass
class Tally:
    """How many things of one kind the demo holds, and how many this run created."""

    label: str
    total: int = 0
    created: int = 0

    def add(self, created: bool) -> None:
        self.total += 1
        self.created += int(created)


@dataclass
class SiteSections:
    """The index pages under the home page that the loaders add pages to."""

    home: Page
    network: Page
    catalogue: Page
    taskforces: Page
    workshops: Page
    news: Page


@dataclass
class DemoRun:
    """Collects tallies, reports each step as it finishes, and carries what later loaders
    need from earlier ones: the site's sections, the offices by code, the users by e-mail."""

    report: Callable[[str], None]
    tallies: list[Tally] = field(default_factory=list)
    sections: SiteSections | None = None
    offices: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def step(self, label: str) -> Tally:
        tally = Tally(label)
        self.tallies.append(tally)
        return tally

    def done(self, tally: Tally) -> None:
        self.report(f"  {tally.label}: {tally.total} ({tally.created} new)")

    @property
    def created(self) -> int:
        return sum(tally.created for tally in self.tallies)


def ensure(model: type[models.Model], lookup: dict[str, Any], **defaults) -> tuple[Any, bool]:
    """The row matching ``lookup``, created with ``defaults`` if missing; never updated."""
    return model.objects.get_or_create(**lookup, defaults=defaults)


def ensure_page(
    parent: Page,
    model: type[Page],
    *,
    slug: str,
    relations: dict[str, Iterable] | None = None,
    **fields,
) -> tuple[Page, bool]:
    """The child of ``parent`` with ``slug``, created and published if missing.

    ``relations`` sets many-to-many fields (provider offices, languages, tags) before the
    first revision, so that the published page carries them.
    """
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    for name, values in (relations or {}).items():
        getattr(page, name).set(list(values))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def heading(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def by_key(model: type[models.Model], key: str) -> dict[str, Any]:
    """Every row of ``model`` by the value of its field ``key``; of a translatable model
    (taxonomies, pages), the originals only: relations point at them."""
    rows = model.objects.all()
    if issubclass(model, TranslatableMixin):
        rows = rows.filter(locale=Locale.get_default())
    return {getattr(row, key): row for row in rows}


def next_weekday(start: datetime.date, weekday: int, *, weeks_ahead: int) -> datetime.date:
    """The first given weekday (0 = Monday) at least ``weeks_ahead`` weeks after ``start``."""
    day = start + datetime.timedelta(weeks=weeks_ahead)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)
