"""The sitemap lists every live public page at its address in every language, and only
those; robots.txt points at it."""

import re

from wagtail.models import Locale, PageViewRestriction

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]


@pytest.fixture
def sitemap(client, site_tree):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    about = site_tree.about.copy_for_translation(french, copy_parents=True)
    about.slug = "a-propos"
    about.save_revision().publish()
    factories.NewsArticlePageFactory(parent=site_tree.news, slug="published")
    factories.NewsArticlePageFactory(parent=site_tree.news, slug="draft-article", live=False)
    private = factories.StandardPageFactory(parent=site_tree.home, slug="members-only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    factories.StandardPageFactory(parent=private, slug="below-members-only")
    factories.TaskForcePageFactory(parent=site_tree.taskforces, slug="ai-tools")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


def locations(xml: str) -> set[str]:
    return set(re.findall(r"<loc>([^<]+)</loc>", xml))


def test_every_public_page_is_listed_in_every_language(sitemap):
    listed = locations(sitemap)
    for path in ["", "catalogue/", "news/published/", "task-forces/ai-tools/"]:
        for language in LANGUAGES:
            prefix = "" if language == "en" else f"{language}/"
            assert f"http://localhost/{prefix}{path}" in listed, (language, path)


def test_a_translated_page_is_listed_at_its_own_address(sitemap):
    listed = locations(sitemap)
    assert "http://localhost/fr/a-propos/" in listed
    assert "http://localhost/fr/about/" not in listed
    assert "http://localhost/es/about/" in listed
    assert 'hreflang="fr" href="http://localhost/fr/a-propos/"' in sitemap


def test_drafts_private_pages_and_workspaces_are_never_listed(sitemap):
    for secret in ["draft-article", "members-only", "below-members-only", "workspace"]:
        assert secret not in sitemap, secret


def test_robots_txt_points_at_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /my/" in text and "Disallow: /ar/my/" in text
