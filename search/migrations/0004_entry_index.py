"""Site search on PostgreSQL reads a narrow row per entry (search.EntryIndex) with its
tsvectors and the columns it filters and counts by, rather than Wagtail's index table.

Creates the table and, on PostgreSQL, its GIN indexes; fills it from the entries already
stored and drops their rows from Wagtail's index table, which no longer serves them. On
SQLite the table stays empty (Wagtail's FTS5 index keeps serving site search).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


# Frozen copies of search.models.SEARCH_CONFIGS and search.postgres.WRITE_INDEX_SQL.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
WRITE_INDEX_SQL = """
    INSERT INTO search_entryindex
        (entry_id, search_vector, title_words, audience, kind, category_id, year, date,
         office_ids, languages)
    SELECT e.id,
        setweight(to_tsvector(v.config::regconfig, v.title), 'A')
            || setweight(to_tsvector(v.config::regconfig, v.body), 'D')
            || setweight(to_tsvector(v.config::regconfig, v.terms), 'D'),
        to_tsvector('simple', v.title),
        e.audience, e.kind, e.category_id, e.year, e.date,
        ARRAY(SELECT o.officepage_id FROM search_searchentry_offices o
              WHERE o.searchentry_id = e.id),
        ARRAY(SELECT l.code FROM search_searchentry_languages t
              JOIN portal_language l ON l.id = t.language_id WHERE t.searchentry_id = e.id)
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])
        AS v(id, config, title, body, terms)
    JOIN search_searchentry e ON e.id = v.id
    ON CONFLICT (entry_id) DO NOTHING
"""
BATCH = 1000


def fill_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from search.segmentation import segment_for_index

    entries = apps.get_model("search", "SearchEntry").objects.order_by("pk")
    with connection.cursor() as cursor:
        # Arrays, which SQLite has not: the model leaves them out.
        cursor.execute(
            "ALTER TABLE search_entryindex ADD COLUMN office_ids integer[] NOT NULL DEFAULT '{}',"
            " ADD COLUMN languages text[] NOT NULL DEFAULT '{}'"
        )
        last = 0
        while batch := list(
            entries.filter(pk__gt=last).values_list("pk", "language", "title", "body", "terms")[
                :BATCH
            ]
        ):
            last = batch[-1][0]
            rows = [
                (pk, CONFIGS.get(language, "simple"), *map(segment_for_index, texts))
                for pk, language, *texts in batch
            ]
            cursor.execute(WRITE_INDEX_SQL, [list(column) for column in zip(*rows, strict=True)])
        cursor.execute(
            "CREATE INDEX search_entryindex_vector_gin ON search_entryindex"
            " USING gin (search_vector)"
        )
        cursor.execute(
            "CREATE INDEX search_entryindex_title_words_gin ON search_entryindex"
            " USING gin (title_words)"
        )
        cursor.execute(
            "DELETE FROM wagtailsearch_indexentry WHERE content_type_id IN"
            " (SELECT id FROM django_content_type"
            " WHERE app_label = 'search' AND model = 'searchentry')"
        )
        cursor.execute("ANALYZE search_entryindex")


def drop_gin_indexes(apps, schema_editor):
    """Back to Wagtail's index table, which `search_reindex` fills again."""
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP INDEX search_entryindex_vector_gin")
            cursor.execute("DROP INDEX search_entryindex_title_words_gin")
            cursor.execute(
                "ALTER TABLE search_entryindex DROP COLUMN office_ids, DROP COLUMN languages"
            )


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0006_translatable_taxonomies'),
        ('search', '0003_entry_terms'),
        ('wagtailsearch', '0010_add_text_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='EntryIndex',
            fields=[
                ('entry', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='search.searchentry')),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('title_words', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('audience', models.CharField(choices=[('public', 'Everyone'), ('restricted', 'Named readers')], max_length=20)),
                ('kind', models.CharField(choices=[('office', 'Office'), ('member', 'Person'), ('catalogue_entry', 'Catalogue entry'), ('taskforce', 'Task force'), ('workshop', 'Workshop'), ('news', 'News'), ('page', 'Page'), ('thread', 'Discussion'), ('post', 'Post'), ('document', 'Document'), ('meeting', 'Meeting'), ('decision', 'Decision'), ('action_item', 'Action item'), ('question', 'Question and answer')], max_length=30)),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('date', models.DateTimeField(blank=True, null=True)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalogue.category')),
            ],
            options={
                'verbose_name': 'search entry index',
                'verbose_name_plural': 'search entry indexes',
            },
        ),
        migrations.RunPython(fill_index, drop_gin_indexes),
    ]
