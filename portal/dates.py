"""The one way the portal writes dates and times for people: in the active language's
format (``portal/formats/<locale>/formats.py``) and, for times, in a named time zone.

Machine-readable values (``<time datetime>``, iCalendar, feeds, exports, the API) stay
ISO 8601: ``format_iso``.
"""

import datetime
import functools
import importlib
import zoneinfo

from django.utils import dateformat, timezone, translation

# Style name → format name in the language modules.
STYLES = {
    "date": "DATE_FORMAT",
    "date-short": "SHORT_DATE_FORMAT",
    "datetime": "DATETIME_FORMAT",
    "datetime-short": "SHORT_DATETIME_FORMAT",
    "time": "TIME_FORMAT",
    "month": "YEAR_MONTH_FORMAT",
    "weekday": "WEEKDAY_DATE_FORMAT",
}
# Styles that show a time of day, so name the zone it is in.
TIMED_STYLES = {"datetime", "datetime-short", "time"}
FALLBACK_LOCALE = "en"


@functools.cache
def _formats_module(locale: str):
    try:
        return importlib.import_module(f"portal.formats.{locale}.formats")
    except ImportError:
        return None


def named_format(style: str, language: str | None = None) -> str:
    """The format string of ``style`` in ``language`` (the active one by default)."""
    name = STYLES[style]
    locale = translation.to_locale(language or translation.get_language() or FALLBACK_LOCALE)
    for candidate in (locale, locale.split("_")[0], FALLBACK_LOCALE):
        module = _formats_module(candidate)
        if module is not None and hasattr(module, name):
            return getattr(module, name)
    raise KeyError(name)


def as_zone(zone) -> datetime.tzinfo:
    """A tzinfo from a zone, a zone name or None (the active zone)."""
    if zone is None or zone == "":
        return timezone.get_current_timezone()
    if isinstance(zone, str):
        try:
            return zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_current_timezone()
    return zone


def zone_label(zone: datetime.tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


def format_when(value, style: str = "date", *, zone=None, name_zone: bool = True) -> str:
    """``value`` (date, datetime or time) written for people in the active language.

    An aware datetime is shown in ``zone`` (else the active zone) and, for styles with a
    time of day, followed by the zone's name: "6 December 2026, 14:00 (Europe/Geneva)".
    """
    if value in (None, ""):
        return ""
    if style not in STYLES:
        raise ValueError(f"Unknown date style {style!r}; use one of {', '.join(STYLES)}.")
    show_zone = False
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            tz = as_zone(zone)
            value = value.astimezone(tz)
            show_zone = name_zone and style in TIMED_STYLES
    elif isinstance(value, datetime.time):
        return dateformat.time_format(value, named_format("time"))
    text = dateformat.format(value, named_format(style))
    return f"{text} ({zone_label(value.tzinfo)})" if show_zone else text


def format_iso(value) -> str:
    """ISO 8601 for machines: a date as 2026-12-06, a datetime with its offset."""
    if value in (None, ""):
        return ""
    return value.isoformat()


def format_range(start, end, *, zone=None) -> str:
    """A span of time, its zone named once: "6 December 2026, 14:00 – 17:00 (Europe/Geneva)"."""
    if not start or not end:
        return format_when(start or end, "datetime", zone=zone)
    tz = as_zone(zone)
    start, end = start.astimezone(tz), end.astimezone(tz)
    first = format_when(start, "datetime", zone=tz, name_zone=False)
    style = "time" if start.date() == end.date() else "datetime"
    last = format_when(end, style, zone=tz, name_zone=False)
    return f"{first} – {last} ({zone_label(tz)})"
