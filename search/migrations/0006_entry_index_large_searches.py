"""What searches with thousands of matches need on PostgreSQL (search.postgres): the
entries' reader keys in their index rows (search_entryindex.readers, copied from
search_entryreader), and indexes to read the newest matches first, the matches with the
words in their title, and the kind and year filters.

PostgreSQL only (an array column, and an index on an expression of the tsvector); on
SQLite the table stays empty.
"""

from django.db import migrations

INDEXES = {
    "search_entryindex_recent": "(date DESC NULLS LAST, entry_id DESC)",
    # The title's lexemes are the only ones weighted A.
    "search_entryindex_title_gin": "USING gin (ts_filter(search_vector, '{a}'))",
    "search_entryindex_kind": "(kind)",
    "search_entryindex_year": "(year)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE search_entryindex ADD COLUMN readers text[] NOT NULL DEFAULT '{}'"
        )
        cursor.execute(
            "UPDATE search_entryindex e SET readers = r.keys FROM (SELECT entry_id,"
            " array_agg(key ORDER BY key) AS keys FROM search_entryreader GROUP BY entry_id) r"
            " WHERE r.entry_id = e.entry_id"
        )
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON search_entryindex {definition}")
        cursor.execute("ANALYZE search_entryindex")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("ALTER TABLE search_entryindex DROP COLUMN readers")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0005_query_log"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
