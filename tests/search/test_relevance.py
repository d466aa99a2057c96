"""Relevance people expect, on PostgreSQL: a title match ranks above a body match, quoted
words match as a phrase, and word forms match in English, French, Spanish and Russian.

SQLite's full-text search has neither weights nor stemmers; these tests need PostgreSQL.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from wagtail.models import Locale

import pytest

from search.query import search_site
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="relevance and stemming need PostgreSQL (set DATABASE_URL=postgres://…)",
    ),
]


def titles(query: str) -> list[str]:
    return [hit.title for hit in search_site(query, user=AnonymousUser()).page]


@pytest.fixture
def corpus(site_tree, reindex):
    news = site_tree.news
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ["fr", "es", "ru"]
    }

    def article(title, summary, locale=None):
        fields = {"locale": locales[locale]} if locale else {}
        factories.NewsArticlePageFactory(parent=news, title=title, summary=summary, **fields)

    article("Budget review", "The classification backlog fell by a third this year.")
    article("Classification", "Suggestions of symbols for examiners.")
    article("Pilot results", "Our machine translation of claims works well.")
    article("Vendor notes", "The translation machine arrived in March.")
    article("Examiners classified", "Classifying incoming applications automatically.")
    article("Traduction automatique", "La traduction des brevets européens.", "fr")
    article("Clasificación", "Clasificación automática de patentes.", "es")
    article("Машинный перевод", "Машинный перевод патентных заявок.", "ru")
    reindex()


def test_a_match_in_the_title_ranks_above_one_in_the_body(corpus):
    assert titles("classification")[:2] == ["Classification", "Budget review"]


def test_quoted_words_must_appear_together_and_in_order(corpus):
    assert titles('"machine translation"') == ["Pilot results"]
    assert sorted(titles("machine translation")) == ["Pilot results", "Vendor notes"]


def test_english_word_forms_match(corpus):
    assert "Examiners classified" in titles("classify")
    assert "Examiners classified" in titles("application")


def test_french_word_forms_match(corpus):
    assert titles("traductions") == ["Traduction automatique"]
    assert titles("brevet") == ["Traduction automatique"]


def test_spanish_word_forms_match(corpus):
    assert titles("clasificaciones") == ["Clasificación"]
    assert titles("patente") == ["Clasificación"]


def test_russian_word_forms_match(corpus):
    assert titles("перевода") == ["Машинный перевод"]
    assert titles("патентный") == ["Машинный перевод"]


def test_a_russian_post_is_stemmed_as_russian(
    cast, workspace, reindex, django_capture_on_commit_callbacks
):
    from taskforces import services

    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            thread=workspace.thread, author=workspace.insider, body="Обсудим классификацию заявок."
        )
    hits = search_site("классификация", user=workspace.insider).page
    assert [hit.kind for hit in hits] == ["post"]


def test_stop_words_of_any_language_do_not_stop_a_match(corpus):
    assert titles("the classification") == titles("classification")
    assert titles("traduction des brevets") == ["Traduction automatique"]
