"""The listing's facet counts with nothing chosen, kept in step with publishing.

Most readers open the catalogue without a filter, and its facet counts are then the same
for every reader of a language until an entry, or what its counts are made of, changes.
Counting them reads every (entry, value) pair of every facet (about 50,000 rows at 5,000
entries), which took most of the listing's time; the counts are kept in the database
beside the entries instead (FacetCountSummary), one row per language, and the listing
reads them in place of counting.

They are kept in step, not cached. Every write to a model the counts are read from
(``counted_models``: pages, view restrictions, freshness, the facets' relations and
taxonomies) empties the rows and moves their generation on, inside the writer's
transaction and again once it commits; a listing that counts afresh keeps its rows only
where the generation it read beforehand is still current. PostgreSQL's row locks order the
two: a listing that counted before a change commits finds the generation moved, and keeps
nothing. Labels are kept with the counts, so renaming a category empties them too.

A write that sends no signal (a queryset's update(), bulk_create()) to one of these models
must call summary_invalidate() itself, as archiving does (catalogue.services).
"""

from functools import lru_cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import post_page_move

from catalogue.models import CatalogueEntryPage, FacetCountSummary, Freshness
from catalogue.selectors import FACETS


def summary_read(language: str) -> tuple[int | None, list | None]:
    """The kept rows of ``language`` (None if they must be counted afresh), and the
    generation they, or the next ones, belong to (None for a language the site does not
    have: its counts are never kept).

    A language's row is made by the first listing that asks. A change that empties the
    rows makes them too (summary_invalidate), in its own transaction: a listing's insert
    waits for that change to commit, and then reads the generation it moved on."""
    if language not in _languages():
        return None, None
    kept = FacetCountSummary.objects.filter(language=language).values_list("generation", "rows")
    for generation, rows in kept:
        return generation, rows
    FacetCountSummary.objects.bulk_create(
        [FacetCountSummary(language=language)], ignore_conflicts=True
    )
    return kept.get()


def summary_keep(language: str, generation: int, rows: list) -> None:
    """Keep ``rows`` unless anything counted has changed since ``generation`` was read."""
    FacetCountSummary.objects.filter(language=language, generation=generation).update(rows=rows)


def summary_invalidate() -> None:
    """Empty every language's rows and move the generations on (in the caller's
    transaction: the rows stay locked until it ends)."""
    table = FacetCountSummary._meta.db_table
    languages = _languages()
    values = ", ".join(["(%s, 1, NULL)"] * len(languages))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (language, generation, rows) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (language) DO UPDATE SET generation = {table}.generation + 1, "
            "rows = NULL",
            languages,
        )


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@lru_cache(maxsize=1)
def counted_models() -> frozenset:
    """The models the facet counts are read from, besides pages: every relation and
    taxonomy a facet's path crosses, the view restrictions, freshness and locales."""
    models = {PageViewRestriction, Freshness, Locale}
    for facet in FACETS:
        model = CatalogueEntryPage
        for part in facet.path.split("__"):
            field = model._meta.get_field(part)
            if not field.is_relation:
                break
            through = getattr(field.remote_field, "through", None)
            if through is not None:
                models.add(through)
            model = field.related_model
            models.add(model)
    return frozenset(models)


def counted(sender) -> bool:
    return isinstance(sender, type) and (issubclass(sender, Page) or sender in counted_models())


@receiver(post_save, dispatch_uid="catalogue.facet_summary.saved")
@receiver(post_delete, dispatch_uid="catalogue.facet_summary.deleted")
@receiver(m2m_changed, dispatch_uid="catalogue.facet_summary.m2m_changed")
def counted_model_changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if counted(sender):
        invalidate_now_and_after_commit()


def invalidate_now_and_after_commit() -> None:
    """Now, for the row locks; after the commit, for a later write in the same transaction
    that sends no signal (an office's new code copied to its translations)."""
    summary_invalidate()
    connection_ = transaction.get_connection()
    if connection_.in_atomic_block and not any(
        callback is summary_invalidate for _ids, callback, _robust in connection_.run_on_commit
    ):
        transaction.on_commit(summary_invalidate, robust=True)


@receiver(post_page_move, dispatch_uid="catalogue.facet_summary.moved")
def page_moved(sender, **kwargs):
    invalidate_now_and_after_commit()
