"""Queue again the background work whose next attempt is due (schedule every minute)."""

from django.core.management.base import BaseCommand

from portal.background import run_due_retries


class Command(BaseCommand):
    help = "Retry failed e-mails, notifications and index updates whose next attempt is due."

    def handle(self, *args, **options):
        queued = run_due_retries()
        if options["verbosity"] > 1 or queued:
            self.stdout.write(f"Queued {queued} retries.")
