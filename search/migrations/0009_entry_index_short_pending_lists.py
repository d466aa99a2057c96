"""Short pending lists for site search's GIN indexes (search.postgres).

A GIN index keeps new entries in a pending list until a vacuum or a full list (4 MB by
default) merges them into the index, and every search through the index reads the whole
list: 500 pages, 5 to 10 ms a search, for the title index after loading 50,000 entries
when nothing vacuums the table. At 256 kB the list is merged every 32 pages by the write
that fills it (a search reads 0.5 ms of it at most); loading 50,000 entries took about
15 % longer, against 60 % at 64 kB, the least PostgreSQL allows (docs/search.md). The
lists as they stand are merged now.

PostgreSQL only; on SQLite there are no such indexes.
"""

from django.db import migrations

GIN_INDEXES = [
    "search_entryindex_vector_gin",
    "search_entryindex_title_words_gin",
    "search_entryindex_title_gin",
    "search_entrywordpairs_gin",
]
PENDING_LIST_KB = 256


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in GIN_INDEXES:
            cursor.execute(f"ALTER INDEX {name} SET (gin_pending_list_limit = {PENDING_LIST_KB})")
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in GIN_INDEXES:
            cursor.execute(f"ALTER INDEX {name} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0008_entry_index_dated_facets"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
