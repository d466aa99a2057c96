"""When visitors' cached pages are purged: on any write to what the site shows.

Every save, delete or many-to-many change of a model purges the page cache
(``portal.page_cache``), except for the models below, which no visitor's page shows or
which are written while pages render. Wagtail's moves update descendants without saving
them and have a signal of their own. Purging is one write to the cache, so a model that
is shown and not listed here costs a purge too many at most; listing one that is shown
would serve stale pages until they expire.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.page_cache import purge_now_and_after_commit

NOT_SHOWN_TO_VISITORS = frozenset(
    {
        # Accounts and sign-in
        "account.emailaddress",
        "account.emailconfirmation",
        "mfa.authenticator",
        "sessions.session",
        "wagtailusers.userprofile",
        # Background work and search bookkeeping (search results are never cached)
        "django_tasks_database.dbtaskresult",
        "portal.failedtask",
        "search.entryreader",
        "search.searchentry",
        # What members look for: written as searches are answered, read by the secretariat
        "search.loggedquery",
        "search.querymonthcount",
        "wagtailsearch.indexentry",
        "wagtailcore.referenceindex",
        # Written while a page renders
        "wagtailembeds.embed",
        "wagtailimages.rendition",
        # Editors' work in the admin, before anything is published
        "wagtailadmin.editingsession",
        "wagtailadmin.formstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.uploadedfile",
        # Task-force workspaces (members only) and members' own lists
        "taskforces.attachment",
        "taskforces.moderationaction",
        "taskforces.notification",
        "taskforces.notificationpreference",
        "taskforces.post",
        "taskforces.postrevision",
        "taskforces.readposition",
        "taskforces.thread",
        "taskforces.threadevent",
        "taskforces.threadwatch",
        "workshops.calendarfeed",
        "workshops.feedback",
        "workshops.remindersent",
    }
)


def shown_to_visitors(sender, update_fields=None) -> bool:
    label = getattr(getattr(sender, "_meta", None), "label_lower", None)
    if label is None or label in NOT_SHOWN_TO_VISITORS:
        return False
    # Signing in records the time on the account, which no page shows.
    return not (update_fields and set(update_fields) <= {"last_login"})


@receiver(post_save, dispatch_uid="portal.page_cache.saved")
@receiver(post_delete, dispatch_uid="portal.page_cache.deleted")
@receiver(m2m_changed, dispatch_uid="portal.page_cache.m2m_changed")
def model_changed(sender, update_fields=None, **kwargs):
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if shown_to_visitors(sender, update_fields):
        purge_now_and_after_commit()


@receiver(page_published, dispatch_uid="portal.page_cache.published")
@receiver(page_unpublished, dispatch_uid="portal.page_cache.unpublished")
@receiver(post_page_move, dispatch_uid="portal.page_cache.moved")
def page_changed(sender, **kwargs):
    purge_now_and_after_commit()
