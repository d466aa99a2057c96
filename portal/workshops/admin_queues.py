"""Workshops' queue on the secretariat's desk (see portal/admin_queues.py): people on the
waiting lists of workshops that have not ended."""

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.admin_queues import OLDEST_SHOWN, QueueItem, QueuePanel
from portal.workshops import permissions
from portal.workshops.models import (
    Registration,
    RegistrationStatus,
    WorkshopIndexPage,
    WorkshopPage,
)


def waiting_lists_panel(request) -> QueuePanel | None:
    if not permissions.manages_registrations(request.user):
        return None
    waiting = Registration.objects.filter(
        status=RegistrationStatus.WAITING, workshop__ends_at__gt=timezone.now()
    )
    count = waiting.count()
    lists = list(
        waiting.values("workshop_id")
        .annotate(people=Count("pk"), oldest=Min("queued_at"))
        .order_by("oldest", "workshop_id")[:OLDEST_SHOWN]
    )
    workshops = WorkshopPage.objects.in_bulk([row["workshop_id"] for row in lists])
    index = WorkshopIndexPage.objects.live().first()
    return QueuePanel(
        name="workshop-waiting-lists",
        heading=_("Workshop waiting lists"),
        summary=ngettext(
            "%(count)s person waits for a place.",
            "%(count)s people wait for a place.",
            count,
        )
        % {"count": count},
        items=[
            QueueItem(
                label=workshops[row["workshop_id"]].title,
                url=workshops[row["workshop_id"]].route_url("participants"),
                since=row["oldest"],
                detail=ngettext(
                    "%(count)s on the waiting list", "%(count)s on the waiting list", row["people"]
                )
                % {"count": row["people"]},
            )
            for row in lists
        ],
        url=index.get_url(request) if index else "/",
        link_text=_("Open the workshops"),
        order=180,
    )
