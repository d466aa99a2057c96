"""Tell the offices asked that a survey opened, and remind those that have not answered
two days before it closes; for a scheduler."""

from django.core.management.base import BaseCommand

from portal.surveys.notices import notices_send


class Command(BaseCommand):
    help = (
        "Tell the people of each office asked when a survey opens, and two days before it "
        "closes those of offices that have not submitted. Each notice goes at most once per "
        "person, however often this runs."
    )

    def handle(self, *args, **options):
        sent = notices_send()
        summary = ", ".join(f"{kind}: {count}" for kind, count in sent.items())
        self.stdout.write(f"Survey notices sent — {summary}.")
