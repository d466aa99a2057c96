"""A page behind a view restriction, or below one, is neither listed nor served to
visitors: lists, the menu and serving each check restrictions inside their own queries."""

from wagtail.models import PageViewRestriction

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def restrict(page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_restricted_article_is_neither_listed_nor_served(client, site_tree):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Open news")
    secret = factories.NewsArticlePageFactory(parent=site_tree.news, title="Closed news")
    restrict(secret)
    for url in ("/", "/news/"):
        content = client.get(url).content.decode()
        assert "Open news" in content
        assert "Closed news" not in content
    response = client.get(secret.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_below_a_restricted_section_nothing_is_listed_served_or_in_the_menu(client, site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Inner news")
    restrict(site_tree.news)
    home = client.get("/").content.decode()
    assert "Inner news" not in home
    assert 'href="/news/"' not in home
    assert 'href="/workshops/"' in home
    assert client.get(article.url).status_code == 302


def test_members_read_what_a_sign_in_restriction_keeps_from_visitors(client, site_tree, cast):
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Inner news")
    restrict(site_tree.news)
    client.force_login(cast.member)
    assert "Inner news" in client.get(article.url).content.decode()
