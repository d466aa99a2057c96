"""Survey questions are translated with their survey: each gets a translation key and its
page's locale. Rows of a translation made before this are paired with the original's by
position (portal.translated_rows)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def keys_and_locales(apps, schema_editor):
    SurveyQuestion = apps.get_model("surveys", "SurveyQuestion")
    for question in SurveyQuestion.objects.select_related("page").iterator():
        question.translation_key = uuid.uuid4()
        question.locale_id = question.page.locale_id
        question.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="surveyquestion",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="surveyquestion",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(keys_and_locales, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="surveyquestion",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="surveyquestion",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="surveyquestion",
            unique_together={("translation_key", "locale")},
        ),
    ]
