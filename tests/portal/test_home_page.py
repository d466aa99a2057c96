"""The home page's key figures and its calls to action for visitors and members."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def add_content(site_tree, n: int) -> None:
    for _ in range(n):
        office = factories.OfficePageFactory(parent=site_tree.network)
        factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, provider_offices=[office])
        factories.WorkshopPageFactory(parent=site_tree.workshops)
    past = datetime.date.today() - datetime.timedelta(days=60)
    factories.WorkshopPageFactory(parent=site_tree.workshops, start_date=past, end_date=past)


def figures(client) -> dict[str, str]:
    page = BeautifulSoup(client.get("/").content, "html.parser")
    return {
        link.find(class_="key-figures__label").get_text(strip=True): (
            link.find(class_="key-figures__number").get_text(strip=True),
            link["href"],
        )
        for link in page.find(class_="key-figures").find_all("a")
    }


def test_the_home_page_counts_offices_solutions_and_upcoming_events(client, site_tree):
    add_content(site_tree, 3)
    assert figures(client) == {
        "offices in the network": ("3", "/network/"),
        "solutions in the catalogue": ("3", "/catalogue/"),
        "upcoming events": ("3", "/workshops/"),
    }


def test_the_home_pages_queries_do_not_grow_with_the_content(client, site_tree):
    add_content(site_tree, 1)
    few = count_queries(client, "/")
    add_content(site_tree, 6)
    assert count_queries(client, "/") == few


def test_visitors_are_invited_to_browse_and_members_to_work(client, cast):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    actions = page.find(class_="calls-to-action").get_text(" ", strip=True)
    assert "Browse the catalogue" in actions
    assert "See upcoming workshops" in actions
    assert "For members" not in actions
    client.force_login(cast.secretariat)
    page = BeautifulSoup(client.get("/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in page.find(class_="calls-to-action")("a")}
    assert "/admin/pages/add/catalogue/catalogueentrypage/" in links["List your office's solution"]
