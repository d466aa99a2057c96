"""A section lists each item once, in the reader's language where it is translated and in
its original otherwise, whether or not the section itself is translated."""

from django.utils import translation

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from search import sources
from search.templatetags.search_tags import localised
from tests import factories

pytestmark = pytest.mark.django_db


def translate(page, locale, **fields):
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def french():
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def news(site_tree, french):
    """Two articles, one translated into French; the news section translated too."""
    translated = factories.NewsArticlePageFactory(
        parent=site_tree.news, title="The network is launched", slug="launch"
    )
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Survey results", slug="survey")
    translate(site_tree.news, french, title="Actualités")
    translate(translated, french, title="Le réseau est lancé", slug="lancement")
    return site_tree.news


def titles(response, selector="main h2, main h3") -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [tag.get_text(" ", strip=True) for tag in soup.select(selector)]


def test_a_translated_section_lists_its_translations_and_the_untranslated_originals(client, news):
    response = client.get("/fr/news/")
    assert response.status_code == 200
    shown = " | ".join(titles(response))
    assert "Le réseau est lancé" in shown
    assert "Survey results" in shown
    assert "The network is launched" not in shown


def test_the_original_section_lists_each_article_once_in_english(client, news):
    shown = " | ".join(titles(client.get("/news/")))
    assert shown.count("The network is launched") == 1
    assert "Le réseau est lancé" not in shown
    assert "Survey results" in shown


def test_the_home_page_shows_the_latest_news_once_in_the_readers_language(client, news):
    french = " | ".join(titles(client.get("/fr/"), "main a"))
    english = " | ".join(titles(client.get("/"), "main a"))
    assert "Le réseau est lancé" in french and "The network is launched" not in french
    assert "The network is launched" in english and "Le réseau est lancé" not in english


def test_workshops_and_task_forces_are_listed_once(client, site_tree, cast, french):
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Dialogue")
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    translate(site_tree.workshops, french, title="Ateliers")
    translate(workshop, french, title="Dialogue (fr)", slug="dialogue-fr")
    translate(site_tree.taskforces, french, title="Équipes")
    translate(taskforce, french, title="Outils IA", slug="outils-ia")
    for address, translated, original in [
        ("/fr/workshops/", "Dialogue (fr)", "Dialogue"),
        ("/fr/task-forces/", "Outils IA", "AI tools"),
    ]:
        page = client.get(address).content.decode()
        assert page.count(translated) >= 1, address
        assert f">{original}<" not in page, address


def test_links_to_untranslated_pages_keep_the_readers_language(client, news):
    soup = BeautifulSoup(client.get("/fr/news/").content, "html.parser")
    hrefs = [link["href"] for link in soup.select("main a[href]")]
    assert "/fr/news/survey/" in hrefs
    assert "/fr/news/lancement/" in hrefs
    assert not [href for href in hrefs if href.startswith("/news/")]
    original = client.get("/fr/news/survey/")
    assert original.status_code == 200
    assert BeautifulSoup(original.content, "html.parser").html["lang"] == "fr"


def test_a_link_inside_english_content_follows_the_reader(client, news, french):
    article = news.get_children().get(slug="survey").specific
    with translation.override("fr"):
        assert article.url == "/fr/news/survey/"
    with translation.override("ar"):
        assert article.url == "/ar/news/survey/"
    assert article.url == "/news/survey/"


def test_alternates_and_search_entries_keep_each_pages_own_address(client, news):
    soup = BeautifulSoup(client.get("/fr/news/lancement/").content, "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["en"].endswith("/news/launch/")
    assert alternates["fr"].endswith("/fr/news/lancement/")
    french_article = (
        news.get_children()
        .get(slug="launch")
        .get_translation(Locale.objects.get(language_code="fr"))
    )
    with translation.override("ar"):  # an Arabic-speaking editor publishes
        entry = sources.entry_for(french_article.specific)
    assert entry.url == "/fr/news/lancement/"
    with translation.override("es"):
        assert localised(entry.url) == "/es/news/lancement/"
