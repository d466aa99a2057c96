"""Search follows the content: each change to something searchable updates its entry.

One object's entry is rewritten at once, in the same transaction; work that touches
many entries (a moved subtree, a renamed thread's posts) goes to django-tasks after the
transaction commits. Leaving a task force or the network changes no entry: readers'
rights are checked when they search (search.permissions).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import Category
from network.models import Member, User
from search import services, taskforce_content, tasks
from search.entries import PAGE_SOURCE, source_key
from taskforces.models import Document, Post, Thread


def _later(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


@receiver(page_published)
def page_was_published(sender, instance, **kwargs):
    services.entry_sync(obj=instance)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    # Its published descendants are unreachable too.
    services.entry_delete(source=PAGE_SOURCE, source_pk=str(instance.pk))
    if not instance.is_leaf():
        _later(tasks.sync_page_tree, instance.pk)


@receiver(post_delete)
def object_was_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | Member | Thread | Post | Document | AbstractDocument):
        source, source_pk = source_key(instance)
        services.entry_delete(source=source, source_pk=source_pk)


@receiver(post_page_move)
def page_was_moved(sender, instance, **kwargs):
    _later(tasks.sync_page_tree, instance.pk)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def page_privacy_changed(sender, instance, **kwargs):
    _later(tasks.sync_page_tree, instance.page_id)


@receiver(post_save, sender=Member)
def member_was_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.entry_sync(obj=instance)


@receiver(post_save, sender=User)
def user_was_saved(sender, instance, raw=False, **kwargs):
    # A changed name, or an account switched off.
    member = Member.objects.filter(user=instance).first()
    if member is not None and not raw:
        services.entry_sync(obj=member)


@receiver(post_save, sender=Thread)
def thread_was_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    services.entry_sync(obj=instance)
    if not created:
        # Its posts carry its title and its attribution rule.
        post_ids = [str(pk) for pk in instance.posts.values_list("pk", flat=True)]
        if post_ids:
            _later(tasks.sync_objects, taskforce_content.POST_SOURCE, post_ids)


@receiver(post_save, sender=Post)
def post_was_saved(sender, instance, raw=False, **kwargs):
    # Covers a post hidden by a moderator: its entry is removed in the same transaction.
    if not raw:
        services.entry_sync(obj=instance)


@receiver(post_save, sender=Document)
def document_was_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.entry_sync(obj=instance)


@receiver(post_save, sender=Category)
def category_was_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    page_ids = [str(pk) for pk in instance.entries.live().values_list("pk", flat=True)]
    if page_ids:
        _later(tasks.sync_objects, PAGE_SOURCE, page_ids)


@receiver(post_save, sender=get_document_model())
def library_document_was_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.entry_sync(obj=instance)


@receiver([post_save, post_delete], sender=CollectionViewRestriction)
def collection_privacy_changed(sender, instance, raw=False, **kwargs):
    """A collection was restricted or opened: its documents, and its sub-collections', too."""
    if raw:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:  # The collection itself is being deleted.
        return
    model = get_document_model()
    collections = collection.get_descendants(inclusive=True)
    ids = [
        str(pk)
        for pk in model.objects.filter(collection__in=collections).values_list("pk", flat=True)
    ]
    if ids:
        _later(tasks.sync_objects, model._meta.label_lower, ids)
