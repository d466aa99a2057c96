import pytest

from portal.models import HomePage, NewsArticlePage, StandardPage
from tests import factories

pytestmark = pytest.mark.django_db


class PageTreeTests:
    def test_home_page_is_a_singleton_at_the_root(self, home):
        assert HomePage.max_count == 1
        assert not HomePage.can_create_at(home.get_parent())

    def test_home_page_holds_every_area(self, home):
        allowed = {model.__name__ for model in HomePage.allowed_subpage_models()}
        assert allowed == {
            "StandardPage",
            "OfficeIndexPage",
            "CatalogueIndexPage",
            "TaskForceIndexPage",
            "WorkshopIndexPage",
            "NewsIndexPage",
            "ConsultationIndexPage",
            "ForumPage",
            "SurveyIndexPage",
        }

    def test_standard_pages_nest_under_home_and_each_other(self, home):
        about = factories.StandardPageFactory(parent=home)
        assert StandardPage.can_create_at(home)
        assert StandardPage.can_create_at(about)

    def test_articles_live_only_in_their_index(self, site_tree):
        assert NewsArticlePage.can_create_at(site_tree.news)
        assert not NewsArticlePage.can_create_at(site_tree.home)
