"""Send the workshop reminders that are due; meant to run from a scheduler, e.g. hourly."""

from django.core.management.base import BaseCommand

from portal.workshops.services import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail participants 7 days and 1 day before their workshop, and ask for feedback "
        "after it. Each reminder goes at most once per participant, however often this runs."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        summary = ", ".join(f"{kind}: {count}" for kind, count in sent.items())
        self.stdout.write(f"Reminders sent — {summary}.")
