"""Signal handlers: the catalogue's review workflow and access follow its index page, and
publishing an entry (after the secretariat's approval) confirms it is current.

The proposer hears the review's outcome from Wagtail's own workflow notifications
(approved, or rejected with the reviewer's comment).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from catalogue.models import CatalogueEntryPage, CatalogueIndexPage


@receiver(post_save, sender=CatalogueIndexPage, dispatch_uid="catalogue.index_saved")
def index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from catalogue.services import catalogue_access_sync

        catalogue_access_sync()


@receiver(page_published, sender=CatalogueEntryPage, dispatch_uid="catalogue.entry_published")
def entry_published(sender, instance, revision=None, **kwargs):
    from catalogue.services import entry_confirm_current

    entry_confirm_current(entry=instance, user=None)
    if revision is not None and revision.user_id:
        instance.freshness.confirmed_by_id = revision.user_id
        instance.freshness.save(update_fields=["confirmed_by"])
