"""E-mail saved searches' new matches to those whose alert is due (daily, from the schedule)."""

from django.core.management.base import BaseCommand

from portal.alerts.services import alerts_send_due


class Command(BaseCommand):
    help = "E-mail each due alert's new matches, as its owner may read them now."

    def handle(self, *args, **options):
        sent = alerts_send_due()
        self.stdout.write(f"{sent} alert e-mail(s) sent.")
