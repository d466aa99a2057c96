"""Task-force meetings in members' calendars: the invitation, its update when the meeting
moves, the cancellation (each an .ics a calendar program imports, parsed here by the
icalendar library), a reminder the day before sent once, the .ics download for members
only, and times shown in each reader's own zone."""

import datetime
import zoneinfo

from django.core import mail
from django.core.management import call_command

import icalendar
import pytest
from bs4 import BeautifulSoup

from taskforces import services
from taskforces.models import EmailMode, Meeting
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")  # Geneva keeps Zurich's time
# Europe moves to summer time on 28 March 2027; Japan has none.
BEFORE_CHANGE = datetime.datetime(2027, 3, 25, 9, 0, tzinfo=UTC)
AFTER_CHANGE = datetime.datetime(2027, 4, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def zones(workspace, cast):
    """Office A (the chair and Mo) in Tokyo, office B (the observer) in Geneva."""
    for office, zone in [(cast.office_a, "Asia/Tokyo"), (cast.office_b, "Europe/Zurich")]:
        office.time_zone = zone
        office.save(update_fields=["time_zone"])
    return workspace


def schedule(workspace, capture, starts_at=BEFORE_CHANGE, **fields) -> Meeting:
    with capture(execute=True):
        return services.meeting_save(
            taskforce=workspace.taskforce,
            saved_by=workspace.chair,
            title=fields.pop("title", "AI pilots review"),
            starts_at=starts_at,
            duration=90,
            location="Online",
            agenda="1. Results",
            **fields,
        )


def resave(workspace, capture, meeting, **changes) -> None:
    """Save the meeting again as the chair, with ``changes`` to what schedule() gave it."""
    fields = {
        "title": "AI pilots review",
        "starts_at": BEFORE_CHANGE,
        "duration": 90,
        "location": "Online",
        "agenda": "1. Results",
        **changes,
    }
    with capture(execute=True):
        services.meeting_save(
            taskforce=workspace.taskforce, saved_by=workspace.chair, meeting=meeting, **fields
        )


def calendars_sent() -> list[tuple[list[str], icalendar.Calendar]]:
    sent = []
    for message in mail.outbox:
        (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
        sent.append((message.to, icalendar.Calendar.from_ical(attachment[1])))
    return sent


def event_of(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def test_an_invitation_update_and_cancellation_import_into_a_calendar(zones, cast, capture):
    meeting = schedule(zones, capture)
    invitations = calendars_sent()
    invited = sorted(address for to, _calendar in invitations for address in to)
    assert invited == sorted([cast.cio_a.email, cast.member.email, cast.cio_b.email])
    calendar = invitations[0][1]
    event = event_of(calendar)
    assert calendar["METHOD"] == "REQUEST"
    uid = str(event["UID"])
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.astimezone(TOKYO).hour, start.astimezone(GENEVA).hour) == (18, 10)
    assert end - start == datetime.timedelta(minutes=90)

    # Moved across Europe's change to summer time: the same event, a later revision.
    mail.outbox.clear()
    resave(zones, capture, meeting, starts_at=AFTER_CHANGE)
    (_to, update), *_rest = calendars_sent()
    moved = event_of(update)
    assert update["METHOD"] == "REQUEST"
    assert str(moved["UID"]) == uid and moved["SEQUENCE"] == 1
    start = moved.decoded("DTSTART")
    assert (start.astimezone(TOKYO).hour, start.astimezone(GENEVA).hour) == (18, 11)
    assert "Changed: AI pilots review" in mail.outbox[0].subject

    mail.outbox.clear()
    with capture(execute=True):
        services.meeting_cancel(meeting=meeting, cancelled_by=zones.chair)
    (_to, cancellation), *_rest = calendars_sent()
    cancelled = event_of(cancellation)
    assert cancellation["METHOD"] == "CANCEL"
    assert str(cancelled["UID"]) == uid and cancelled["SEQUENCE"] == 2
    assert cancelled["STATUS"] == "CANCELLED"
    assert "Cancelled: AI pilots review" in mail.outbox[0].subject


def test_the_email_shows_the_time_in_each_readers_zone(zones, cast, capture):
    schedule(zones, capture, starts_at=AFTER_CHANGE)
    tokyo = None
    for message in mail.outbox:
        if cast.cio_b.email in message.to:
            assert "11:00" in message.body and "Europe/Zurich" in message.body
        else:
            tokyo = message.body
    assert tokyo is not None and "18:00" in tokyo and "Asia/Tokyo" in tokyo


def test_only_the_agenda_or_minutes_changing_sends_no_update(zones, capture):
    meeting = schedule(zones, capture)
    mail.outbox.clear()
    resave(zones, capture, meeting, agenda="1. Results\n2. Next steps", minutes="Agreed.")
    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0


def test_members_who_chose_no_email_get_no_invitation(zones, cast, capture):
    services.notification_preference_set(user=cast.member, email_mode=EmailMode.NONE)
    schedule(zones, capture)
    assert cast.member.email not in [address for m in mail.outbox for address in m.to]
    assert cast.cio_a.email in [address for m in mail.outbox for address in m.to]


def test_a_cancelled_meeting_cannot_be_moved_and_is_cancelled_once(zones, capture, sign_in_as):
    meeting = schedule(zones, capture)
    client = sign_in_as("chair")
    with capture(execute=True):
        response = client.post(zones.url("meeting_cancel", meeting.pk))
    assert response.status_code == 302
    mail.outbox.clear()
    with capture(execute=True):
        client.post(zones.url("meeting_cancel", meeting.pk))
    assert mail.outbox == []
    response = client.post(
        zones.url("meeting_edit", meeting.pk),
        {"title": "Moved", "starts_at": "2027-05-01T10:00", "duration": "60"},
    )
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).title == "AI pilots review"
    page = BeautifulSoup(client.get(zones.url("meeting", meeting.pk)).content, "html.parser")
    assert "This meeting was cancelled" in page.get_text()


def test_only_managers_cancel(zones, capture, sign_in_as):
    meeting = schedule(zones, capture)
    assert sign_in_as("member").post(zones.url("meeting_cancel", meeting.pk)).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).cancelled_at is None


