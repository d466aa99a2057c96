"""Replace Wagtail's welcome page with the portal's home page, so a fresh database serves a site."""

from django.conf import settings
from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("portal.HomePage")

    if HomePage.objects.exists():
        return
    # Wagtail's own initial migration creates a welcome page at this place in the tree.
    Page.objects.filter(depth=2, path="00010001", content_type__app_label="wagtailcore").delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="portal", model="homepage")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        heading="The network of heads of ICT of intellectual property offices",
        intro="<p>Offices share their ICT solutions, work together in task forces and learn "
        "from each other in workshops, so that no office has to build the same system alone.</p>",
        body="[]",
    )
    Page.objects.filter(path="0001").update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": "IP Offices ICT Network"},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("portal.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
