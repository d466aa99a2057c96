"""Run the recurring jobs of PORTAL_SCHEDULE until stopped (SIGTERM or Ctrl-C)."""

import contextlib
import signal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from apscheduler.schedulers.blocking import BlockingScheduler

from portal import schedule


class Command(BaseCommand):
    help = "Run the recurring jobs listed in PORTAL_SCHEDULE (settings) until stopped."

    def handle(self, *args, **options):
        try:
            jobs = schedule.jobs_from(settings.PORTAL_SCHEDULE)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if not jobs:
            raise CommandError("PORTAL_SCHEDULE lists no jobs; there is nothing to run.")
        scheduler = BlockingScheduler(timezone="UTC")
        schedule.add_jobs(scheduler, jobs)
        signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
        for job in jobs:
            self.stdout.write(f"{job.name}: {job.command} {' '.join(job.args)} ({job.trigger})")
        self.stdout.write("Scheduler started.")
        self.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            scheduler.start()
        self.stdout.write("Scheduler stopped.")
