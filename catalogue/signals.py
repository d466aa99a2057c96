"""Signal handlers: the catalogue's review workflow and access follow its index page and
the offices' groups, and publishing an entry (after the secretariat's approval) confirms
it is current.

The proposer hears the review's outcome from Wagtail's own workflow notifications
(approved, or rejected with the reviewer's comment).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from catalogue import services
from catalogue.models import CatalogueEntryPage, CatalogueIndexPage
from network.signals import office_group_synced


@receiver(post_save, sender=CatalogueIndexPage, dispatch_uid="catalogue.index_saved")
def index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.catalogue_access_sync()


@receiver(office_group_synced, dispatch_uid="catalogue.office_group_synced")
def office_group_gets_catalogue_access(sender, office, group, **kwargs):
    """Representatives propose their office's catalogue entries for the secretariat's review."""
    services.office_group_catalogue_access(group)


@receiver(page_published, sender=CatalogueEntryPage, dispatch_uid="catalogue.entry_published")
def entry_published(sender, instance, revision=None, **kwargs):
    """Publishing confirms the entry is current, in the name of the published revision's
    author: who pressed Publish, or whose proposal the secretariat approved."""
    services.entry_confirm_current(
        entry=instance,
        confirmed_by=revision.user if revision is not None else None,
        by_publishing=True,
    )
