"""Run daily from a scheduler: yearly reminders, "possibly outdated" marks and archiving."""

from django.core.management.base import BaseCommand

from catalogue.services import freshness_run


class Command(BaseCommand):
    help = (
        "Ask owners to confirm entries not confirmed for a year (once per cycle), mark "
        "entries not confirmed for 13 months as possibly outdated, and archive those "
        "outdated for 3 more months. Safe to run as often as you like."
    )

    def handle(self, *args, **options):
        report = freshness_run()
        self.stdout.write(
            f"Reminders sent: {report.reminded}; marked possibly outdated: {report.outdated}; "
            f"archived: {report.archived}."
        )
