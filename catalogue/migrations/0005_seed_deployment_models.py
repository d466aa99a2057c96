"""Seed the deployment models every catalogue filters by. Categories and WIPO standards
are the secretariat's to edit; load_demo seeds them from the network's list."""

from django.db import migrations

DEPLOYMENT_MODELS = [
    ("saas", "Software as a service"),
    ("on-premises", "On premises"),
    ("cloud", "Cloud"),
    ("hybrid", "Hybrid"),
]

def seed(apps, schema_editor):
    DeploymentModel = apps.get_model("catalogue", "DeploymentModel")
    for order, (slug, name) in enumerate(DEPLOYMENT_MODELS):
        DeploymentModel.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_entry_fields_reviews_freshness_questions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
