"""Every segment, question and challenge now has a locale and a translation key, unique
together, as wagtail's TranslatableMixin requires."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

PAGE_PARTS = ["hackathonchallenge", "registrationquestion", "workshopsegment"]


class Migration(migrations.Migration):
    dependencies = [("workshops", "0003_page_parts_fill_locale")]

    operations = [
        operation
        for model_name in PAGE_PARTS
        for operation in (
            migrations.AlterField(
                model_name=model_name,
                name="locale",
                field=models.ForeignKey(
                    editable=False,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="wagtailcore.locale",
                    verbose_name="locale",
                ),
            ),
            migrations.AlterField(
                model_name=model_name,
                name="translation_key",
                field=models.UUIDField(default=uuid.uuid4, editable=False),
            ),
            migrations.AlterUniqueTogether(
                name=model_name,
                unique_together={("translation_key", "locale")},
            ),
        )
    ]
