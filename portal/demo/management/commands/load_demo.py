"""Build a believable demo site from the facts of the first High-Level Dialogue on ICT."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.models import OfficePage
from portal.demo.loaders import (
    adoptions,
    assessments,
    catalogue,
    consultations,
    forum,
    news,
    offices,
    page_translations,
    people,
    registrations,
    site,
    surveys,
    taskforces,
    taxonomies,
    workshops,
)
from portal.demo.loading import DEMO_PASSWORD, SECRETARIAT_EMAIL, DemoRun

# In order: each loader may use what the ones before it created.
LOADERS = [
    taxonomies,
    site,
    offices,
    people,
    catalogue,
    adoptions,
    assessments,
    taskforces,
    forum,
    workshops,
    registrations,
    news,
    consultations,
    surveys,
    page_translations,
]


class Command(BaseCommand):
    help = (
        "Load demo offices, people, catalogue entries, a task force, the forum, workshops and "
        "news. Creates only what is missing, so running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has offices (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        # The app is installed only by the development and test settings; this guards
        # against settings that install it anyway.
        if settings.PORTAL_ENVIRONMENT == "production":
            raise CommandError(
                "load_demo refuses to run with production settings: it creates accounts with "
                "a published password. Use DJANGO_SETTINGS_MODULE=portal.settings.dev."
            )
        if if_empty and OfficePage.objects.exists():
            self.stdout.write("The site already has content; demo not loaded.")
            return

        run = DemoRun(report=self.stdout.write)
        with transaction.atomic():
            self.stdout.write("Loading demo content…")
            for loader in LOADERS:
                loader.load(run)

        summary = f"Done: {run.created} new items." if run.created else "Done: nothing to add."
        self.stdout.write(self.style.SUCCESS(summary))
        if settings.PORTAL_ENVIRONMENT == "development":
            self.stdout.write(
                f"Sign in at {settings.PORTAL_BASE_URL}/admin/ as "
                f"{SECRETARIAT_EMAIL} with the password "
                f"{DEMO_PASSWORD!r}. Every demo member uses the same password, "
                "e.g. h.sato@example.org, head of ICT of the Japan Patent Office. "
                "Outside development, the admin asks each of them to set up two-factor "
                "authentication first."
            )
