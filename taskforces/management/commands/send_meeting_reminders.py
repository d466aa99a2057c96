"""Remind task-force members of their meetings the day before; the scheduler runs it hourly."""

from django.core.management.base import BaseCommand

from taskforces import services


class Command(BaseCommand):
    help = (
        "E-mail the members of each task-force meeting that starts within a day a reminder "
        "with its .ics. Each meeting is reminded once, so running it again sends nothing."
    )

    def handle(self, *args, **options):
        sent = services.meeting_reminders_send()
        self.stdout.write(f"Meetings reminded: {sent}.")
