"""Segments, registration questions and challenges get a locale and a translation key,
empty until the next migration fills them in."""

import django.db.models.deletion
from django.db import migrations, models

PAGE_PARTS = ["hackathonchallenge", "registrationquestion", "workshopsegment"]


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("workshops", "0001_initial"),
    ]

    operations = [
        operation
        for model_name in PAGE_PARTS
        for operation in (
            migrations.AddField(
                model_name=model_name,
                name="locale",
                field=models.ForeignKey(
                    null=True,
                    editable=False,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="wagtailcore.locale",
                    verbose_name="locale",
                ),
            ),
            migrations.AddField(
                model_name=model_name,
                name="translation_key",
                field=models.UUIDField(null=True, editable=False),
            ),
        )
    ]
