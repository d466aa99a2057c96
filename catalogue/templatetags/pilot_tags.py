"""The pilot projects an office or an entry takes part in, on its page, for members."""

from django import template

from catalogue.pilots import permissions, selectors

register = template.Library()


@register.inclusion_tag("catalogue/pilots/pilots_section.html", takes_context=True)
def pilots_section(context, office=None, entry=None):
    """``{% pilots_section office=page.original %}`` or ``{% pilots_section entry=page %}``:
    nothing for visitors (the page they are served is the same for every visitor) nor for
    a page not saved yet (a preview)."""
    request = context.get("request")
    page = office or entry
    user = getattr(request, "user", None)
    if user is None or page is None or page.pk is None or not permissions.can_read(user):
        return {"show": False}
    pilots = selectors.office_pilots(office) if office else selectors.entry_pilots(entry)
    return {
        "show": True,
        "pilots": pilots,
        "pilots_url": selectors.pilots_url() if pilots else "",
        "for_office": office is not None,
        "office": office,
        "section_class": "" if office else "entry__section",
    }
