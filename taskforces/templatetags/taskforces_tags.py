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
    # One workspace: its link; several: the task-force index lists them.
    workspaces_url = ""
    if len(readable) == 1:
        taskforce = TaskForcePage.objects.filter(pk__in=readable).first()
        workspaces_url = taskforce.workspace_url() if taskforce else ""
    elif readable:
        index = TaskForcePage.objects.filter(pk__in=readable).first().get_parent()
        workspaces_url = index.url
    return {
        "notifications": selectors.unread_notification_count(user),
        "unread_posts": selectors.unread_total(user) if readable else 0,
        "has_workspaces": bool(readable),
        "workspaces_url": workspaces_url,
    }
