"""Background work for search (django-tasks): re-reading many objects after one change."""

from django.utils.translation import gettext as _

from wagtail.models import Page

from portal.background import retrying_task
from search import services
from search.entries import PAGE_SOURCE


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
        objects = Page.objects.filter(pk__in=object_ids).specific()
    else:
        objects = apps.get_model(label).objects.filter(pk__in=object_ids)
    for obj in objects:
        services.entry_sync(obj=obj)
