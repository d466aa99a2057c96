"""Indexes to walk the newest matches of one kind, year or category (search.postgres):
each facet's index on (facet, date, id) replaces the one on the facet alone, which it
serves as well.

PostgreSQL only; on SQLite the table stays empty.
"""

from django.db import migrations

RECENT = "date DESC NULLS LAST, entry_id DESC"
INDEXES = {
    "search_entryindex_kind_recent": f"(kind, {RECENT})",
    "search_entryindex_year_recent": f"(year, {RECENT})",
    "search_entryindex_category_recent": f"(category_id, {RECENT})",
}
REPLACED = {"search_entryindex_kind": "(kind)", "search_entryindex_year": "(year)"}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, definition in INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON search_entryindex {definition}")
        for name in REPLACED:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("ANALYZE search_entryindex")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, definition in REPLACED.items():
            cursor.execute(f"CREATE INDEX {name} ON search_entryindex {definition}")
        for name in INDEXES:
            cursor.execute(f"DROP INDEX {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0007_entry_word_pairs"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
