"""Background work for search (django-tasks): re-reading many objects after one change,
and bringing the external engine (Elasticsearch) in line with changed entries."""

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.models import Page

from django_tasks.backends.immediate import ImmediateBackend

from portal.background import retrying_task
from search import services
from search.engine import EngineUnavailable, get_engine
from search.entries import PAGE_SOURCE

logger = logging.getLogger(__name__)

# Without a task worker, an index update runs inside the request that made the change;
# it may then cost the editor at most this (seconds), and the breaker spares them even that
# once the cluster is known to be down.
IN_REQUEST_INDEX_TIMEOUT = 0.2


def _describe_engine_sync(keys: list[list[str]]) -> str:
    return _("Search engine update of %(count)s entries") % {"count": len(keys)}


@retrying_task(describe=_describe_engine_sync)
def engine_sync(keys: list[list[str]]) -> None:
    """Send the engine the current state of these entries ([source, source_pk] pairs)."""
    in_request = isinstance(engine_sync.get_backend(), ImmediateBackend)
    timeout = IN_REQUEST_INDEX_TIMEOUT if in_request else settings.ELASTICSEARCH_INDEX_TIMEOUT
    try:
        services.engine_sync(
            keys=[(source, source_pk) for source, source_pk in keys],
            engine=get_engine(timeout=timeout),
        )
    except EngineUnavailable as error:
        # Raised on, so that a task queue that retries does; the entries stay right in
        # the database engine, which readers fall back to.
        logger.warning(
            "Search engine not updated for %d entries (%s); run search_reindex.", len(keys), error
        )
        raise


def _describe_tree_sync(page_id: int) -> str:
    return _("Search index update of page %(id)s and the pages below it") % {"id": page_id}


def _describe_objects_sync(label: str, object_ids: list[str]) -> str:
    return _("Search index update of %(count)s objects (%(model)s)") % {
        "count": len(object_ids),
        "model": label,
    }


@retrying_task(describe=_describe_tree_sync)
def sync_page_tree(page_id: int) -> None:
    """A page moved, or its privacy changed: its subtree's addresses and visibility too."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for descendant in page.get_descendants(inclusive=True).specific().iterator(chunk_size=200):
        services.entry_sync(obj=descendant)


@retrying_task(describe=_describe_objects_sync)
def sync_objects(label: str, object_ids: list[str]) -> None:
    """Re-read objects of one model (e.g. a thread's posts after its title changed)."""
    from django.apps import apps

    if label == PAGE_SOURCE:
        for page in Page.objects.filter(pk__in=object_ids).specific():
            services.entry_sync(obj=page)
        return
    model = apps.get_model(label)
    for pk in object_ids:
        # One at a time, under a lock of its row (a new post hidden meanwhile stays out).
        services.object_sync(model=model, pk=pk)
