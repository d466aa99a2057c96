"""Moderation access, adoption, interest and freshness of catalogue entries."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from catalogue import permissions
from catalogue.facet_summary import summary_invalidate
from catalogue.models import (
    Adoption,
    AdoptionStatus,
    CatalogueEntryPage,
    CatalogueIndexPage,
    CatalogueReviewTask,
    Freshness,
    FreshnessState,
    Interest,
)
from network.models import OfficePage, SeatTerm, User
from network.permissions import SECRETARIAT_GROUP
from portal.emails import send_templated_email

REVIEW_WORKFLOW_NAME = "Catalogue review"
REVIEW_TASK_NAME = "Secretariat review"
OFFICE_GROUP_PREFIX = "Office representatives: "

# Freshness, in days: owners are asked once a year, an entry not confirmed for 13 months
# is possibly outdated, and one that stays so for 3 more months is archived.
REMINDER_AFTER = datetime.timedelta(days=365)
OUTDATED_AFTER = datetime.timedelta(days=395)
ARCHIVED_AFTER_OUTDATED = datetime.timedelta(days=92)


# Moderation and admin access ---------------------------------------------------------------


def review_workflow_ensure(index: CatalogueIndexPage) -> Workflow:
    """The "Catalogue review" workflow on the catalogue: the secretariat approves entries."""
    secretariat, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    task = CatalogueReviewTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = CatalogueReviewTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(secretariat)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def office_group_catalogue_access(group: Group) -> None:
    """Office representatives may add entries to the catalogue (and edit those they own),
    but not publish them: what they propose goes to the secretariat's review."""
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    for index in CatalogueIndexPage.objects.all():
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=add_page)


def catalogue_access_sync() -> None:
    """The workflow and office groups' access, for every catalogue index; safe to rerun."""
    for index in CatalogueIndexPage.objects.all():
        review_workflow_ensure(index)
    for group in Group.objects.filter(name__startswith=OFFICE_GROUP_PREFIX):
        office_group_catalogue_access(group)


# Adoption and interest ---------------------------------------------------------------------


def adoption_save(
    *,
    entry: CatalogueEntryPage,
    office: OfficePage,
    user: User,
    status: str,
    since: datetime.date | None = None,
    version: str = "",
    note: str = "",
    willing_to_be_reference: bool = False,
) -> Adoption:
    if not permissions.can_record_adoption(user, office):
        raise PermissionDenied(_("Only the office's representatives can say it uses an entry."))
    if status not in AdoptionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if since and since > timezone.localdate():
        raise ValidationError({"since": _("The date cannot be in the future.")})
    adoption, _created = Adoption.objects.update_or_create(
        entry=entry,
        office=office,
        defaults={
            "status": status,
            "since": since,
            "version": version.strip(),
            "note": note.strip(),
            "willing_to_be_reference": willing_to_be_reference,
            "recorded_by": user,
        },
    )
    # An office that uses it is no longer only interested.
    Interest.objects.filter(entry=entry, office=office).delete()
    return adoption


def adoption_delete(*, entry: CatalogueEntryPage, office: OfficePage, user: User) -> None:
    if not permissions.can_record_adoption(user, office):
        raise PermissionDenied(_("Only the office's representatives can change its adoptions."))
    Adoption.objects.filter(entry=entry, office=office).delete()


def interest_set(*, entry: CatalogueEntryPage, user: User, interested: bool) -> Interest | None:
    if not permissions.can_express_interest(user):
        raise PermissionDenied(_("Sign in as a member of the network."))
    if not interested:
        Interest.objects.filter(entry=entry, user=user).delete()
        return None
    office = getattr(getattr(user, "member", None), "office", None)
    if office is not None and Adoption.objects.filter(entry=entry, office=office).exists():
        raise ValidationError(_("Your office already uses this entry."))
    interest, _created = Interest.objects.get_or_create(
        entry=entry, user=user, defaults={"office": office}
    )
    return interest


# Freshness ---------------------------------------------------------------------------------


def _search_sync(entry: CatalogueEntryPage) -> None:
    from search import services as search_services

    search_services.entry_sync(obj=entry)


