"""Template tags that show workshops on other apps' pages, such as the home page."""

from django import template
from django.utils import timezone

from portal.page_languages import in_reader_language
from portal.workshops.models import WorkshopPage

register = template.Library()


@register.inclusion_tag("workshops/components/upcoming_workshops.html")
def upcoming_workshops(limit: int = 3):
    """The next published public workshops (and those under way), soonest first."""
    workshops = (
        in_reader_language(WorkshopPage.objects.live().public())
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at")[:limit]
    )
    return {"workshops": workshops}
