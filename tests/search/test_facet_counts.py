"""Facet counts on PostgreSQL with two facets chosen (search.postgres): each chosen facet
is counted among the newest matches meeting the other choice, the rest among those
meeting both, whichever way each set of matches is read (whole and sorted, or newest
first through an index), and nothing the reader may not read is counted."""

import datetime

import pytest

from search import postgres
from search.engine import SearchRequest
from search.entries import EntryData
from search.permissions import SearchScope
from search.services import entries_store
from tests import factories
from tests.search.conftest import CAP, ON_POSTGRESQL

pytestmark = [pytest.mark.django_db, ON_POSTGRESQL]
# Newest first: (kind, language, readers). The newest is for members only.
ENTRIES = [
    ("news", "en", ["network.members"]),
    ("workshop", "en", []),
    ("news", "fr", []),
    ("news", "en", []),
    ("workshop", "en", []),
    ("news", "en", []),
    ("news", "fr", []),
    ("workshop", "fr", []),
    ("news", "en", []),
    ("news", "en", []),
]


@pytest.fixture
def entries(db, small_cap):
    for code in ("en", "fr"):
        factories.LanguageFactory(code=code, name=code)
    newest = datetime.datetime(2025, 6, 30, tzinfo=datetime.UTC)
    entries_store(
        data=[
            EntryData(
                source="tests.entry",
                source_pk=str(number),
                kind=kind,
                title=f"Entry {number}",
                url=f"/entries/{number}/",
                readers=readers,
                body="Cloud hosting of the register.",
                language=language,
                date=newest - datetime.timedelta(days=number),
                language_codes=[language],
            )
            for number, (kind, language, readers) in enumerate(ENTRIES)
        ]
    )


@pytest.mark.parametrize("expected_matches", [0, 10**6], ids=["read whole", "newest first"])
def test_two_chosen_facets_each_count_among_the_newest_meeting_the_other(
    entries, monkeypatch, expected_matches
):
    # The planner's estimate decides how each set is read; both ways count the same.
    monkeypatch.setattr(postgres, "_estimate", lambda where, params: expected_matches)
    results = postgres.search(
        SearchRequest(
            query="cloud",
            scope=SearchScope(readers=frozenset()),
            filters={"kind": "news", "language": "en"},
        )
    )
    assert (results.total, results.capped) == (CAP, True)  # four public news in English
    # Kinds among the newest three public entries in English: entries 1, 3 and 4.
    assert results.facet_counts["kind"] == {"workshop": 2, "news": 1}
    # Languages among the newest three public news: entries 2, 3 and 5.
    assert results.facet_counts["language"] == {"fr": 1, "en": 2}
    # Years among the newest three public news in English.
    assert results.facet_counts["year"] == {"2025": 3}
    # The page is ranked among the newest CAP + 1: all four, not the members' entry 0.
    assert {hit.url for hit in results.hits} == {f"/entries/{n}/" for n in (3, 5, 8, 9)}


@pytest.mark.parametrize("expected_matches", [0, 10**6], ids=["read whole", "newest first"])
def test_under_the_cap_two_chosen_facets_count_every_match(entries, monkeypatch, expected_matches):
    # Every set holds all its matches: the set for both choices is the other sets' narrowed.
    monkeypatch.setattr(postgres, "RESULT_CAP", 100)
    monkeypatch.setattr(postgres, "_estimate", lambda where, params: expected_matches)
    results = postgres.search(
        SearchRequest(
            query="cloud",
            scope=SearchScope(readers=frozenset()),
            filters={"kind": "news", "language": "en"},
            sort="date",
        )
    )
    assert (results.total, results.capped) == (4, False)
    assert results.facet_counts["kind"] == {"workshop": 2, "news": 4}
    assert results.facet_counts["language"] == {"fr": 2, "en": 4}
    assert [hit.url for hit in results.hits] == [f"/entries/{n}/" for n in (3, 5, 8, 9)]
