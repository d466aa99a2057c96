"""What content puts into site search: an EntryData per object, or None when the object
must not be found (a draft, a private page, a hidden post).

Every public page gets an entry built here from its search fields; the page types and
the other models that apps register (search.registry) add their own details or build
their own entries.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, TextField
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal.models import Language
from search.entries import EVERYONE, PAGE_SOURCE, EntryData, as_datetime
from search.models import Kind
from search.registry import registry

# Pages


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return _texts(list(value.values()))
    return [str(value)]


def is_prose(obj: Model, search_field: index.SearchField) -> bool:
    """Whether a search field holds the object's own prose (a text, rich text or stream
    field), as opposed to a name, a code or words gathered from structured fields."""
    try:
        model_field = obj._meta.get_field(search_field.field_name)
    except FieldDoesNotExist:
        return False  # A method, such as a catalogue entry's search_facts.
    return isinstance(model_field, TextField | StreamField)


def _search_field_texts(obj: Model, fields, *, own: bool = True) -> list[tuple[str, bool]]:
    """The text of an object's search fields other than its title, as the admin's
    search indexes it, so that `search_fields` on a page model decide both; each with
    whether it is the object's own prose (related objects' names never are)."""
    texts = []
    for search_field in fields:
        if isinstance(search_field, index.SearchField):
            if search_field.field_name != "title":
                prose = own and is_prose(obj, search_field)
                texts += [(text, prose) for text in _texts(search_field.get_value(obj))]
        elif isinstance(search_field, index.RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                texts += _search_field_texts(item, search_field.fields, own=False)
    return texts


def _joined(texts: dict[str, bool], *, prose: bool) -> str:
    return " ".join(text for text, is_prose in texts.items() if text and is_prose == prose)


def is_publicly_visible(page: Page) -> bool:
    if not page.live or page.expired:
        return False
    return not PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists()


def page_entry(page: Page) -> EntryData | None:
    """A public page's entry: its title and search fields, then its type's own details."""
    page = page.specific
    if not is_publicly_visible(page) or page.is_root() or page.depth <= 2:
        return None
    source = registry.page_source(page)
    # Several search fields may hold the same text (a summary also used as the search
    # description); each is kept once, as prose if any field holding it is.
    texts: dict[str, bool] = {}
    for raw, prose in _search_field_texts(page, page.search_fields):
        text = " ".join(strip_tags(raw).split())
        texts[text] = texts.get(text, False) or prose
    language = page.locale.language_code.split("-")[0]
    data = EntryData(
        source=PAGE_SOURCE,
        source_pk=str(page.pk),
        kind=source.kind if source else Kind.PAGE,
        title=page.title,
        url=page.get_url() or "",
        readers=EVERYONE,
        body=_joined(texts, prose=True),
        terms=_joined(texts, prose=False),
        language=language,
        date=as_datetime(page.first_published_at or page.last_published_at),
        language_codes=[language],
    )
    if source is not None and source.details is not None:
        data = source.details(page, data)
        if data is None:
            return None
    data.language_codes = sorted(set(data.language_codes))
    return data


def entry_for(obj: Model) -> EntryData | None:
    """The entry an object should have in search now, or None if it should have none.

    Addresses are stored as they are in the default language (a page's in its own), whoever
    made the change; the results page puts them in the reader's (``search_tags.localised``).
    """
    if isinstance(obj, Page):
        with translation.override(obj.locale.language_code):
            return page_entry(obj)
    source = registry.model_source(obj)
    with translation.override(settings.LANGUAGE_CODE):
        return source.build(obj) if source is not None else None


def _pages():
    return Page.objects.live().filter(depth__gt=2)


def all_objects():
    """Every object that may have an entry, for rebuilding the index, in batches."""
    yield from _pages().specific().iterator(chunk_size=200)
    for source in registry.models.values():
        yield from source.objects().iterator(chunk_size=500)


def count_objects() -> int:
    return _pages().count() + sum(source.objects().count() for source in registry.models.values())


def language_ids(codes: list[str]) -> list[int]:
    if not codes:
        return []
    return list(Language.objects.filter(code__in=codes).values_list("pk", flat=True))
