"""Recurring work from the settings (``PORTAL_SCHEDULE``), run by ``manage.py run_scheduler``.

Each job is a management command with an interval (``"every": seconds``) or a crontab line
(``"cron": "7 * * * *"``, in UTC), run by APScheduler in the scheduler's own process. A
schedule that names an unknown command, a bad crontab line or an unknown key stops the
scheduler at start with the reason.

Two schedulers (two machines, or a restart that overlaps) are safe: on PostgreSQL a job
first takes an advisory lock named after it and is skipped while another process holds it,
so no command runs twice at once; each command is idempotent besides (docs/deployment.md).
"""

import logging
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, get_commands
from django.db import close_old_connections, connection

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

logger = logging.getLogger("portal.schedule")

KEYS = {"command", "args", "every", "cron"}
# The lock's first key: the portal's scheduled jobs, apart from any other advisory lock.
LOCK_NAMESPACE = 0x5C4E


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    trigger: BaseTrigger = field(compare=False)
    args: tuple[str, ...] = ()


def jobs_from(schedule: dict) -> list[Job]:
    """The schedule's jobs; ImproperlyConfigured naming the job and the mistake."""
    if not isinstance(schedule, dict):
        raise ImproperlyConfigured("PORTAL_SCHEDULE must be a dict of job name to job.")
    commands = get_commands()
    return [_job(name, spec, commands) for name, spec in schedule.items()]


def _job(name: str, spec, commands) -> Job:
    def bad(reason: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"PORTAL_SCHEDULE[{name!r}]: {reason}")

    if not isinstance(spec, dict):
        raise bad("must be a dict with 'command' and 'every' or 'cron'.")
    unknown = set(spec) - KEYS
    if unknown:
        raise bad(f"unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(KEYS))}.")
    command = spec.get("command")
    if command not in commands:
        raise bad(f"there is no management command {command!r}.")
    args = spec.get("args", [])
    if not isinstance(args, list | tuple) or not all(isinstance(a, str) for a in args):
        raise bad("'args' must be a list of strings.")
    if ("every" in spec) == ("cron" in spec):
        raise bad("give exactly one of 'every' (seconds) or 'cron' (a crontab line).")
    if "every" in spec:
        every = spec["every"]
        if type(every) is not int or every < 1:
            raise bad(f"'every' must be a whole number of seconds, at least 1, not {every!r}.")
        trigger = IntervalTrigger(seconds=every, timezone="UTC")
    else:
        try:
            trigger = CronTrigger.from_crontab(str(spec["cron"]), timezone="UTC")
        except ValueError as error:
            raise bad(f"'cron' is not a crontab line ({error}).") from error
    return Job(name=name, command=command, trigger=trigger, args=tuple(args))


def lock_key(name: str) -> int:
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


@contextmanager
def exclusive(name: str):
    """Yield True if this process may run job ``name`` now, False if another one runs it.

    A session-level PostgreSQL advisory lock, released when the job ends (or when its
    process dies, with its connection). Other databases have no such lock: one scheduler.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, key])


def run(job: Job) -> bool:
    """Run the job's command unless another scheduler is running it; True if it ran."""
    close_old_connections()
    try:
        with exclusive(job.name) as acquired:
            if not acquired:
                logger.info("Job %s skipped: another scheduler is running it.", job.name)
                return False
            logger.info("Job %s: %s %s", job.name, job.command, " ".join(job.args))
            call_command(job.command, *job.args)
            return True
    except Exception:  # noqa: BLE001 - one failing job must not stop the schedule
        logger.exception("Job %s failed.", job.name)
        return False
    finally:
        close_old_connections()


def add_jobs(scheduler, jobs: list[Job]) -> None:
    for job in jobs:
        scheduler.add_job(
            run,
            trigger=job.trigger,
            args=[job],
            id=job.name,
            name=job.name,
            # A run still going when the next is due: the next is skipped, not stacked.
            max_instances=1,
            coalesce=True,
            misfire_grace_time=60,
        )
