from django import template

from catalogue.selectors import MAX_COMPARED, listed_entries

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
    entries = listed_entries().select_related("category").order_by("-first_published_at")[:limit]
    return {"entries": entries}
