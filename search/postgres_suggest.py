"""Suggestions on PostgreSQL: titles with every word typed, the last one as the start of a
word, through the GIN index of the titles' words (search_entryindex.title_words, unstemmed:
the start of a word must find it). The database engine (search.database) asks here."""

from django.db import connection

from search.engine import Suggestion
from search.permissions import SearchScope
from search.postgres import ENTRIES, INDEX, _execute_planned, _visible
from search.segmentation import segment_query
from search.tsquery import quoted_lexeme

SUGGEST_SQL = """
    SELECT s.kind, s.title, s.url FROM (
        SELECT e.entry_id, ts_rank(e.title_words, to_tsquery('simple', %s)) AS rank
        FROM {index} e
        WHERE e.title_words @@ to_tsquery('simple', %s) AND {visible}
        ORDER BY rank DESC, e.entry_id DESC LIMIT %s
    ) AS top
    JOIN {entries} s ON s.id = top.entry_id
    ORDER BY top.rank DESC, s.id DESC
"""


def suggest(text: str, *, scope: SearchScope, limit: int) -> list[Suggestion]:
    """Titles with every word typed, the last one as the start of a word."""
    words = [word for word in segment_query(text).replace("-", " ").split() if word]
    if not words:
        return []
    query = " & ".join([*map(quoted_lexeme, words[:-1]), quoted_lexeme(words[-1]) + ":*"])
    visible, visible_params = _visible(scope)
    with connection.cursor() as cursor:
        _execute_planned(
            cursor,
            SUGGEST_SQL.format(index=INDEX, entries=ENTRIES, visible=visible),
            [query, query, *visible_params, limit],
        )
        return [Suggestion(kind=kind, title=title, url=url) for kind, title, url in cursor]