def freshness_for(entry: CatalogueEntryPage) -> Freshness:
    freshness, _created = Freshness.objects.get_or_create(
        entry=entry,
        defaults={"last_confirmed_at": entry.last_published_at or timezone.now()},
    )
    return freshness


def entry_confirm_current(
    *, entry: CatalogueEntryPage, confirmed_by: User | None, by_publishing: bool = False
) -> Freshness:
    """Someone says the entry is current: a new yearly cycle starts, an archive ends.

    ``confirmed_by`` must be of a provider office or the secretariat. Publishing confirms
    too (``by_publishing``; Wagtail checked the right to publish): then ``confirmed_by``
    is the author of the published revision, or None when it has none.
    """
    if not by_publishing and not (
        confirmed_by is not None and permissions.can_confirm_current(confirmed_by, entry)
    ):
        raise PermissionDenied(_("Only the provider office or the secretariat can confirm it."))
    now = timezone.now()
    with transaction.atomic():
        freshness = freshness_for(entry)
        was_archived = freshness.state == FreshnessState.ARCHIVED
        if freshness.state != FreshnessState.CURRENT:
            freshness.state_changed_at = now
        freshness.state = FreshnessState.CURRENT
        freshness.last_confirmed_at = now
        freshness.confirmed_by = confirmed_by
        freshness.reminded_at = None
        freshness.save()
        if was_archived:
            _search_sync(entry)
    return freshness


@dataclass
class FreshnessReport:
    reminded: int = 0
    outdated: int = 0
    archived: int = 0


def freshness_owners(entry: CatalogueEntryPage) -> list[str]:
    """Who is asked to confirm: the contact and the provider offices' representatives."""
    emails = []
    if entry.contact_member and entry.contact_member.user.is_active:
        emails.append(entry.contact_member.user.email)
    holders = SeatTerm.objects.current().filter(
        office__in=entry.provider_offices.all(), user__is_active=True
    )
    emails += User.objects.filter(pk__in=holders.values("user")).values_list("email", flat=True)
    return sorted({email for email in emails if email})


def freshness_run(*, now: datetime.datetime | None = None) -> FreshnessReport:
    """One pass of the yearly cycle; the scheduler may run it as often as it likes."""
    now = now or timezone.now()
    report = FreshnessReport()
    live = CatalogueEntryPage.objects.live()
    for entry in live.filter(freshness__isnull=True):
        Freshness.objects.get_or_create(
            entry=entry,
            defaults={
                "last_confirmed_at": entry.last_published_at or entry.first_published_at or now
            },
        )

    due = Freshness.objects.filter(
        entry__live=True, reminded_at__isnull=True, last_confirmed_at__lte=now - REMINDER_AFTER
    ).select_related("entry")
    for freshness in due:
        with transaction.atomic():
            # Claim the reminder first: a second run, even a concurrent one, sends nothing.
            claimed = Freshness.objects.filter(pk=freshness.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            entry = freshness.entry.specific
            recipients = freshness_owners(entry)
            if recipients:
                send_templated_email(
                    "catalogue/emails/confirm_reminder",
                    {"entry": entry, "freshness": freshness},
                    to=recipients,
                )
            report.reminded += 1

    report.outdated = Freshness.objects.filter(
        state=FreshnessState.CURRENT, last_confirmed_at__lte=now - OUTDATED_AFTER
    ).update(state=FreshnessState.OUTDATED, state_changed_at=now)

    archiving = list(
        Freshness.objects.filter(
            state=FreshnessState.OUTDATED, state_changed_at__lte=now - ARCHIVED_AFTER_OUTDATED
        ).values_list("pk", flat=True)
    )
    if archiving:
        report.archived = Freshness.objects.filter(pk__in=archiving).update(
            state=FreshnessState.ARCHIVED, state_changed_at=now
        )
        # Archived entries leave the listing; an update sends no signal.
        summary_invalidate()
        for entry in CatalogueEntryPage.objects.filter(pk__in=archiving):
            _search_sync(entry)
    return report
