"""The publishing pages render what editors entered, in the site's shared layout."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


class HomePageTests:
    def test_home_page_shows_its_heading_and_what_is_new(self, client, site_tree):
        workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Codefest")
        article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Launched")
        office = factories.OfficePageFactory(parent=site_tree.network)
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue, title="IPAS", provider_offices=[office]
        )
        page = soup(client.get("/"))
        assert page.h1.get_text(strip=True) == site_tree.home.heading
        links = {a.get_text(strip=True): a["href"] for a in page.select("main a")}
        assert links[workshop.title] == workshop.url
        assert links[article.title] == article.url
        assert links[entry.title] == entry.url

    def test_past_workshops_are_not_announced_as_upcoming(self, client, site_tree):
        factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            title="Last year's dialogue",
            start_date=datetime.date(2025, 4, 14),
            end_date=datetime.date(2025, 4, 16),
        )
        assert "Last year&#x27;s dialogue" not in client.get("/").content.decode()

    def test_what_is_new_takes_as_many_queries_however_much_there_is(self, client, site_tree):
        office = factories.OfficePageFactory(parent=site_tree.network)

        def add_one_of_each(n):
            factories.WorkshopPageFactory(parent=site_tree.workshops, title=f"Workshop {n}")
            factories.NewsArticlePageFactory(parent=site_tree.news, title=f"Article {n}")
            factories.CatalogueEntryPageFactory(
                parent=site_tree.catalogue, title=f"Entry {n}", provider_offices=[office]
            )

        add_one_of_each(0)
        one = count_queries(client, "/")
        for n in range(1, 6):
            add_one_of_each(n)
        # The page, the menu, the key figures (offices, solutions, events), the footer's
        # pages and the secretariat's details: a bounded number, whatever the content.
        assert one <= 30
        assert count_queries(client, "/") == one


class StandardPageTests:
    def test_standard_page_shows_its_body(self, client, site_tree):
        site_tree.about.body = [("paragraph", "<p>Offices share their ICT solutions.</p>")]
        site_tree.about.save_revision().publish()
        page = soup(client.get("/about/"))
        assert page.h1.get_text(strip=True) == "About the network"
        assert "Offices share their ICT solutions." in page.main.get_text()


class NewsTests:
    def test_news_index_lists_articles_newest_first(self, client, site_tree):
        older = factories.NewsArticlePageFactory(
            parent=site_tree.news, title="Older", date=datetime.date(2025, 1, 1)
        )
        newer = factories.NewsArticlePageFactory(
            parent=site_tree.news, title="Newer", date=datetime.date(2025, 6, 1)
        )
        titles = [h.get_text(strip=True) for h in soup(client.get("/news/")).select("main h2")]
        assert titles == [newer.title, older.title]

    def test_draft_articles_are_not_listed(self, client, site_tree):
        draft = factories.NewsArticlePageFactory(parent=site_tree.news, title="Embargoed")
        url = draft.url
        draft.unpublish()
        assert "Embargoed" not in client.get("/news/").content.decode()
        assert client.get(url).status_code == 404

    def test_article_page_shows_date_and_summary(self, client, site_tree):
        article = factories.NewsArticlePageFactory(
            parent=site_tree.news, date=datetime.date(2025, 4, 17), summary="It happened."
        )
        page = soup(client.get(article.url))
        assert page.find("time")["datetime"] == "2025-04-17"
        assert "It happened." in page.main.get_text()
