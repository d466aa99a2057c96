"""What each app contributes to site search, declared in the app's own ``search.py``.

Search knows no app: every app registers, when its ``search`` module is imported (search's
AppConfig autodiscovers them), the kinds of thing it puts into search and how (in the
way consumerfinance.gov registers its Elasticsearch documents):

- ``register_page(PageModel, kind=…)``: a page type and, optionally, a function that adds
  its own details to the entry every public page gets (or returns None to keep it out);
- ``register_model(Model, objects=…)``: a function building the entry of one object (or
  None when it must not be found) and the queryset of every object that may have one.
  Saving or deleting such an object rewrites or removes its entry at once (one created
  inside ``search.services.new_entries_after_commit()`` gets it after the commit);
- ``register_readers``: a function naming the reader keys a person holds *now*; an entry
  that is not public lists the keys that may read it, and a search shows it to a reader
  holding one of them;
- ``register_facet_labels``: readable names for the ids of a facet (offices, categories).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page

from search.entries import EntryData

PageDetails = Callable[[Any, EntryData], EntryData | None]
EntryBuilder = Callable[[Any], EntryData | None]
ReaderKeys = Callable[[Any], Iterable[str]]
FacetLabels = Callable[[list[int]], dict[str, str]]


@dataclass(frozen=True)
class PageSource:
    model: type[Page]
    kind: str
    details: PageDetails | None = None


@dataclass(frozen=True)
class ModelSource:
    model: type[Model]
    build: EntryBuilder
    # Every object that may have an entry, for search_reindex.
    objects: Callable[[], QuerySet]


class SearchRegistry:
    def __init__(self):
        self.pages: dict[type[Page], PageSource] = {}
        self.models: dict[type[Model], ModelSource] = {}
        self.reader_keys: list[ReaderKeys] = []
        self.facet_labels: dict[str, FacetLabels] = {}

    # Declaring

    def register_page(self, model: type[Page], *, kind: str, details: PageDetails | None = None):
        self.pages[model] = PageSource(model=model, kind=kind, details=details)

    def register_model(
        self, model: type[Model], *, objects: Callable[[], QuerySet], follow: bool = True
    ) -> Callable[[EntryBuilder], EntryBuilder]:
        """Decorates the function building an object's entry. With ``follow``, saving or
        deleting an object rewrites or removes its entry in the same transaction."""

        def decorator(build: EntryBuilder) -> EntryBuilder:
            self.models[model] = ModelSource(model=model, build=build, objects=objects)
            if follow:
                uid = f"search:{model._meta.label_lower}"
                post_save.connect(_object_saved, sender=model, weak=False, dispatch_uid=uid)
                post_delete.connect(_object_deleted, sender=model, weak=False, dispatch_uid=uid)
            return build

        return decorator

    def register_readers(self, keys: ReaderKeys) -> ReaderKeys:
        """Decorates a function giving the reader keys a person holds now."""
        self.reader_keys.append(keys)
        return keys

    def register_facet_labels(self, facet: str) -> Callable[[FacetLabels], FacetLabels]:
        def decorator(labels: FacetLabels) -> FacetLabels:
            self.facet_labels[facet] = labels
            return labels

        return decorator

    # Reading

    def page_source(self, page: Page) -> PageSource | None:
        """The registration of the most specific registered class of this page."""
        for cls in type(page).__mro__:
            if cls in self.pages:
                return self.pages[cls]
        return None

    def model_source(self, obj: Model) -> ModelSource | None:
        for cls in type(obj).__mro__:
            if cls in self.models:
                return self.models[cls]
        return None

    def readers_of(self, user) -> frozenset[str]:
        return frozenset(key for keys in self.reader_keys for key in keys(user))

    def labels(self, facet: str, ids: list[int]) -> dict[str, str]:
        labels = self.facet_labels.get(facet)
        return labels(ids) if labels is not None and ids else {}


registry = SearchRegistry()
register_page = registry.register_page
register_model = registry.register_model
register_readers = registry.register_readers
register_facet_labels = registry.register_facet_labels


def _object_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:  # Loading fixtures: search_reindex builds the entries afterwards.
        return
    from search import services

    services.object_saved(obj=instance, created=created)


def _object_deleted(sender, instance, **kwargs):
    from search import services
    from search.entries import source_key

    source, source_pk = source_key(instance)
    services.entry_delete(source=source, source_pk=source_pk)
