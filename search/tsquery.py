"""From what a reader types to PostgreSQL tsquery text (search.postgres searches with it).

Every query word is looked up in each configuration of QUERY_CONFIGS and its forms
deduplicated ("classification" is 'classif' | 'classification'); words that are stop
words in one of them are dropped from plain queries; quoted words are a phrase.
"""

import re

from django.db import connection

from modelsearch.query import And, Not, Or, Phrase, PlainText
from wagtail.search.utils import parse_query_string

from search.backends import QUERY_CONFIGS
from search.segmentation import segment_query

# Per word: whether it is a stop word in one of QUERY_CONFIGS, and its tsqueries in each
# (deduplicated: "classification" is 'classif' in three languages). The dictionaries never
# change while the site runs, so each word is asked about once per process.
_words: dict[str, tuple[bool, tuple[str, ...]]] = {}
WORD_CACHE_SIZE = 50_000


def quoted_lexeme(word: str) -> str:
    """A word as one quoted lexeme of tsquery text (quotes and backslashes doubled)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _learn(words: list[str]) -> None:
    unknown = sorted({word for word in words if word not in _words})
    if not unknown:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, bool_or(numnode(plainto_tsquery(config, word)) = 0),"
            " array_agg(DISTINCT to_tsquery(config, quoted)::text)"
            " FROM unnest(%s::text[], %s::text[]) AS w(word, quoted),"
            " unnest(%s::regconfig[]) AS config GROUP BY word",
            [unknown, [quoted_lexeme(word) for word in unknown], QUERY_CONFIGS],
        )
        if len(_words) > WORD_CACHE_SIZE:
            _words.clear()
        for word, stop, queries in cursor.fetchall():
            _words[word] = (stop, tuple(sorted(query for query in queries if query)))


def _any_of(queries) -> str | None:
    queries = [f"( {query} )" for query in queries if query]
    return " | ".join(queries) if queries else None


def _all_of(queries) -> str | None:
    queries = [f"( {query} )" for query in queries if query]
    return " & ".join(queries) if queries else None


def _plain(text: str) -> str | None:
    """Every word required, each in any language; words that are stop words in one of the
    languages are dropped (otherwise "on", kept by the French stemmer, would be required
    of English text), unless every word is one."""
    words = list(dict.fromkeys(word for word in text.replace("-", " ").split() if word))
    _learn(words)
    kept = [word for word in words if not _words[word][0]] or words
    return _all_of(_any_of(_words[word][1]) for word in kept)


# A phrase's tsquery in each of QUERY_CONFIGS (deduplicated), asked once per process.
_phrases: dict[str, tuple[str, ...]] = {}


def _phrase_queries(text: str) -> tuple[str, ...]:
    if text not in _phrases:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array_agg(DISTINCT phraseto_tsquery(config, %s)::text)"
                " FROM unnest(%s::regconfig[]) AS config",
                [text, QUERY_CONFIGS],
            )
            if len(_phrases) > WORD_CACHE_SIZE:
                _phrases.clear()
            _phrases[text] = tuple(sorted(query for query in cursor.fetchone()[0] if query))
    return _phrases[text]


def _phrase(text: str) -> str | None:
    return _any_of(_phrase_queries(text))


def _compile(query) -> str | None:
    if isinstance(query, PlainText):
        return _plain(query.query_string)
    if isinstance(query, Phrase):
        return _phrase(query.query_string)
    if isinstance(query, And):
        parts = [_compile(part) for part in query.subqueries]
        return None if None in parts else _all_of(parts)
    if isinstance(query, Or):
        return _any_of(_compile(part) for part in query.subqueries)
    if isinstance(query, Not):
        return None  # Only "nothing to look for" (a query with no words) comes as Not.
    return None


def tsquery(query: str) -> str | None:
    """The reader's query as tsquery text, or None when it can match nothing."""
    _filters, parsed = parse_query_string(segment_query(query), operator="and")
    return _compile(parsed)


# --- Word pairs: what a phrase's matches must hold ------------------------------------

# A phrase query as PostgreSQL writes it: quoted lexemes joined by <-> (next word) or <N>.
PHRASE_PART = re.compile(r"\s*'((?:[^']|'')*)'\s*(<->|<\d+>)?")


def _phrase_pairs(phrase: str) -> str | None:
    """The word pairs (search.postgres.pairs) a phrase query requires, as tsquery text:
    each two lexemes joined by <->. None when it requires none (one word, or a shape
    other than lexemes in a row)."""
    lexemes, operators, position = [], [], 0
    while position < len(phrase):
        part = PHRASE_PART.match(phrase, position)
        if part is None:
            return None
        lexemes.append(part.group(1).replace("''", "'").replace("\\\\", "\\"))
        operators.append(part.group(2))
        position = part.end()
    pairs = [
        quoted_lexeme(f"{first} {second}")
        for first, second, operator in zip(lexemes, lexemes[1:], operators, strict=False)
        if operator == "<->"
    ]
    return " & ".join(pairs) or None


def _pairs(query) -> str | None:
    if isinstance(query, Phrase):
        alternatives = [_phrase_pairs(phrase) for phrase in _phrase_queries(query.query_string)]
        return None if None in alternatives or not alternatives else _any_of(alternatives)
    if isinstance(query, And):
        return _all_of(_pairs(part) for part in query.subqueries)
    if isinstance(query, Or):
        alternatives = [_pairs(part) for part in query.subqueries]
        return None if None in alternatives else _any_of(alternatives)
    return None


def pairs_tsquery(query: str) -> str | None:
    """What the matches of the reader's query must hold among their word pairs, as
    tsquery text, or None when the query requires no pair (no phrase in it)."""
    _filters, parsed = parse_query_string(segment_query(query), operator="and")
    return _pairs(parsed)
