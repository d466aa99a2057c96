"""The pilot projects an office or an entry takes part in, on its page, for members."""

from django import template

from catalogue.pilots import permissions, selectors
from portal import fragment_cache

register = template.Library()


@register.inclusion_tag("catalogue/pilots/pilots_section.html", takes_context=True)
def pilots_section(context, office=None, entry=None):
    """``{% pilots_section office=page.original %}`` or ``{% pilots_section entry=page %}``:
    nothing for visitors (the page they are served is the same for every visitor) nor for
    a page not saved yet (a preview).

    The list is the same for every member, so it is kept in the fragment cache until the
    content changes (a pilot's save purges it, portal/page_cache_purge.py); it is read
    from there only after the reader was found to be a member."""
    request = context.get("request")
    page = office or entry
    user = getattr(request, "user", None)
    if user is None or page is None or page.pk is None or not permissions.can_read(user):
        return {"show": False}

    def listed() -> dict:
        pilots = selectors.office_pilots(office) if office else selectors.entry_pilots(entry)
        return {"pilots": pilots, "pilots_url": selectors.pilots_url() if pilots else ""}

    kind = "office" if office else "entry"
    found = fragment_cache.shared(request, f"pilots-of-{kind} (members)", listed, page.pk)
    return {
        "show": True,
        **found,
        "for_office": office is not None,
        "office": office,
        "section_class": "" if office else "entry__section",
    }
