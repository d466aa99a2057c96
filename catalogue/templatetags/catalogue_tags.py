"""Template tags of the catalogue, for its own templates and for the pages of the apps
below it (the network's office page shows what an office uses and provides)."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from catalogue import selectors
from catalogue.models import CatalogueIndexPage
from catalogue.selectors import MAX_COMPARED
from portal import fragment_cache
from portal.page_languages import in_reader_language
from portal.templatetags.portal_tags import may_use_admin

register = template.Library()


@register.simple_tag
def compare_link(entry, compare_ids, query_string):
    """The listing's URL with this entry added to the comparison, or "" if it cannot be."""
    if entry.pk in compare_ids or len(compare_ids) >= MAX_COMPARED:
        return ""
    ids = ",".join(str(pk) for pk in [*compare_ids, entry.pk])
    return "?" + (f"{query_string}&" if query_string else "") + f"compare={ids}"


@register.simple_tag(takes_context=True)
def latest_catalogue_entries(context, limit: int = 4):
    """The entries most recently published in the catalogue, as cards."""

    def cards() -> str:
        entries = (
            selectors.listed_entries()
            .select_related("category")
            .order_by("-first_published_at")[:limit]
        )
        return render_to_string("components/latest_catalogue_entries.html", {"entries": entries})

    return mark_safe(  # noqa: S308 - the template's own, escaped output
        fragment_cache.shared(context.get("request"), "latest_entries", cards, limit)
    )


@register.simple_tag
def office_adoptions(office):
    """The listed entries an office uses or evaluates: ``{% office_adoptions page as x %}``."""
    if office.pk is None:
        # The preview of an office not saved yet.
        return []
    return selectors.office_adoptions(office)


@register.inclusion_tag("catalogue/components/office_provided_entries.html", takes_context=True)
def office_provided_entries(context, office, heading="h4"):
    """Cards for the listed entries an office provides, or a line saying there are none."""
    entries = [] if office.pk is None else selectors.office_provided_entries(office)
    return {"request": context.get("request"), "entries": entries, "heading": heading}


# Facet groups show their first values and fold the rest behind "Show all"; those with a
# chosen value and the first few are open, the others folded.
FACET_TOP_VALUES = 5
FACETS_OPEN = 2


@register.simple_tag
def facet_groups(facets):
    """The listing's facets with values, each with what its disclosure shows folded, and
    how many values are chosen in all."""
    groups = []
    for facet in facets:
        if not facet.options:
            continue
        top, rest = facet.options[:FACET_TOP_VALUES], facet.options[FACET_TOP_VALUES:]
        chosen = sum(option.selected for option in facet.options)
        groups.append(
            {
                "facet": facet,
                "top": top,
                "rest": rest,
                "chosen": chosen,
                "open": bool(chosen) or len(groups) < FACETS_OPEN,
                "rest_open": any(option.selected for option in rest),
            }
        )
    return {"groups": groups, "chosen": sum(group["chosen"] for group in groups)}


@register.simple_tag(takes_context=True)
def solution_figure(context) -> dict:
    """How many entries the catalogue lists, its address, and where the reader proposes a
    new one ("" for whoever may not)."""
    request = context["request"]

    def figure() -> dict:
        index = in_reader_language(CatalogueIndexPage.objects.live().public()).first()
        if index is None:
            return {"count": 0, "url": "", "index": None}
        count = selectors.listed_entries().count()
        return {"count": count, "url": index.get_url(request), "index": index}

    shown = fragment_cache.shared(request, "solution_figure", figure)
    index, add_url = shown["index"], ""
    may_add = (
        index is not None
        and may_use_admin(request.user)
        and index.permissions_for_user(request.user).can_add_subpage()
    )
    if may_add:
        add_url = reverse(
            "wagtailadmin_pages:add", args=["catalogue", "catalogueentrypage", index.pk]
        )
    return {"count": shown["count"], "url": shown["url"], "add_url": add_url}
