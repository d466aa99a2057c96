"""Template tags for the site chrome: main navigation and language switcher."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", then Search."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        root = site.root_page.localized
        for page in root.get_children().live().in_menu().public():
            items.append({"title": page.title, "url": page.get_url(request)})
    items.append({"title": _("Search"), "url": reverse("search:search")})
    path = request.path
    for item in items:
        item["current"] = bool(item["url"]) and path.startswith(item["url"])
    return {"items": items}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A button per interface language; the choice is kept and the reader comes back here."""
    request = context["request"]
    current = get_language()
    languages = [
        {"code": code, "name": name, "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages, "next": request.get_full_path(), "request": request}
