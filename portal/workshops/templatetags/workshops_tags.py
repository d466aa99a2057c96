"""Template tags that show workshops on other apps' pages, such as the home page."""

from django import template
from django.utils import timezone

from portal.page_languages import in_reader_language, public
from portal.workshops.models import WorkshopIndexPage, WorkshopPage

register = template.Library()


@register.inclusion_tag("workshops/components/upcoming_workshops.html")
def upcoming_workshops(limit: int = 3):
    """The next published public workshops (and those under way), soonest first."""
    workshops = (
        in_reader_language(public(WorkshopPage.objects.live()))
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at")[:limit]
    )
    return {"workshops": workshops}


@register.simple_tag(takes_context=True)
def upcoming_workshop_figure(context) -> dict:
    """How many published public workshops are to come or under way, and their list."""
    index = in_reader_language(public(WorkshopIndexPage.objects.live())).first()
    upcoming = in_reader_language(public(WorkshopPage.objects.live())).filter(
        ends_at__gte=timezone.now()
    )
    return {"count": upcoming.count(), "url": index.get_url(context["request"]) if index else ""}
