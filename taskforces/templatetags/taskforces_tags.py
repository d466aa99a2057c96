"""Task-force pieces of the site chrome: the header's notification and unread counts."""

from django import template

from taskforces import permissions, selectors
from taskforces.models import TaskForcePage

register = template.Library()


@register.inclusion_tag("taskforces/components/header_links.html", takes_context=True)
def taskforce_header_links(context):
    """Unread notifications and unread posts, kept up to date by the page's socket."""
    user = context["request"].user
    readable = permissions.readable_taskforce_ids(user)
    return {
        "notifications": selectors.unread_notification_count(user),
        "unread_posts": selectors.unread_total(user) if readable else 0,
        "has_workspaces": bool(readable),
        "workspaces_url": _workspaces_url(readable),
    }


def _workspaces_url(readable) -> str:
    """One workspace: its link; several: the task-force index, which lists them."""
    if len(readable) == 1:
        taskforce = TaskForcePage.objects.filter(pk__in=readable).first()
        return taskforce.workspace_url() if taskforce else ""
    if readable:
        return TaskForcePage.objects.filter(pk__in=readable).first().get_parent().url
    return ""


@register.simple_tag(takes_context=True)
def workspaces_url(context) -> str:
    """Where the reader's task-force workspaces are, or "" if they are in none."""
    user = context["request"].user
    return (
        _workspaces_url(permissions.readable_taskforce_ids(user)) if user.is_authenticated else ""
    )
