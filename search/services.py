"""Writes to site search: keep each object's entry in step with the object.

The database entry is written in the caller's transaction, so a rolled-back change
leaves search as it was; the external engine (Elasticsearch) hears of it only after
the transaction commits, through a background task (search.tasks.engine_sync), so no
edit waits on the cluster. A failure to reach it is logged, never raised into the edit
that caused it; `search_reindex` puts it right. Objects created inside
`new_entries_after_commit()` (a new post) get their entry once the transaction commits.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Model

from wagtail.search.backends import get_search_backend

from search import sources
from search.engine import SearchEngine, get_engine, uses_cluster
from search.entries import EntryData, source_key
from search.models import EntryReader, SearchEntry
from search.registry import registry

logger = logging.getLogger(__name__)

ENTRY_FIELDS = [
    "kind",
    "title",
    "body",
    "terms",
    "url",
    "context",
    "language",
    "date",
    "year",
    "audience",
    "category_id",
]


def _row(data: EntryData) -> SearchEntry:
    return SearchEntry(
        source=data.source,
        source_pk=data.source_pk,
        year=data.year,
        **{name: getattr(data, name) for name in ENTRY_FIELDS if name != "year"},
    )


def _tell_engine(key: tuple[str, str]) -> None:
    """Have the engine catch up with this entry in the background, once committed."""
    if not uses_cluster():
        return  # The database engine indexed the row with the row.

    def enqueue():
        from search import tasks

        try:
            tasks.engine_sync.enqueue([list(key)])
        except Exception:  # noqa: BLE001 - search must never break the edit that caused it
            logger.warning("Search engine update not queued; run search_reindex.", exc_info=True)

    transaction.on_commit(enqueue)


def engine_sync(*, keys: list[tuple[str, str]], engine: SearchEngine) -> None:
    """Send the engine these entries as the database now holds them: stored entries
    are indexed, the others deleted. Raises EngineUnavailable if it does not answer."""
    wanted = {tuple(key) for key in keys}
    stored = [
        entry
        for entry in SearchEntry.objects.filter(
            source__in={source for source, _ in wanted},
            source_pk__in={source_pk for _, source_pk in wanted},
        ).prefetch_related("offices", "languages", "readers")
        if (entry.source, entry.source_pk) in wanted
    ]
    if stored:
        engine.index_entries(stored)
    gone = sorted(wanted - {(entry.source, entry.source_pk) for entry in stored})
    if gone:
        engine.delete_entries(gone)


def entry_save(*, data: EntryData) -> SearchEntry:
    """Store an entry (replacing the object's previous one) and index it."""
    entry, _ = SearchEntry.objects.update_or_create(
        source=data.source,
        source_pk=data.source_pk,
        defaults={name: getattr(data, name) for name in ENTRY_FIELDS},
    )
    entry.offices.set(data.office_ids)
    entry.languages.set(sources.language_ids(data.language_codes))
    _set_readers([entry], [data])
    # Indexed again now that its offices and languages are set (the save indexed it
    # before): PostgreSQL's index row holds them (search.postgres).
    get_search_backend().add(entry)
    _tell_engine(data.key)
    return entry


def entry_delete(*, source: str, source_pk: str) -> None:
    """Forget an object's entry, if it has one."""
    deleted, _ = SearchEntry.objects.filter(source=source, source_pk=source_pk).delete()
    if deleted:
        _tell_engine((source, source_pk))


def objects_sync_later(*, label: str, ids: Iterable) -> None:
    """Re-read these objects of one model (\"app_label.model_name\") in the background,
    once the transaction commits: e.g. a renamed thread's posts."""
    from search import tasks

    ids = [str(pk) for pk in ids]
    if ids:
        # Robust: failing to queue it must not fail the change that has just committed.
        transaction.on_commit(lambda: tasks.sync_objects.enqueue(label, ids), robust=True)


def page_tree_sync_later(*, page_id: int) -> None:
    """Re-read a page and the pages below it in the background (moved, made private)."""
    from search import tasks

    transaction.on_commit(lambda: tasks.sync_page_tree.enqueue(page_id))


_creating = threading.local()


@contextmanager
def new_entries_after_commit():
    """Objects first saved inside this block get their entries after the commit, once
    what the block queued for then has run (a new post's broadcast), in a background task.

    Only new objects wait: having no entry yet, none is found early. A change to one
    that exists (an edit, hiding, deleting) still rewrites or removes its entry in its
    own transaction, and the task re-reads each object under a lock of its row
    (object_sync), so it never puts back what such a change took out.
    """
    created: dict[str, list] = {}
    stack = _creating.__dict__.setdefault("stack", [])
    stack.append(created)
    try:
        yield
    finally:
        stack.pop()
    for label, ids in created.items():
        objects_sync_later(label=label, ids=ids)


def object_saved(*, obj: Model, created: bool) -> None:
    """Saving an object search follows: its entry at once, or after the commit when new
    inside new_entries_after_commit()."""
    stack = getattr(_creating, "stack", None)
    if created and stack:
        stack[-1].setdefault(obj._meta.label_lower, []).append(obj.pk)
    else:
        entry_sync(obj=obj)


def object_sync(*, model: type[Model], pk) -> None:
    """Bring one object's entry in line with the object as committed, its row locked
    meanwhile: a change to it (a post hidden) commits wholly before or after this."""
    source = registry.models.get(model)
    objects = source.objects() if source else model._default_manager.all()
    with transaction.atomic():
        if list(model._default_manager.select_for_update().filter(pk=pk).values_list("pk")):
            # Read again after the lock: the registered queryset may leave it out (hidden).
            obj = objects.filter(pk=pk).first()
        else:
            obj = None
        if obj is None:
            entry_delete(source=model._meta.label_lower, source_pk=str(pk))
        else:
            entry_sync(obj=obj)


def entry_sync(*, obj: Model) -> None:
    """Bring an object's entry in line with the object: stored, replaced or removed."""
    data = sources.entry_for(obj)
    if data is None:
        entry_delete(source=source_key(obj)[0], source_pk=source_key(obj)[1])
    else:
        entry_save(data=data)


def entries_rebuild(
    *,
    batch_size: int = 500,
    progress: Callable[[int, int], None],
    engine: SearchEngine | None = None,
) -> int:
    """Rebuild every entry from the content, then the engine's index; returns the count.

    ``progress(done, total)`` is called as objects are read and again as the engine
    (by default the one settings choose) indexes them.
    """
    total = sources.count_objects()
    kept: set[tuple[str, str]] = set()
    done = 0
    for batch in _batches(sources.all_objects(), batch_size):
        data = [item for item in map(sources.entry_for, batch) if item is not None]
        entries_store(data=data)
        kept.update(item.key for item in data)
        done += len(batch)
        progress(min(done, total), total)
    stale = [
        entry.pk
        for entry in SearchEntry.objects.only("source", "source_pk").iterator()
        if (entry.source, entry.source_pk) not in kept
    ]
    for start in range(0, len(stale), batch_size):
        SearchEntry.objects.filter(pk__in=stale[start : start + batch_size]).delete()
    entries = SearchEntry.objects.order_by("pk").prefetch_related("offices", "languages", "readers")
    (engine or get_engine()).rebuild(
        entries.iterator(chunk_size=batch_size),
        total=len(kept),
        progress=lambda indexed: progress(indexed, len(kept)),
    )
    return len(kept)


def _batches(items: Iterable, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def entries_store(*, data: list[EntryData]) -> None:
    """Store many entries at once and index them in one go in the database backend."""
    if not data:
        return
    SearchEntry.objects.bulk_create(
        [_row(item) for item in data],
        update_conflicts=True,
        unique_fields=["source", "source_pk"],
        update_fields=ENTRY_FIELDS,
    )
    by_key = {
        (entry.source, entry.source_pk): entry
        for entry in SearchEntry.objects.filter(
            source__in={item.source for item in data},
            source_pk__in=[item.source_pk for item in data],
        )
    }
    entries = [by_key[item.key] for item in data]
    language_ids = dict(
        sources.Language.objects.filter(
            code__in={code for item in data for code in item.language_codes}
        ).values_list("code", "pk")
    )
    offices = SearchEntry.offices.through
    languages = SearchEntry.languages.through
    offices.objects.filter(searchentry__in=entries).delete()
    languages.objects.filter(searchentry__in=entries).delete()
    offices.objects.bulk_create(
        [
            offices(searchentry_id=entry.pk, officepage_id=office_id)
            for entry, item in zip(entries, data, strict=True)
            for office_id in item.office_ids
        ]
    )
    languages.objects.bulk_create(
        [
            languages(searchentry_id=entry.pk, language_id=language_ids[code])
            for entry, item in zip(entries, data, strict=True)
            for code in item.language_codes
            if code in language_ids
        ]
    )
    _set_readers(entries, data)
    index = get_search_backend().get_index_for_model(SearchEntry)
    index.add_items(SearchEntry, entries)


def _set_readers(entries: list[SearchEntry], data: list[EntryData]) -> None:
    """Replace the reader keys of these entries (stored, in the order of ``data``)."""
    EntryReader.objects.filter(entry__in=entries).delete()
    EntryReader.objects.bulk_create(
        [
            EntryReader(entry=entry, key=key)
            for entry, item in zip(entries, data, strict=True)
            for key in sorted(set(item.readers))
        ]
    )
