"""Documents of the page library: files the secretariat uploads for pages (slides,
reports), found by their title; none from a collection with view restrictions.

Wagtail's own model, so search registers it itself, as the apps register theirs.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, CollectionViewRestriction

from search import services
from search.entries import EVERYONE, EntryData, as_datetime, guess_language, source_key
from search.models import Kind
from search.registry import register_model

Document = get_document_model()


def is_public_collection(collection_id: int) -> bool:
    # Read afresh: collections are kept in name order, so adding one can move another's
    # place in the tree, and an object held in memory may know an old one.
    collection = Collection.objects.get(pk=collection_id)
    return not CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def library_documents():
    return Document.objects.select_related("collection").prefetch_related("tags")


@register_model(Document, objects=library_documents)
def library_document_entry(document: AbstractDocument) -> EntryData | None:
    if not is_public_collection(document.collection_id):
        return None
    extension = document.file_extension.upper()
    tags = ", ".join(tag.name for tag in document.tags.all())
    source, source_pk = source_key(document)
    return EntryData(
        source=source,
        source_pk=source_pk,
        kind=Kind.DOCUMENT,
        title=document.title,
        url=document.url,
        readers=EVERYONE,
        terms=" ".join(part for part in [tags, extension] if part),
        context=extension,
        language=guess_language(document.title),
        date=as_datetime(document.created_at),
    )


@receiver([post_save, post_delete], sender=CollectionViewRestriction)
def collection_privacy_changed(sender, instance, raw=False, **kwargs):
    """A collection was restricted or opened: its documents, and its sub-collections', too."""
    if raw:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:  # The collection itself is being deleted.
        return
    collections = collection.get_descendants(inclusive=True)
    ids = Document.objects.filter(collection__in=collections).values_list("pk", flat=True)
    services.objects_sync_later(label=Document._meta.label_lower, ids=ids)
