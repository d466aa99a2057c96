"""Template tags that show workshops on other apps' pages, such as the home page."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal import fragment_cache
from portal.page_languages import in_reader_language, public
from portal.workshops.models import WorkshopIndexPage, WorkshopPage

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_workshops(context, limit: int = 3):
    """The next published public workshops (and those under way), soonest first."""

    def cards() -> str:
        workshops = (
            in_reader_language(public(WorkshopPage.objects.live()))
            .filter(ends_at__gte=timezone.now())
            .order_by("starts_at")[:limit]
        )
        return render_to_string(
            "workshops/components/upcoming_workshops.html", {"workshops": workshops}
        )

    return mark_safe(  # noqa: S308 - the template's own, escaped output
        fragment_cache.shared(context.get("request"), "upcoming_workshops", cards, limit)
    )


@register.simple_tag(takes_context=True)
def upcoming_workshop_figure(context) -> dict:
    """How many published public workshops are to come or under way, and their list."""
    request = context["request"]

    def figure() -> dict:
        index = in_reader_language(public(WorkshopIndexPage.objects.live())).first()
        upcoming = in_reader_language(public(WorkshopPage.objects.live())).filter(
            ends_at__gte=timezone.now()
        )
        return {"count": upcoming.count(), "url": index.get_url(request) if index else ""}

    return fragment_cache.shared(request, "workshop_figure", figure)
