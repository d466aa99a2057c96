"""Phrases on PostgreSQL are looked for among the entries holding their word pairs
(search.EntryWordPairs, search.postgres): the table, its GIN index, and the pairs of the
entries already indexed, read from their tsvectors. On SQLite the table stays empty."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# A frozen copy of search.postgres_index.WRITE_PAIRS_SQL, for every indexed entry.
FILL_SQL = """
    INSERT INTO search_entrywordpairs (entry_id, pairs)
    SELECT i.entry_id, (
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)),
                        ''::tsvector)
        FROM (SELECT u.lexeme, p FROM unnest(i.search_vector) AS u, unnest(u.positions) AS p) a
        JOIN (SELECT u.lexeme, p FROM unnest(i.search_vector) AS u, unnest(u.positions) AS p) b
            ON b.p = a.p + 1)
    FROM search_entryindex i
    ON CONFLICT (entry_id) DO NOTHING
"""


def fill_pairs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL_SQL)
        cursor.execute(
            "CREATE INDEX search_entrywordpairs_gin ON search_entrywordpairs USING gin (pairs)"
        )
        cursor.execute("ANALYZE search_entrywordpairs")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP INDEX search_entrywordpairs_gin")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0006_entry_index_large_searches"),
    ]

    operations = [
        migrations.CreateModel(
            name="EntryWordPairs",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                ("pairs", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "verbose_name": "search entry word pairs",
                "verbose_name_plural": "search entry word pairs",
            },
        ),
        migrations.RunPython(fill_pairs, drop_gin_index),
    ]
