"""Search follows the pages: each change to a page rewrites its entry.

Pages are Wagtail's, so search follows them itself; the other models are followed
through their registration (search.registry.register_model) and the receivers of each
app's search.py. One object's entry is rewritten at once, in the same transaction; work
that touches many entries (a moved subtree) goes to django-tasks after the transaction
commits. Leaving a task force or the network changes no entry: readers' rights are
checked when they search (search.permissions).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import services
from search.entries import PAGE_SOURCE


@receiver(page_published)
def page_was_published(sender, instance, **kwargs):
    services.entry_sync(obj=instance)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    # Its published descendants are unreachable too.
    services.entry_delete(source=PAGE_SOURCE, source_pk=str(instance.pk))
    if not instance.is_leaf():
        services.page_tree_sync_later(page_id=instance.pk)


@receiver(post_delete)
def page_was_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        services.entry_delete(source=PAGE_SOURCE, source_pk=str(instance.pk))


@receiver(post_page_move)
def page_was_moved(sender, instance, **kwargs):
    services.page_tree_sync_later(page_id=instance.pk)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def page_privacy_changed(sender, instance, **kwargs):
    services.page_tree_sync_later(page_id=instance.page_id)
