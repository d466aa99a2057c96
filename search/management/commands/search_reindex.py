"""Rebuild site search from the content, with a progress bar.

This is also the repair for drift: index updates the cluster missed while it was down
(or its breaker was open) are put right, since the whole index is rebuilt from the
database entries, themselves rebuilt from the content.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search.engine import EngineUnavailable, get_engine
from search.services import entries_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild every search entry from the content the apps register, then the "
        "search engine's index (Elasticsearch when ELASTICSEARCH_URL is set)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        engine = get_engine()
        self.stdout.write(f"Rebuilding search ({engine.name} engine)…")
        started = time.monotonic()
        self._last = None
        try:
            count = entries_rebuild(batch_size=batch_size, progress=self.progress)
        except EngineUnavailable as error:
            self.stdout.write("")
            raise CommandError(
                f"The search entries are rebuilt in the database, but {engine.name} did not "
                f"answer ({error}); run this command again once it does."
            ) from error
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} entries in {time.monotonic() - started:.1f} s.")
        )

    def progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        line = f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if line != self._last:
            self.stdout.write(line, ending="")
            self.stdout.flush()
            self._last = line
