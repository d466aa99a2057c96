"""An index on Wagtail's page url_path: routing reads the pages along an address by it
(portal.localisation.route_page), one query however deep the page."""

from django.db import migrations

INDEX = "portal_page_url_path_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_secretariat"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON "wagtailcore_page" ("url_path")',
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
