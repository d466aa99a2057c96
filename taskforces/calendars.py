"""Task-force meetings as iCalendar: the file of one meeting, and the invitations e-mailed
when a meeting is scheduled, moved or cancelled.

Each meeting keeps one UID for its whole life, and its SEQUENCE rises with every change a
calendar must apply (time, length, place, title, cancellation), so calendar programs
replace the event they hold rather than add a second. Times are written in UTC: calendar
programs show them in their reader's own zone, whatever the daylight-saving rules.
"""

import datetime
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

import icalendar

from taskforces import permissions
from taskforces.models import Meeting

PRODUCT_ID = "-//IP Offices ICT Network//Task forces//EN"
REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"


def meeting_uid(meeting: Meeting) -> str:
    return f"taskforce-meeting-{meeting.pk}@{settings.PORTAL_BASE_URL.split('://')[-1]}"


def meeting_url(meeting: Meeting) -> str:
    return settings.PORTAL_BASE_URL + meeting.taskforce.workspace_url("meeting", meeting.pk)


def meeting_event(meeting: Meeting) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", f"{meeting.title} · {strip_tags(meeting.taskforce.title)}")
    url = meeting_url(meeting)
    event.add("description", "\n\n".join(part for part in [meeting.agenda, url] if part))
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    organizer = icalendar.vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = strip_tags(meeting.taskforce.title)
    event.add("organizer", organizer)
    return event


def calendar_text(meetings: Iterable[Meeting], *, name: str, method: str = PUBLISH) -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", strip_tags(name))
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return calendar.to_ical().decode()


def meeting_ics(meeting: Meeting, *, method: str = PUBLISH) -> str:
    return calendar_text([meeting], name=meeting.title, method=method)


def member_meeting_events(user) -> list[icalendar.Event]:
    """The meetings of the task forces this person may read, from a month ago on, for
    their personal calendar address (portal.calendar_feeds); cancelled ones stay, marked
    cancelled, so calendars that hold them drop them."""
    since = timezone.now() - datetime.timedelta(days=31)
    meetings = Meeting.objects.filter(
        taskforce_id__in=permissions.readable_taskforce_ids(user), starts_at__gte=since
    ).select_related("taskforce")
    return [meeting_event(meeting) for meeting in meetings.order_by("starts_at")]
