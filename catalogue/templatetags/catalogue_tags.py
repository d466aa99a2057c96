"""Template tags of the catalogue, for its own templates and for the pages of the apps
below it (the network's office page shows what an office uses and provides)."""

from django import template

from catalogue import selectors
from catalogue.selectors import MAX_COMPARED

register = template.Library()


@register.simple_tag
def compare_link(entry, compare_ids, query_string):
    """The listing's URL with this entry added to the comparison, or "" if it cannot be."""
    if entry.pk in compare_ids or len(compare_ids) >= MAX_COMPARED:
        return ""
    ids = ",".join(str(pk) for pk in [*compare_ids, entry.pk])
    return "?" + (f"{query_string}&" if query_string else "") + f"compare={ids}"


@register.inclusion_tag("components/latest_catalogue_entries.html")
def latest_catalogue_entries(limit: int = 4):
    """The entries most recently published in the catalogue, as cards."""
    entries = (
        selectors.listed_entries()
        .select_related("category")
        .order_by("-first_published_at")[:limit]
    )
    return {"entries": entries}


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
