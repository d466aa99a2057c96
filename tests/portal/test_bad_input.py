"""Every listing, filter and posted id of every app, fed hostile values: never a 5xx.

Each case names who asks, how, where and which parameters; every hostile value goes into
each parameter in turn. A NUL character is refused with a 400 wherever it appears.
"""

from dataclasses import dataclass
from urllib.parse import quote

import pytest

from taskforces.models import MembershipRole
from tests import factories

pytestmark = pytest.mark.django_db

NUL = "\x00"
HOSTILE = [
    NUL,
    f"a{NUL}b",
    "\u00b3",  # "³": str.isdigit() says yes, int() says no
    "\u0661\u0662",  # Arabic-Indic "12"
    "-1",
    "0",
    "9" * 40,
    "x" * 5000,
    "%",
    "%00",
]


@dataclass
class World:
    urls: dict[str, str]
    people: dict[str, object]


@pytest.fixture
def world(site_tree, cast) -> World:
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Shared e-filing", provider_offices=[cast.office_a]
    )
    entry.save_revision().publish()
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, slug="ai-tools")
    factories.MembershipFactory(taskforce=taskforce, user=cast.cio_a, role=MembershipRole.CHAIR)
    thread = factories.ThreadFactory(taskforce=taskforce, author=cast.cio_a, title="Pilots")
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops)
    return World(
        urls={
            "catalogue": site_tree.catalogue.url,
            "entry": entry.url,
            "network": site_tree.network.url,
            "workshops": site_tree.workshops.url,
            "workshop": workshop.url,
            "news": site_tree.news.url,
            "thread": taskforce.workspace_url("thread", thread.pk),
            "members": taskforce.workspace_url("members"),
            "actions": taskforce.workspace_url("actions"),
        },
        people={"member": cast.member, "chair": cast.cio_a, "secretariat": cast.secretariat},
    )


# (who, method, address, parameters); an address may name a page of the world.
CASES = [
    ("visitor", "get", "{catalogue}", ["q", "sort", "page", "compare", "region", "tag", "office"]),
    ("visitor", "get", "{catalogue}", ["category", "kind", "licence", "language", "standard"]),
    ("visitor", "get", "{catalogue}compare/", ["entries", "entry"]),
    ("visitor", "get", "{catalogue}export/csv/", ["q", "tag", "sort"]),
    ("visitor", "get", "{catalogue}export/json/", ["q", "office"]),
    ("visitor", "get", "/api/catalogue/entries", ["q", "sort", "page", "page_size", "tag"]),
    ("visitor", "get", "/api/catalogue/entries", ["category", "office", "region", "kind"]),
    ("visitor", "get", "/api/catalogue/entries/{value}", []),
    ("visitor", "get", "{catalogue}{value}/", []),
    ("visitor", "get", "{network}", ["q", "region", "kind", "language", "page"]),
    ("member", "get", "{network}people/{value}/", []),
    ("member", "get", "{network}people/", ["q", "region", "kind", "language", "expertise"]),
    ("member", "get", "{network}people/", ["page"]),
    ("secretariat", "get", "{network}assessments/export/", ["year"]),
    ("secretariat", "post", "{network}nominations/", ["nomination", "decision"]),
    ("visitor", "get", "{workshops}", ["kind", "year", "language", "page"]),
    ("visitor", "get", "{news}", ["page"]),
    ("secretariat", "post", "{workshop}participants/", ["cancel"]),
    ("member", "get", "/my/notifications/", ["page"]),
    ("member", "post", "/my/notifications/read/", ["notification"]),
    ("member", "post", "/my/notifications/settings/", ["email_mode"]),
    ("chair", "get", "{thread}", ["quote"]),
    ("chair", "post", "{members}", ["action", "membership", "role"]),
    ("chair", "post", "{actions}", ["owner", "due_on", "meeting"]),
    ("chair", "post", "{entry}adoption/", ["office"]),
    ("member", "post", "{entry}interest/", ["interested"]),
]


def _fill(address: str, world: World, value: str = "") -> str:
    return address.format(value=quote(value, safe=""), **world.urls)


@pytest.mark.parametrize(("who", "method", "address", "names"), CASES)
def test_hostile_values_never_cost_a_server_error(client, world, who, method, address, names):
    if who != "visitor":
        client.force_login(world.people[who])
    failures = []
    for value in HOSTILE:
        requests = (
            [(_fill(address, world, value), {})]
            if not names
            else [(_fill(address, world), {name: value}) for name in names]
        )
        for url, params in requests:
            response = getattr(client, method)(url, params)
            refused_as_expected = NUL not in value or response.status_code == 400
            if response.status_code >= 500 or not refused_as_expected:
                failures.append((url, params, response.status_code))
    assert failures == []
