"""Dates and times in templates and e-mails, through ``portal.dates`` only.

- ``{{ value|when }}``, ``{{ value|when:"datetime" }}``: in the active language and time
  zone (an e-mail's is its reader's);
- ``{% when value "datetime" %}``, ``{% when value "time" zone=workshop.time_zone as t %}``:
  the same, in the zone given, else the page's ``reader_zone``, else the signed-in
  reader's (their office's), else the active one; ``named=False`` leaves the zone's name
  out where the sentence gives it;
- ``{% when_range start end zone=… %}``: "6 December 2026, 14:00 – 17:00 (Europe/Geneva)";
- ``{{ value|iso }}``: ISO 8601 for ``<time datetime="…">``.

Styles: date, date-short, datetime, datetime-short, time, month, weekday.
"""

from django import template

from portal.dates import format_iso, format_range, format_when

register = template.Library()


@register.filter(name="when")
def when_filter(value, style="date"):
    return format_when(value, style)


@register.filter
def iso(value):
    return format_iso(value)


@register.simple_tag(name="when", takes_context=True)
def when_tag(context, value, style="date", zone=None, named=True):
    return format_when(value, style, zone=zone or reader_zone(context), name_zone=named)


@register.simple_tag(takes_context=True)
def when_range(context, start, end, zone=None):
    return format_range(start, end, zone=zone or reader_zone(context))


def reader_zone(context):
    """The zone a page shows times in for its reader, if it knows one."""
    zone = context.get("reader_zone")
    if zone:
        return zone
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return getattr(user, "preferred_time_zone", None)
    return None
