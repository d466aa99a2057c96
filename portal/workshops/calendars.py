"""iCalendar files: one workshop for a participant's calendar, or the feed of all of them.

Times are written in the event's own time zone (with its VTIMEZONE), so calendar apps
show the invitation's wall-clock times and convert them for their reader. The online
link is written only into a confirmed participant's own file, never into the feed.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

import icalendar

from portal.workshops.models import Registration, WorkshopFormat, WorkshopPage

PRODUCT_ID = "-//IP Offices ICT Network//Workshops//EN"


def _uid(workshop: WorkshopPage) -> str:
    # Stable across edits and translations, so that calendars update the event instead
    # of adding another.
    return f"workshop-{workshop.translation_key}@{settings.PORTAL_BASE_URL.split('://')[-1]}"


def workshop_event(workshop: WorkshopPage, *, include_online_link: bool) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(workshop))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", workshop.local_start())
    event.add("dtend", workshop.local_end())
    event.add("summary", workshop.title)
    page_url = settings.PORTAL_BASE_URL + workshop.url
    description = [workshop.summary, "", page_url]
    location = []
    if workshop.format != WorkshopFormat.ONLINE:
        location = [part for part in [workshop.venue.replace("\n", ", "), workshop.place] if part]
    if include_online_link and workshop.online_link:
        description += ["", gettext("Join online:"), workshop.online_link]
        if workshop.online_instructions:
            description.append(workshop.online_instructions)
        location.append(workshop.online_link)
    elif workshop.format != WorkshopFormat.IN_PERSON:
        location.append(str(WorkshopFormat(workshop.format).label))
    event.add("description", "\n".join(description))
    if location:
        event.add("location", " · ".join(location))
    event.add("url", page_url)
    if workshop.reference:
        event.add("categories", [workshop.get_kind_display(), workshop.reference])
    else:
        event.add("categories", [workshop.get_kind_display()])
    if workshop.contact_email:
        organizer = icalendar.vCalAddress(f"mailto:{workshop.contact_email}")
        organizer.params["cn"] = workshop.contact_name or workshop.organiser
        event.add("organizer", organizer)
    if workshop.last_published_at:
        event.add("last-modified", workshop.last_published_at)
    return event


def _calendar_text(events: Iterable[icalendar.Event], *, name: str) -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", strip_tags(name))
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def calendar_text(
    workshops: Iterable[WorkshopPage], *, name: str, include_online_link: bool = False
) -> str:
    events = (
        workshop_event(workshop, include_online_link=include_online_link) for workshop in workshops
    )
    return _calendar_text(events, name=name)


def personal_calendar_text(
    registrations: Iterable[Registration], *, name: str, extra: Iterable[icalendar.Event] = ()
) -> str:
    """A person's registered events: with the online link where they hold a place, and
    marked tentative while they wait for one; then ``extra`` (portal.calendar_feeds)."""
    events = list(extra)
    for registration in registrations:
        event = workshop_event(registration.workshop, include_online_link=registration.is_confirmed)
        if registration.is_waiting:
            event.add("status", "TENTATIVE")
            event["summary"] = gettext("Waiting list: %(title)s") % {
                "title": registration.workshop.title
            }
        else:
            event.add("status", "CONFIRMED")
        events.append(event)
    return _calendar_text(events, name=name)


def workshop_ics(workshop: WorkshopPage, *, include_online_link: bool) -> str:
    return calendar_text([workshop], name=workshop.title, include_online_link=include_online_link)


def _utc(workshop: WorkshopPage) -> tuple[datetime.datetime, datetime.datetime]:
    # From the editable fields, so that a preview of changed dates links the new ones.
    return (
        workshop.local_start().astimezone(datetime.UTC),
        workshop.local_end().astimezone(datetime.UTC),
    )


def _details(workshop: WorkshopPage) -> str:
    return f"{workshop.summary}\n\n{settings.PORTAL_BASE_URL}{workshop.url}"


def google_calendar_url(workshop: WorkshopPage) -> str:
    """A link that opens Google Calendar's new-event form; no online link, it is public."""
    stamp = "%Y%m%dT%H%M%SZ"
    start, end = _utc(workshop)
    query = {
        "action": "TEMPLATE",
        "text": workshop.title,
        "dates": f"{start.strftime(stamp)}/{end.strftime(stamp)}",
        "details": _details(workshop),
        "location": workshop.place,
        "ctz": workshop.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(workshop: WorkshopPage) -> str:
    """A link that opens Outlook on the web's new-event form."""
    start, end = _utc(workshop)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": workshop.title,
        "startdt": start.isoformat(),
        "enddt": end.isoformat(),
        "body": _details(workshop),
        "location": workshop.place,
    }
    return "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(query)
