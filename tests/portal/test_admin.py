"""The secretariat creates and publishes each publishing page type in the Wagtail admin."""

from wagtail.test.utils.form_data import rich_text, streamfield

import pytest

from portal.models import NewsArticlePage, StandardPage
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db


def test_admin_creates_a_standard_page(editor_client, home):
    page = publish_through_admin(
        editor_client,
        home,
        StandardPage,
        {
            "title": "Terms of use",
            "slug": "terms",
            "intro": "How the portal may be used.",
            "body": streamfield([("paragraph", rich_text("<p>Be kind.</p>"))]),
        },
    )
    assert editor_client.get(page.url).status_code == 200


def test_admin_creates_a_news_article(editor_client, site_tree):
    page = publish_through_admin(
        editor_client,
        site_tree.news,
        NewsArticlePage,
        {
            "title": "Survey results",
            "slug": "survey-results",
            "date": "2025-04-20",
            "summary": "42 member states answered.",
            "body": streamfield([("paragraph", rich_text("<p>Details.</p>"))]),
        },
    )
    assert "42 member states answered." in editor_client.get(page.url).content.decode()


@pytest.mark.parametrize(
    "model_path",
    [
        "network.OfficeIndexPage",
        "catalogue.CatalogueIndexPage",
        "taskforces.TaskForceIndexPage",
        "workshops.WorkshopIndexPage",
        "portal.NewsIndexPage",
    ],
)
def test_admin_creates_each_area_index_once(editor_client, home, model_path):
    from django.apps import apps

    model = apps.get_model(model_path)
    page = publish_through_admin(
        editor_client, home, model, {"title": "Area", "slug": "area", "intro": "Welcome."}
    )
    assert editor_client.get(page.url).status_code == 200
    assert not model.can_create_at(home), "Each area has a single index page."
