"""Reads of the forum: its categories, those a person may start threads in."""

from django.db.models import QuerySet

from taskforces import permissions
from taskforces.models import ForumCategory, TaskForcePage


def forum_categories(taskforce: TaskForcePage) -> QuerySet[ForumCategory] | None:
    """The forum's categories in the secretariat's order; None for a task force."""
    if not taskforce.open_to_network:
        return None
    return ForumCategory.objects.filter(forum_id=taskforce.pk).order_by("sort_order", "pk")


def postable_categories(user, taskforce: TaskForcePage) -> QuerySet[ForumCategory] | None:
    """The categories ``user`` may start a thread in: moderators-only ones for moderators."""
    categories = forum_categories(taskforce)
    if categories is None or permissions.can_moderate(user, taskforce):
        return categories
    return categories.filter(moderators_only=False)
