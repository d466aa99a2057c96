"""The forum translated with wagtail-localize: its categories are named in the reader's
language on the forum's page, in the workspace, on a thread and in the new-thread form,
while threads stay filed under the original's categories."""

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from taskforces import selectors
from taskforces.models import ForumCategory, Thread
from tests.localize import translate_page
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

FRENCH = {
    "Forum": "Forum",
    "forum": "forum",
    "Where every member of the network asks and answers.": (
        "Là où chaque membre du réseau demande et répond."
    ),
    "Be kind; no confidential information.": "Soyez courtois ; rien de confidentiel.",
    "Questions to peers": "Questions aux pairs",
    "Announcements": "Annonces",
}


@pytest.fixture
def french_forum(forum_workspace, django_capture_on_commit_callbacks):
    forum = forum_workspace.taskforce
    forum.save_revision().publish()
    french = Locale.objects.get_or_create(language_code="fr")[0]
    return translate_page(forum, french, FRENCH, django_capture_on_commit_callbacks)


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return " ".join(main.get_text().split())


def test_categories_are_translated_rows_of_the_translation(forum_workspace, french_forum):
    originals = list(forum_workspace.taskforce.categories.all())
    translated = list(french_forum.categories.all())
    assert [c.translation_key for c in translated] == [c.translation_key for c in originals]
    assert [c.name for c in translated] == ["Questions aux pairs", "Annonces"]
    # Only moderators post in announcements, in every language.
    assert [c.moderators_only for c in translated] == [c.moderators_only for c in originals]


def test_a_french_reader_sees_the_categories_in_french(forum_workspace, french_forum, client):
    client.force_login(forum_workspace.member)
    page = text_of(client.get("/fr/forum/"))
    assert "Questions aux pairs" in page and "Annonces" in page
    workspace = text_of(client.get("/fr/forum/workspace/"))
    assert "Questions aux pairs" in workspace
    assert "Questions to peers" not in workspace
    thread = text_of(client.get(f"/fr/forum/workspace/threads/{forum_workspace.thread.pk}/"))
    assert "Questions aux pairs" in thread
    form = BeautifulSoup(
        client.get("/fr/forum/workspace/threads/new/").content, "html.parser"
    ).select_one("select[name=category]")
    assert [o.get_text(strip=True) for o in form.select("option") if o["value"]] == [
        "Questions aux pairs"
    ]


def test_the_english_forum_stays_in_english(forum_workspace, french_forum, client):
    client.force_login(forum_workspace.member)
    workspace = text_of(client.get("/forum/workspace/"))
    assert "Questions to peers" in workspace
    assert "Questions aux pairs" not in workspace


def test_a_thread_started_in_french_is_filed_under_the_original_category(
    forum_workspace, french_forum, client
):
    client.force_login(forum_workspace.member)
    original = forum_workspace.thread.category
    response = client.post(
        "/fr/forum/workspace/threads/new/",
        {"category": original.pk, "title": "Nuage", "body": "Qui est passé au nuage ?"},
    )
    assert response.status_code == 302
    thread = Thread.objects.get(title="Nuage")
    assert thread.taskforce_id == forum_workspace.taskforce.pk
    assert thread.category == original
    # A category of the translation is not one threads are filed under.
    french_category = ForumCategory.objects.get(forum=french_forum, name="Questions aux pairs")
    refused = client.post(
        "/fr/forum/workspace/threads/new/",
        {"category": french_category.pk, "title": "Autre", "body": "Non."},
    )
    assert refused.status_code == 400
    assert not Thread.objects.filter(title="Autre").exists()


def test_naming_the_categories_costs_one_query(forum_workspace, french_forum, client, monkeypatch):
    client.force_login(forum_workspace.member)
    named = count_queries(client, "/fr/forum/workspace/")
    monkeypatch.setattr(selectors, "category_words", lambda taskforce: {})
    assert named == count_queries(client, "/fr/forum/workspace/") + 1
    # In the original's language, none.
    monkeypatch.undo()
    english = count_queries(client, "/forum/workspace/")
    monkeypatch.setattr(selectors, "category_words", lambda taskforce: {})
    assert english == count_queries(client, "/forum/workspace/")
