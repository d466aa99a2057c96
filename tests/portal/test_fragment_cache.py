"""What every reader of a language sees alike (the home page's figures and lists, the menu,
the footer, the language switcher, the breadcrumbs) is kept between requests for members
too, shows every change at once, and never carries one reader's links to another
(portal/fragment_cache.py).
"""

from django.test import Client, override_settings

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from portal.models import Secretariat
from portal.page_cache import page_cache
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _footer_setting(site_tree):
    # Saved once in a real site; the first page rendered would create it (and purge).
    Secretariat.load()


def page(client, url: str = "/") -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def figures(soup: BeautifulSoup) -> dict[str, str]:
    return {
        link.find(class_="key-figures__label").get_text(strip=True): link.find(
            class_="key-figures__number"
        ).get_text(strip=True)
        for link in soup.find(class_="key-figures").find_all("a")
    }


def menu(soup: BeautifulSoup) -> list[str]:
    return [link.get_text(strip=True) for link in soup.select(".main-nav a")]


def test_a_members_second_home_page_takes_fewer_queries_and_shows_the_same(site_tree, cast):
    factories.OfficePageFactory(parent=site_tree.network)
    client = Client()
    client.force_login(cast.member)
    fresh = count_queries(client, "/")
    with override_settings(PORTAL_FRAGMENT_CACHE=False):
        expected = figures(page(client))
    kept = count_queries(client, "/", fragments=True)
    assert kept < fresh
    assert figures(page(client)) == expected


def test_a_new_office_is_counted_at_once_for_members_and_visitors(site_tree, cast):
    factories.OfficePageFactory(parent=site_tree.network)
    member = Client()
    member.force_login(cast.member)
    before = figures(page(member))["offices in the network"]
    assert figures(page(Client()))["offices in the network"] == before

    factories.OfficePageFactory(parent=site_tree.network)
    assert int(figures(page(member))["offices in the network"]) == int(before) + 1
    assert int(figures(page(Client()))["offices in the network"]) == int(before) + 1


def test_a_renamed_area_shows_in_the_menu_at_once(site_tree, cast):
    member = Client()
    member.force_login(cast.member)
    assert "Workshops" in " ".join(menu(page(member)))
    workshops = site_tree.workshops
    workshops.title = "Events"
    workshops.save_revision().publish()
    shown = " ".join(menu(page(member)))
    assert "Events" in shown and "Workshops" not in shown


def test_the_link_to_propose_an_entry_stays_with_whoever_may_add_one(site_tree, cast):
    editor = Client()
    editor.force_login(cast.secretariat)
    proposal = "/admin/pages/add/catalogue/catalogueentrypage/"
    assert proposal in str(page(editor))
    # The figure was kept when the secretariat read the page; the link was not.
    assert proposal not in str(page(Client()))
    member = Client()
    member.force_login(cast.member)
    assert proposal not in str(page(member))


def test_each_language_keeps_its_own_menu(site_tree):
    french = site_tree.workshops.copy_for_translation(
        Locale.objects.get_or_create(language_code="fr")[0], copy_parents=True
    )
    french.title = "Ateliers"
    french.save_revision().publish()
    assert "Ateliers" in " ".join(menu(page(Client(), "/fr/")))
    english = " ".join(menu(page(Client(), "/")))
    assert "Workshops" in english and "Ateliers" not in english
    assert "Ateliers" in " ".join(menu(page(Client(), "/fr/")))


def test_the_language_switcher_leads_to_the_page_being_read(site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree.news, slug="launch")
    for url in ("/", article.url):
        switcher = page(Client(), url).find(class_="language-switcher")
        targets = {field["value"] for field in switcher.find_all("input", attrs={"name": "next"})}
        assert f"/fr{url}" in targets, (url, targets)


def kept_fragments() -> int:
    cache = page_cache()
    if hasattr(cache, "keys"):  # django-redis
        return len(cache.keys("fragment:*"))
    return sum("fragment:" in key for key in cache._cache)


def test_made_up_addresses_keep_nothing_of_their_own(site_tree):
    visitor = Client()
    page(visitor, "/news/")

    def made_up(n: int) -> None:
        assert visitor.get(f"/news/made-up-{n}/").status_code == 404
        assert visitor.get(f"/fr/no-such-page-{n}/").status_code == 404

    made_up(0)  # the menu and the footer in French, kept once for every French page
    kept = kept_fragments()
    for n in range(1, 6):
        made_up(n)
    assert kept_fragments() == kept
    page(visitor, "/")
    assert kept_fragments() > kept


def breadcrumbs(soup: BeautifulSoup) -> list[str]:
    return [item.get_text(strip=True) for item in soup.select(".breadcrumbs li")]


def test_a_renamed_section_shows_in_its_pages_breadcrumbs_at_once(site_tree, cast):
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Launched")
    member = Client()
    member.force_login(cast.member)
    assert "News" in breadcrumbs(page(member, article.url))
    news = site_tree.news
    news.title = "Announcements"
    news.save_revision().publish()
    for reader in (member, Client()):
        trail = breadcrumbs(page(reader, article.url))
        assert "Announcements" in trail and "News" not in trail, trail


def test_a_sub_routes_switcher_leads_to_the_same_sub_route(site_tree, cast):
    member = Client()
    member.force_login(cast.member)
    page(member, "/network/")  # the directory's own addresses, kept first
    switcher = page(member, "/network/people/").find(class_="language-switcher")
    targets = {field["value"] for field in switcher.find_all("input", attrs={"name": "next"})}
    assert "/fr/network/people/" in targets, targets
    assert "/ar/network/people/" in targets, targets


def test_an_entrys_kept_details_follow_each_publication(site_tree, cast):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="IPAS", provider_offices=[cast.office_a]
    )
    entry.save_revision().publish()
    member = Client()
    member.force_login(cast.member)
    assert cast.office_a.title in str(page(member, entry.url))
    entry.provider_offices.set([cast.office_b])
    entry.save_revision().publish()
    for reader in (member, Client()):
        details = page(reader, entry.url).find(class_="facts").get_text()
        assert cast.office_b.title in details and cast.office_a.title not in details
