"""Forum categories are translated with the forum page: each gets a translation key and
its page's locale."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def keys_and_locales(apps, schema_editor):
    ForumCategory = apps.get_model("taskforces", "ForumCategory")
    for category in ForumCategory.objects.select_related("forum").iterator():
        category.translation_key = uuid.uuid4()
        category.locale_id = category.forum.locale_id
        category.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("taskforces", "0008_notification_about_the_network"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="forumcategory",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="forumcategory",
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
            model_name="forumcategory",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="forumcategory",
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
            name="forumcategory",
            unique_together={("translation_key", "locale")},
        ),
    ]
