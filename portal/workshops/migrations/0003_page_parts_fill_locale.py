"""Each existing segment, question and challenge takes its page's locale and a translation
key. The rows of a translated page share the keys of the original's rows at the same
position, which is how wagtail-localize pairs a translation's rows with the original's."""

import uuid
from collections import defaultdict

from django.conf import settings
from django.db import migrations

from wagtail.coreutils import get_supported_content_language_variant

PAGE_PARTS = ["HackathonChallenge", "RegistrationQuestion", "WorkshopSegment"]


def fill_locale_and_keys(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    WorkshopPage = apps.get_model("workshops", "WorkshopPage")
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    default_locale_id = (
        Locale.objects.filter(language_code=default_code).values_list("pk", flat=True).first()
    )
    pages = {
        pk: (locale_id, key)
        for pk, locale_id, key in WorkshopPage.objects.values_list(
            "pk", "locale_id", "translation_key"
        )
    }
    original_of_key = {
        key: pk for pk, (locale_id, key) in pages.items() if locale_id == default_locale_id
    }
    for model_name in PAGE_PARTS:
        model = apps.get_model("workshops", model_name)
        rows_of_page = defaultdict(list)
        for row in model.objects.order_by("page_id", "sort_order", "pk"):
            rows_of_page[row.page_id].append(row)
        # Originals first, so that their translations can take the originals' keys.
        for page_id, rows in rows_of_page.items():
            for row in rows:
                row.locale_id = pages[page_id][0]
                row.translation_key = uuid.uuid4()
        for page_id, rows in rows_of_page.items():
            original_id = original_of_key.get(pages[page_id][1])
            if original_id is None or original_id == page_id:
                continue
            for row, original_row in zip(rows, rows_of_page.get(original_id, []), strict=False):
                row.translation_key = original_row.translation_key
        model.objects.bulk_update(
            [row for rows in rows_of_page.values() for row in rows],
            ["locale", "translation_key"],
            batch_size=500,
        )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0002_page_parts_locale")]

    operations = [migrations.RunPython(fill_locale_and_keys, migrations.RunPython.noop)]
