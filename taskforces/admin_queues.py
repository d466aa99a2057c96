"""Task forces' queue on the secretariat's desk (see portal/admin_queues.py): requests to
join, for the secretariat and each task force's chair."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.admin_queues import OLDEST_SHOWN, QueueItem, QueuePanel
from taskforces import permissions
from taskforces.models import JoinRequest, JoinRequestStatus, TaskForceIndexPage


def join_requests_panel(request) -> QueuePanel | None:
    user = request.user
    managed = permissions.managed_taskforce_ids(user)
    if managed is not None and not managed:
        return None
    waiting = JoinRequest.objects.filter(status=JoinRequestStatus.PENDING)
    if managed is not None:
        waiting = waiting.filter(taskforce_id__in=managed)
    count = waiting.count()
    oldest = waiting.select_related("user", "taskforce").order_by("created_at", "pk")[:OLDEST_SHOWN]
    index = TaskForceIndexPage.objects.live().first()
    return QueuePanel(
        name="taskforce-join-requests",
        heading=_("Requests to join a task force"),
        summary=ngettext(
            "%(count)s request waits for a decision.",
            "%(count)s requests wait for a decision.",
            count,
        )
        % {"count": count},
        items=[
            QueueItem(
                label=join_request.user.get_full_name() or join_request.user.email,
                url=join_request.taskforce.workspace_url("members"),
                since=join_request.created_at,
                detail=join_request.taskforce.title,
            )
            for join_request in oldest
        ],
        url=index.get_url(request) if index else "/",
        link_text=_("Open the task forces"),
        order=150,
    )
