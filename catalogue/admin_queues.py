"""The catalogue's queues on the secretariat's desk (see portal/admin_queues.py): entries
awaiting review, questions waiting for their provider, entries going stale."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import TaskState

from catalogue.models import (
    CatalogueEntryPage,
    CatalogueIndexPage,
    CatalogueReviewTask,
    FreshnessState,
    Question,
)
from catalogue.selectors import entries_answered_by
from network.permissions import is_secretariat
from portal.admin_queues import OLDEST_SHOWN, QueueItem, QueuePanel


def _edit_url(page_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def review_panel(request) -> QueuePanel | None:
    """Entries in the catalogue's review task, for the people its groups name."""
    user = request.user
    tasks = CatalogueReviewTask.objects.filter(active=True)
    if not user.is_superuser:
        tasks = tasks.filter(groups__in=user.groups.all())
    if not tasks.exists():
        return None
    states = TaskState.objects.filter(
        task__in=tasks,
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__content_type=ContentType.objects.get_for_model(CatalogueEntryPage),
    )
    count = states.count()
    oldest = list(
        states.select_related("workflow_state__requested_by").order_by("started_at", "pk")[
            :OLDEST_SHOWN
        ]
    )
    titles = dict(
        CatalogueEntryPage.objects.filter(
            pk__in=[int(state.workflow_state.object_id) for state in oldest]
        ).values_list("pk", "title")
    )
    items = []
    for state in oldest:
        entry_id = int(state.workflow_state.object_id)
        requester = state.workflow_state.requested_by
        items.append(
            QueueItem(
                label=titles.get(entry_id, str(entry_id)),
                url=_edit_url(entry_id),
                since=state.started_at,
                detail=_("Submitted by %(name)s") % {"name": requester.get_full_name()}
                if requester
                else "",
            )
        )
    return QueuePanel(
        name="catalogue-review",
        heading=_("Catalogue entries awaiting review"),
        summary=ngettext(
            "%(count)s entry waits for your review.",
            "%(count)s entries wait for your review.",
            count,
        )
        % {"count": count},
        items=items,
        url=reverse("wagtailadmin_reports:workflow"),
        link_text=_("See every entry in review"),
        order=120,
    )


def reviews_are_all_catalogue_entries(request, panels) -> bool:
    """The catalogue's review panel is shown and everything else the person may review is a
    catalogue entry too."""
    if not any(getattr(panel, "name", "") == "catalogue-review" for panel in panels):
        return False
    entry_type = ContentType.objects.get_for_model(CatalogueEntryPage)
    return (
        not TaskState.objects.reviewable_by(request.user)
        .exclude(workflow_state__content_type=entry_type)
        .exists()
    )


def _my_questions_url(request) -> str:
    index = CatalogueIndexPage.objects.live().first()
    if index is None:
        return reverse("question:index")
    return index.get_url(request) + index.reverse_subpage("my_questions")


def questions_panel(request) -> QueuePanel | None:
    """Questions no provider has answered yet, to those who answer for the entry."""
    user = request.user
    waiting = Question.objects.filter(entry__in=entries_answered_by(user), answered_at__isnull=True)
    count = waiting.count()
    if not count and not is_secretariat(user):
        return None
    oldest = waiting.select_related("entry").order_by("created_at", "pk")[:OLDEST_SHOWN]
    url = _my_questions_url(request)
    return QueuePanel(
        name="catalogue-questions",
        heading=_("Unanswered questions to providers"),
        summary=ngettext(
            "%(count)s question waits for an answer.",
            "%(count)s questions wait for an answer.",
            count,
        )
        % {"count": count},
        items=[
            QueueItem(
                label=question.entry.title,
                url=url,
                since=question.created_at,
                detail=Truncator(question.body).chars(90),
            )
            for question in oldest
        ],
        url=url,
        link_text=_("Answer questions"),
        order=130,
    )


def stale_panel(request) -> QueuePanel | None:
    """Entries marked "possibly outdated": confirmed or archived before they are archived."""
    user = request.user
    stale = CatalogueEntryPage.objects.filter(
        pk__in=entries_answered_by(user).values("pk"),
        freshness__state=FreshnessState.OUTDATED,
    )
    count = stale.count()
    if not count and not is_secretariat(user):
        return None
    oldest = stale.select_related("freshness").order_by("freshness__last_confirmed_at", "pk")[
        :OLDEST_SHOWN
    ]
    index = CatalogueIndexPage.objects.first()
    return QueuePanel(
        name="catalogue-stale",
        heading=_("Catalogue entries going stale"),
        summary=ngettext(
            "%(count)s entry is possibly outdated and will be archived unless confirmed.",
            "%(count)s entries are possibly outdated and will be archived unless confirmed.",
            count,
        )
        % {"count": count},
        items=[
            QueueItem(
                label=entry.title,
                url=_edit_url(entry.pk),
                since=entry.freshness.last_confirmed_at,
                detail=_("Last confirmed"),
            )
            for entry in oldest
        ],
        url=reverse("wagtailadmin_explore", args=[index.pk])
        if index
        else reverse("wagtailadmin_explore_root"),
        link_text=_("Open the catalogue"),
        order=140,
    )