def test_the_reminder_goes_once_the_day_before(zones, capture):
    meeting = schedule(zones, capture)
    mail.outbox.clear()
    two_days_before = meeting.starts_at - datetime.timedelta(days=2)
    assert services.meeting_reminders_send(now=two_days_before) == 0
    day_before = meeting.starts_at - datetime.timedelta(hours=20)
    with capture(execute=True):
        assert services.meeting_reminders_send(now=day_before) == 1
        assert services.meeting_reminders_send(now=day_before) == 0
    assert {message.subject.split(" · ")[0] for message in mail.outbox} == {
        "Tomorrow: AI pilots review"
    }
    assert len({tuple(message.to) for message in mail.outbox}) == len(mail.outbox)


def test_the_reminder_command_reports(zones, capture):
    with capture(execute=True):
        call_command("send_meeting_reminders")


def test_members_download_the_ics_and_nobody_else(zones, capture, sign_in_as, client):
    meeting = schedule(zones, capture)
    url = zones.url("meeting_ics", meeting.pk)
    response = sign_in_as("observer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = event_of(icalendar.Calendar.from_ical(response.content))
    assert "AI pilots review" in str(event["SUMMARY"])
    assert sign_in_as("outsider").get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_the_meeting_page_shows_the_time_in_the_readers_zone(zones, capture, sign_in_as):
    meeting = schedule(zones, capture, starts_at=AFTER_CHANGE)
    tokyo = sign_in_as("member").get(zones.url("meeting", meeting.pk)).content.decode()
    assert "18:00" in tokyo and "19:30" in tokyo and "Asia/Tokyo" in tokyo
    geneva = sign_in_as("observer").get(zones.url("meeting", meeting.pk)).content.decode()
    assert "11:00" in geneva and "12:30" in geneva and "Europe/Zurich" in geneva


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_meetings_from_factories_still_list(zones, sign_in_as):
    factories.MeetingFactory(taskforce=zones.taskforce, created_by=zones.chair, title="Old one")
    page = sign_in_as("member").get(zones.url("meeting_list")).content.decode()
    assert "Old one" in page


def test_the_personal_calendar_address_carries_the_members_meetings_only(
    zones, capture, sign_in_as
):
    from django.urls import reverse

    from portal.workshops.models import CalendarFeed

    meeting = schedule(zones, capture, starts_at=AFTER_CHANGE)

    def feed_of(role) -> list[str]:
        client = sign_in_as(role)
        client.post(reverse("workshops:my_calendar_renew"))
        token = CalendarFeed.objects.get(user=zones.person(role)).token
        client.logout()
        response = client.get(reverse("workshops:my_calendar", args=[token]))
        assert response.status_code == 200
        calendar = icalendar.Calendar.from_ical(response.content)
        return [str(event["UID"]) for event in calendar.walk("VEVENT")]

    uid = f"taskforce-meeting-{meeting.pk}@"
    assert any(found.startswith(uid) for found in feed_of("member"))
    assert not any(found.startswith(uid) for found in feed_of("outsider"))
