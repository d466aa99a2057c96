"""Reads of the forum: its categories, those a person may start threads in."""

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery

from portal import localised_names
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


def category_words(taskforce: TaskForcePage) -> dict[int, ForumCategory]:
    """The forum's categories as its translation into the reader's language words them,
    by the original's id; empty for a task force, in the original's language, or where
    the forum has no translation (the forum's pages are the original's, whatever the
    language: ``ForumPage.resolve_subpage``). One query, none in the original's language."""
    language = localised_names.active_language()
    if not taskforce.open_to_network or language is None:
        return {}
    originals = ForumCategory.objects.filter(
        forum_id=taskforce.pk, translation_key=OuterRef("translation_key")
    )
    translated = ForumCategory.objects.filter(
        forum__translation_key=taskforce.translation_key,
        forum__locale__language_code=language,
    ).annotate(original_id=Subquery(originals.values("pk")[:1]))
    return {row.original_id: row for row in translated if row.original_id}


def name_categories(categories: Iterable[ForumCategory | None], words: dict) -> None:
    """Give each category, in memory and for display only, the name and description of
    the reader's translation (``category_words``)."""
    for category in categories:
        shown = words.get(category.pk) if category is not None else None
        if shown is not None:
            category.name = shown.name
            category.description = shown.description or category.description
