"""Reminders 7 days and 1 day before, and the feedback request after: each sent once."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from portal.workshops import services
from portal.workshops.models import ReminderSent
from tests import factories

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/reminded"


@pytest.fixture
def workshop(site_tree):
    return factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Training on IPAS",
        slug="ipas",
        start_date=datetime.date(2031, 3, 31),
        end_date=datetime.date(2031, 3, 31),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        format="hybrid",
        online_link=LINK,
    )


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def participants(workshop, cast):
    """cio_a and cio_b registered well before; member registered then cancelled."""
    for person in (cast.cio_a, cast.cio_b, cast.member):
        services.registration_create(workshop=workshop, user=person)
    workshop.registrations.update(confirmed_at=at(2031, 1, 10))
    services.registration_cancel(
        registration=workshop.registrations.get(user=cast.member), cancelled_by=cast.member
    )
    mail.outbox.clear()
    return workshop


def send(now, capture):
    with capture(execute=True):
        return services.reminders_send(now=now)


class ReminderTests:
    def test_the_week_reminder_goes_to_each_participant_once(
        self, participants, cast, django_capture_on_commit_callbacks
    ):
        # 09:00 in Geneva on 31 March 2031 is 07:00 UTC (summer time began on the 30th).
        six_days_before = at(2031, 3, 25, 7, 0)
        sent = send(six_days_before, django_capture_on_commit_callbacks)
        assert sent == {"week": 2, "day": 0, "feedback": 0}
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            [cast.cio_a.email, cast.cio_b.email]
        )
        message = mail.outbox[0]
        assert message.subject == "In a week: Training on IPAS"
        assert LINK in message.body
        assert "31 March 2031, 09:00" in message.body
        assert message.attachments[0][0] == "ipas.ics"

        mail.outbox.clear()
        assert send(
            six_days_before + datetime.timedelta(hours=1), django_capture_on_commit_callbacks
        ) == {
            "week": 0,
            "day": 0,
            "feedback": 0,
        }
        assert mail.outbox == []

    def test_the_day_reminder_follows_and_is_sent_once(
        self, participants, django_capture_on_commit_callbacks
    ):
        send(at(2031, 3, 25, 7, 0), django_capture_on_commit_callbacks)
        mail.outbox.clear()
        # Hourly runs within a day of the start (07:00 UTC): the first one sends.
        for hour in (8, 9, 10):
            send(at(2031, 3, 30, hour), django_capture_on_commit_callbacks)
        assert [message.subject for message in mail.outbox] == [
            "Tomorrow: Training on IPAS",
            "Tomorrow: Training on IPAS",
        ]
        assert ReminderSent.objects.filter(kind="day").count() == 2

    def test_nothing_is_sent_more_than_a_week_ahead(
        self, participants, django_capture_on_commit_callbacks
    ):
        assert send(at(2031, 3, 24, 6, 59), django_capture_on_commit_callbacks)["week"] == 0
        assert send(at(2031, 3, 24, 7, 0), django_capture_on_commit_callbacks)["week"] == 2

    def test_a_late_registrant_gets_no_week_reminder_after_their_confirmation(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        services.registration_create(workshop=workshop, user=cast.cio_a)
        workshop.registrations.update(confirmed_at=at(2031, 3, 27))
        mail.outbox.clear()
        assert send(at(2031, 3, 28), django_capture_on_commit_callbacks)["week"] == 0
        assert send(at(2031, 3, 30, 12), django_capture_on_commit_callbacks)["day"] == 1

    def test_the_waiting_list_and_cancelled_people_get_no_reminder(
        self, participants, cast, django_capture_on_commit_callbacks
    ):
        participants.capacity = 2
        participants.save()
        services.registration_create(workshop=participants, user=cast.secretariat)  # waits
        participants.registrations.update(confirmed_at=at(2031, 1, 10))
        mail.outbox.clear()
        send(at(2031, 3, 25), django_capture_on_commit_callbacks)
        recipients = {message.to[0] for message in mail.outbox}
        assert cast.member.email not in recipients
        assert cast.secretariat.email not in recipients

    def test_after_the_event_participants_are_asked_for_feedback_once(
        self, participants, cast, django_capture_on_commit_callbacks
    ):
        participants.registrations.filter(user=cast.cio_b).update(attended=False)
        after = at(2031, 4, 1)
        assert send(after, django_capture_on_commit_callbacks)["feedback"] == 1
        assert send(after, django_capture_on_commit_callbacks)["feedback"] == 0
        (message,) = mail.outbox
        assert message.to == [cast.cio_a.email]
        assert message.subject == "How was Training on IPAS?"
        assert "/workshops/ipas/feedback/" in message.body
        assert LINK not in message.body

    def test_a_record_written_by_an_overlapping_run_stops_a_second_email(
        self, participants, cast, django_capture_on_commit_callbacks
    ):
        registration = participants.registrations.get(user=cast.cio_a)
        ReminderSent.objects.create(registration=registration, kind="week")
        send(at(2031, 3, 25), django_capture_on_commit_callbacks)
        assert [message.to for message in mail.outbox] == [[cast.cio_b.email]]


def test_the_command_reports_what_it_sent(participants, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(2031, 3, 25, 7))
    output = io.StringIO()
    call_command("send_workshop_reminders", stdout=output)
    assert output.getvalue().strip() == "Reminders sent — week: 2, day: 0, feedback: 0."
    call_command("send_workshop_reminders", stdout=output)
    assert ReminderSent.objects.count() == 2
