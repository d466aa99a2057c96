"""Taxonomies become translatable snippets: a locale and a translation key on each row,
names and codes unique per locale."""

import django.db.models.deletion
import uuid
from django.db import migrations, models

from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0005_seed_deployment_models'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='category',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='deploymentmodel',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='deploymentmodel',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='wipostandard',
            name='locale',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AddField(
            model_name='wipostandard',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        # Existing rows become the originals, in the default locale, each with its own key.
        BootstrapTranslatableModel("catalogue.category"),
        BootstrapTranslatableModel("catalogue.deploymentmodel"),
        BootstrapTranslatableModel("catalogue.wipostandard"),
        migrations.AlterField(
            model_name="category",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="category",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="deploymentmodel",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="deploymentmodel",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="wipostandard",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="wipostandard",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='category',
            name='name',
            field=models.CharField(max_length=100, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='category',
            name='slug',
            field=models.SlugField(max_length=100, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='deploymentmodel',
            name='slug',
            field=models.SlugField(max_length=40, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='wipostandard',
            name='code',
            field=models.CharField(help_text='e.g. ST.96', max_length=20, verbose_name='code'),
        ),
        migrations.AlterUniqueTogether(
            name='category',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='deploymentmodel',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='wipostandard',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AddConstraint(
            model_name='category',
            constraint=models.UniqueConstraint(fields=('locale', 'name'), name='catalogue_category_unique_name'),
        ),
        migrations.AddConstraint(
            model_name='category',
            constraint=models.UniqueConstraint(fields=('locale', 'slug'), name='catalogue_category_unique_slug'),
        ),
        migrations.AddConstraint(
            model_name='deploymentmodel',
            constraint=models.UniqueConstraint(fields=('locale', 'slug'), name='catalogue_deploymentmodel_unique_slug'),
        ),
        migrations.AddConstraint(
            model_name='wipostandard',
            constraint=models.UniqueConstraint(fields=('locale', 'code'), name='catalogue_wipostandard_unique_code'),
        ),
    ]
