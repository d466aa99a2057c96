"""The network's queues on the secretariat's desk (see portal/admin_queues.py): seat
nominations to confirm and invitations not yet accepted."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network import permissions
from network.models import Invitation, Nomination, NominationStatus, OfficeIndexPage
from portal.admin_queues import OLDEST_SHOWN, QueueItem, QueuePanel


def nominations_panel(request) -> QueuePanel | None:
    if not permissions.can_review_nominations(request.user):
        return None
    waiting = Nomination.objects.filter(status=NominationStatus.PENDING)
    count = waiting.count()
    oldest = waiting.select_related("office").order_by("created_at", "pk")[:OLDEST_SHOWN]
    index = OfficeIndexPage.objects.live().first()
    url = index.get_url(request) + index.reverse_subpage("nominations") if index else "/"
    return QueuePanel(
        name="network-nominations",
        heading=_("Nominations to confirm"),
        summary=ngettext(
            "%(count)s nomination waits for the secretariat.",
            "%(count)s nominations wait for the secretariat.",
            count,
        )
        % {"count": count},
        items=[
            QueueItem(
                label=nomination.nominee_name,
                url=url,
                since=nomination.created_at,
                detail=f"{nomination.office.title} · {nomination.get_seat_display()}",
            )
            for nomination in oldest
        ],
        url=url,
        link_text=_("Review nominations"),
        order=160,
    )


def invitations_panel(request) -> QueuePanel | None:
    if not permissions.can_invite(request.user):
        return None
    waiting = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    count = waiting.count()
    oldest = waiting.order_by("created_at", "pk")[:OLDEST_SHOWN]
    url = reverse("network_invitations")
    return QueuePanel(
        name="network-invitations",
        heading=_("Invitations not yet accepted"),
        summary=ngettext(
            "%(count)s invitation has not been accepted yet.",
            "%(count)s invitations have not been accepted yet.",
            count,
        )
        % {"count": count},
        items=[
            QueueItem(label=invitation.email, url=url, since=invitation.created_at)
            for invitation in oldest
        ],
        url=url,
        link_text=_("Manage invitations"),
        order=170,
    )
