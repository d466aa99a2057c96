"""Fold logged queries older than a year into monthly counts (search.query_log)."""

from django.core.management.base import BaseCommand

from search.query_log import KEEP_DAYS, query_log_prune


class Command(BaseCommand):
    help = (
        f"Fold the logged search and catalogue queries older than {KEEP_DAYS} days into "
        "their months' counts and delete them. Safe to run again."
    )

    def handle(self, *args, **options):
        folded = query_log_prune()
        self.stdout.write(f"{folded} logged queries folded into monthly counts.")
