"""Published pages inserted in a few queries, for tests of lists with a thousand items.

Creating pages one by one through Wagtail's tree takes several queries each; here the
treebeard paths are computed and both tables filled with one INSERT per 500 rows.
"""

import uuid
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.sql import InsertQuery
from django.utils import timezone

from wagtail.models import Page


def bulk_pages(parent: Page, model: type[Page], count: int, fields: Callable[[int], dict]):
    """Insert ``count`` live ``model`` pages below ``parent``; ``fields(n)`` gives the
    n-th page's own fields (title and slug included). Returns the specific pages."""
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)
    start = parent.numchild
    now = timezone.now()
    pages = []
    for number in range(start, start + count):
        own = fields(number)
        slug = own.pop("slug")
        title = own.pop("title")
        pages.append(
            model(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, number + 1),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                **own,
            )
        )
    base_rows = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
            for page in pages
        ],
        batch_size=500,
    )
    for page, row in zip(pages, base_rows, strict=True):
        page.pk = page.page_ptr_id = row.pk
    # Every table between Page and the model (an index page's AreaIndexPage, say).
    for table_model in reversed(model._meta.get_parent_list()):
        if table_model is not Page and not table_model._meta.abstract:
            _insert(table_model, pages)
    _insert(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=start + count)
    return pages


def _insert(model, pages) -> None:
    fields = model._meta.local_concrete_fields
    for offset in range(0, len(pages), 500):
        query = InsertQuery(model)
        query.insert_values(fields, pages[offset : offset + 500])
        query.get_compiler(connection=connection).execute_sql()
