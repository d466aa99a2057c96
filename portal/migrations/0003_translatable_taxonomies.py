"""Taxonomies become translatable snippets: a locale and a translation key on each row,
names and codes unique per locale."""

import django.db.models.deletion
import uuid
from django.db import migrations, models

from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0002_create_home_page'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='language',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='language',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='region',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='region',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        # Existing rows become the originals, in the default locale, each with its own key.
        BootstrapTranslatableModel("portal.language"),
        BootstrapTranslatableModel("portal.region"),
        migrations.AlterField(
            model_name="language",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="language",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="region",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="region",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='language',
            name='code',
            field=models.CharField(help_text='ISO 639-1 code, e.g. fr.', max_length=8, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='region',
            name='name',
            field=models.CharField(max_length=100, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='region',
            name='slug',
            field=models.SlugField(max_length=100, verbose_name='slug'),
        ),
        migrations.AlterUniqueTogether(
            name='language',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='region',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AddConstraint(
            model_name='language',
            constraint=models.UniqueConstraint(fields=('locale', 'code'), name='portal_language_unique_code'),
        ),
        migrations.AddConstraint(
            model_name='region',
            constraint=models.UniqueConstraint(fields=('locale', 'name'), name='portal_region_unique_name'),
        ),
        migrations.AddConstraint(
            model_name='region',
            constraint=models.UniqueConstraint(fields=('locale', 'slug'), name='portal_region_unique_slug'),
        ),
    ]
