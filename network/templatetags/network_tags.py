"""Template tags that show the network on other apps' pages, such as the home page."""

from django import template

from network.models import OfficeIndexPage, OfficePage
from portal.page_languages import in_reader_language

register = template.Library()


@register.simple_tag(takes_context=True)
def office_figure(context) -> dict:
    """How many offices the network lists, and the address of their list."""
    index = in_reader_language(OfficeIndexPage.objects.live().public()).first()
    return {
        "count": in_reader_language(OfficePage.objects.live().public()).count(),
        "url": index.get_url(context["request"]) if index else "",
    }
