"""Send the daily digest of notifications; run it once a day from a scheduler (cron)."""

from django.core.management.base import BaseCommand

from taskforces import services


class Command(BaseCommand):
    help = (
        "E-mail a digest of new notifications to everyone who chose the daily digest. "
        "Each person gets at most one a day, so running it again the same day sends nothing."
    )

    def handle(self, *args, **options):
        sent = services.digest_send()
        self.stdout.write(f"Digests sent: {sent}.")
