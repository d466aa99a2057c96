"""Build a believable demo site from the facts of the first High-Level Dialogue on ICT."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue import demo as catalogue_demo
from network import demo as network_demo
from portal import demo as portal_demo
from taskforces import demo as taskforces_demo


class Command(BaseCommand):
    help = (
        "Load demo offices, people, catalogue entries, a task force, workshops and news. "
        "Creates only what is missing, so running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has offices (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if settings.PORTAL_ENVIRONMENT == "production":
            raise CommandError(
                "load_demo refuses to run with production settings: it creates accounts with "
                "a published password. Use DJANGO_SETTINGS_MODULE=portal.settings.dev."
            )
        from network.models import OfficePage

        if if_empty and OfficePage.objects.exists():
            self.stdout.write("The site already has content; demo not loaded.")
            return

        run = portal_demo.DemoRun(report=self.stdout.write)
        with transaction.atomic():
            self.stdout.write("Loading demo content…")
            portal_demo.load_taxonomies(run)
            catalogue_demo.load_taxonomies(run)
            sections = portal_demo.load_site_structure(run)
            offices = network_demo.load_offices(run, sections)
            users = network_demo.load_people(run, offices)
            catalogue_demo.load_entries(run, sections, offices)
            catalogue_demo.load_adoptions(run, offices, users)
            network_demo.load_assessments(run, offices, users)
            taskforces_demo.load_taskforces(run, sections, users)
            portal_demo.load_workshops(run, sections, users)
            portal_demo.load_news(run, sections)

        summary = f"Done: {run.created} new items." if run.created else "Done: nothing to add."
        self.stdout.write(self.style.SUCCESS(summary))
        if settings.PORTAL_ENVIRONMENT == "development":
            self.stdout.write(
                f"Sign in at {settings.PORTAL_BASE_URL}/admin/ as "
                f"{network_demo.SECRETARIAT_EMAIL} with the password "
                f"{portal_demo.DEMO_PASSWORD!r}. Every demo member uses the same password, "
                "e.g. h.sato@example.org, head of ICT of the Japan Patent Office. "
                "Outside development, the admin asks each of them to set up two-factor "
                "authentication first."
            )
