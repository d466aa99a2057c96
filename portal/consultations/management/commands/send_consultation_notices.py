"""Tell members that a consultation opened, and two days before it closes; for a scheduler."""

from django.core.management.base import BaseCommand

from portal.consultations.services import notices_send


class Command(BaseCommand):
    help = (
        "E-mail each consultation's audience when it opens and two days before it closes. "
        "Each notice goes at most once per person, however often this runs."
    )

    def handle(self, *args, **options):
        sent = notices_send()
        summary = ", ".join(f"{kind}: {count}" for kind, count in sent.items())
        self.stdout.write(f"Consultation notices sent — {summary}.")
