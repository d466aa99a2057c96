"""The scheduler (portal/schedule.py, `manage.py run_scheduler`): jobs from PORTAL_SCHEDULE
run when due, a bad schedule stops it at start, and two schedulers never run a job at once."""

import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from portal import schedule


def expired_session() -> Session:
    return Session.objects.create(
        session_key="expired" + "x" * 25,
        session_data="",
        expire_date=timezone.now() - timedelta(days=1),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_due_job_runs_its_command():
    expired_session()
    jobs = schedule.jobs_from({"sessions": {"command": "clearsessions", "every": 1}})
    scheduler = BackgroundScheduler(timezone="UTC")
    schedule.add_jobs(scheduler, jobs)
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while Session.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        scheduler.shutdown()
    assert not Session.objects.exists()


def test_a_crontab_job_is_due_at_its_time_in_utc():
    (job,) = schedule.jobs_from(
        {"reminders": {"command": "send_workshop_reminders", "cron": "5 * * * *"}}
    )
    now = datetime(2026, 3, 1, 10, 7, tzinfo=UTC)
    assert job.trigger.get_next_fire_time(None, now) == datetime(2026, 3, 1, 11, 5, tzinfo=UTC)


def test_the_portals_schedule_is_valid_and_has_the_recurring_commands():
    jobs = {job.command: job for job in schedule.jobs_from(settings.PORTAL_SCHEDULE)}
    assert set(jobs) == {
        "run_task_retries",
        "send_workshop_reminders",
        "send_consultation_notices",
        "send_survey_notices",
        "send_notification_digest",
        "send_meeting_reminders",
        "check_catalogue_freshness",
        "search_reindex",
        "prune_query_log",
        "send_alerts",
    }


@pytest.mark.parametrize(
    ("job", "complaint"),
    [
        ({"command": "no_such_command", "every": 60}, "no management command 'no_such_command'"),
        ({"command": "run_task_retries"}, "exactly one of 'every'"),
        ({"command": "run_task_retries", "every": 60, "cron": "* * * * *"}, "exactly one"),
        ({"command": "run_task_retries", "every": 0}, "'every' must be a whole number"),
        ({"command": "run_task_retries", "every": "60"}, "'every' must be a whole number"),
        ({"command": "run_task_retries", "cron": "61 * * * *"}, "'cron' is not a crontab"),
        ({"command": "run_task_retries", "cron": "every hour"}, "'cron' is not a crontab"),
        ({"command": "run_task_retries", "every": 60, "when": "now"}, "unknown key(s) when"),
        ({"command": "search_reindex", "every": 60, "args": "--batch-size 5"}, "'args' must"),
    ],
)
def test_a_bad_schedule_stops_the_scheduler_at_start_with_the_reason(settings, job, complaint):
    settings.PORTAL_SCHEDULE = {"broken": job}
    with pytest.raises(CommandError) as refusal:
        call_command("run_scheduler")
    assert "PORTAL_SCHEDULE['broken']" in str(refusal.value)
    assert complaint in str(refusal.value)


def test_an_empty_schedule_stops_the_scheduler(settings):
    settings.PORTAL_SCHEDULE = {}
    with pytest.raises(CommandError, match="lists no jobs"):
        call_command("run_scheduler")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_another_scheduler_is_running_is_skipped():
    if connections["default"].vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; other databases run one scheduler")
    expired_session()
    (job,) = schedule.jobs_from({"sessions": {"command": "clearsessions", "every": 60}})
    other = connections.create_connection("default")
    try:
        with schedule_lock_held_by(other, job.name):
            assert schedule.run(job) is False
            assert Session.objects.exists()
        assert schedule.run(job) is True
        assert not Session.objects.exists()
    finally:
        other.close()


class schedule_lock_held_by:  # noqa: N801 - used as a context manager
    """The job's advisory lock, taken by another connection as a second scheduler would."""

    def __init__(self, connection, name):
        self.connection, self.name = connection, name

    def _call(self, function: str) -> None:
        key = schedule.lock_key(self.name)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s, %s)", [schedule.LOCK_NAMESPACE, key])  # noqa: S608

    def __enter__(self):
        self._call("pg_advisory_lock")

    def __exit__(self, *exc):
        self._call("pg_advisory_unlock")
