"""Writing PostgreSQL's rows for site search entries (search.postgres reads them): one
statement per batch for the index rows (search.EntryIndex), one for the word pairs
(search.EntryWordPairs). Called by the search backend (search.backends) whenever Wagtail
indexes entries."""

from django.db import connection

from portal.models import Language
from search.models import EntryIndex, EntryReader, EntryWordPairs, SearchEntry
from search.segmentation import segment_for_index

ENTRIES = SearchEntry._meta.db_table
READERS = EntryReader._meta.db_table
ENTRY_OFFICES = SearchEntry.offices.through._meta.db_table
ENTRY_LANGUAGES = SearchEntry.languages.through._meta.db_table
LANGUAGES = Language._meta.db_table
INDEX = EntryIndex._meta.db_table
PAIRS = EntryWordPairs._meta.db_table

# Only table names and constants are interpolated into SQL below; values are parameters.
WRITE_INDEX_SQL = f"""
    INSERT INTO {INDEX}
        (entry_id, search_vector, title_words, audience, kind, category_id, year, date,
         office_ids, languages, readers)
    SELECT e.id,
        setweight(to_tsvector(v.config::regconfig, v.title), 'A')
            || setweight(to_tsvector(v.config::regconfig, v.body), 'D')
            || setweight(to_tsvector(v.config::regconfig, v.terms), 'D'),
        to_tsvector('simple', v.title),
        e.audience, e.kind, e.category_id, e.year, e.date,
        ARRAY(SELECT o.officepage_id FROM {ENTRY_OFFICES} o WHERE o.searchentry_id = e.id),
        ARRAY(SELECT l.code FROM {ENTRY_LANGUAGES} t JOIN {LANGUAGES} l ON l.id = t.language_id
              WHERE t.searchentry_id = e.id),
        ARRAY(SELECT r.key FROM {READERS} r WHERE r.entry_id = e.id)
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])
        AS v(id, config, title, body, terms)
    JOIN {ENTRIES} e ON e.id = v.id
    ON CONFLICT (entry_id) DO UPDATE SET
        search_vector = EXCLUDED.search_vector, title_words = EXCLUDED.title_words,
        audience = EXCLUDED.audience, kind = EXCLUDED.kind,
        category_id = EXCLUDED.category_id, year = EXCLUDED.year, date = EXCLUDED.date,
        office_ids = EXCLUDED.office_ids, languages = EXCLUDED.languages,
        readers = EXCLUDED.readers
"""  # noqa: S608


# Each two lexemes next to each other (positions p and p + 1) in the entries' tsvectors,
# joined by a space: a phrase's pairs (search.tsquery.pairs_tsquery) must all be there.
WRITE_PAIRS_SQL = f"""
    INSERT INTO {PAIRS} (entry_id, pairs)
    SELECT i.entry_id, (
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)),
                        ''::tsvector)
        FROM (SELECT u.lexeme, p FROM unnest(i.search_vector) AS u, unnest(u.positions) AS p) a
        JOIN (SELECT u.lexeme, p FROM unnest(i.search_vector) AS u, unnest(u.positions) AS p) b
            ON b.p = a.p + 1)
    FROM {INDEX} i WHERE i.entry_id = ANY(%s)
    ON CONFLICT (entry_id) DO UPDATE SET pairs = EXCLUDED.pairs
"""  # noqa: S608


def write_index(entries) -> None:
    """Write the index rows and word pairs of these saved entries (a batch in two
    statements)."""
    rows = [
        (
            entry.pk,
            entry.search_config,
            segment_for_index(entry.title),
            segment_for_index(entry.body),
            segment_for_index(entry.terms),
        )
        for entry in entries
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.execute(WRITE_INDEX_SQL, [list(column) for column in zip(*rows, strict=True)])
            cursor.execute(WRITE_PAIRS_SQL, [[row[0] for row in rows]])
