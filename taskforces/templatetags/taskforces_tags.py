"""Task-force pieces of the site chrome: the header's notification and unread counts."""

from django import template

from taskforces.header import header_facts

register = template.Library()


@register.inclusion_tag("taskforces/components/header_links.html", takes_context=True)
def taskforce_header_links(context):
    """Unread notifications and unread posts, kept up to date by the page's socket."""
    facts = header_facts(context["request"].user)
    return {
        "notifications": facts.notifications,
        "unread_posts": facts.unread_posts,
        "has_workspaces": bool(facts.readable),
        "workspaces_url": facts.workspaces_url,
    }


@register.simple_tag(takes_context=True)
def workspaces_url(context) -> str:
    """Where the reader's task-force workspaces are, or "" if they are in none."""
    return header_facts(context["request"].user).workspaces_url
