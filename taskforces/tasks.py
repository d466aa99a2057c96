"""Background work of the task forces, run by django-tasks (at once, or by a worker)."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.background import retrying_task
from taskforces.models import Post


def _describe_notifications(*, post_id: int) -> str:
    return _("Notifications about task-force post %(id)s") % {"id": post_id}


@retrying_task(describe=_describe_notifications)
def notify_about_post(*, post_id: int) -> int:
    """Notify who should hear of a new post; returns how many were notified."""
    from taskforces import services

    post = (
        Post.objects.select_related("thread__taskforce", "author", "reply_to")
        .filter(pk=post_id)
        .first()
    )
    if post is None or post.is_hidden:
        return 0
    with transaction.atomic():
        return len([n for n in services.notifications_for_post(post) if n is not None])
