"""What an office's representative sees of the page tree in the admin: the pages they may
edit and the public pages around them, never another office's drafts or restricted pages."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SECRET_TITLES = [
    "Hidden entry of office B",
    "Unpublished office Zeta",
    "Restricted memo Kappa",
    "Draft plan Sigma",
]
OWN_TITLE = "Own entry of office A"


@pytest.fixture
def tree(cast, site_tree):
    """Pages of every kind a representative of office A must not see, and one of their own."""
    entry_b = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title=SECRET_TITLES[0], owner=cast.cio_b
    )
    entry_b.provider_offices.set([cast.office_b])
    entry_b.save()
    office = factories.OfficePageFactory(parent=site_tree.network, title=SECRET_TITLES[1])
    memo = factories.StandardPageFactory(parent=site_tree.about, title=SECRET_TITLES[2])
    PageViewRestriction.objects.create(page=memo, restriction_type=PageViewRestriction.LOGIN)
    plan = factories.StandardPageFactory(parent=site_tree.home, title=SECRET_TITLES[3])
    own = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title=OWN_TITLE, owner=cast.cio_a
    )
    own.provider_offices.set([cast.office_a])
    own.save()
    secrets = [entry_b, office, memo, plan]
    for page in [entry_b, office, plan, own]:
        page.unpublish()
    for page in [*secrets, own]:
        # A draft revision (site history, page types usage), a lock (locked pages report).
        page.save_revision(user=page.owner or cast.secretariat, log_action=True)
        page.locked = True
        page.locked_by = cast.secretariat
        page.save(update_fields=["locked", "locked_by"])
    # In review (workflow reports).
    workflow = site_tree.catalogue.get_workflow()
    workflow.start(entry_b, cast.cio_b)
    workflow.start(own, cast.cio_a)
    return {"secrets": secrets, "own": own, "site_tree": site_tree}


def admin_urls(tree) -> dict[str, str]:
    site_tree = tree["site_tree"]
    ids = "&".join(f"id={page.pk}" for page in [*tree["secrets"], tree["own"]])
    urls = {
        "explorer search": reverse("wagtailadmin_pages:search") + "?q=office",
        "explorer search everywhere": reverse("wagtailadmin_explore", args=[site_tree.home.pk])
        + "?q=Kappa&search_all=1",
        "chooser": reverse("wagtailadmin_choose_page"),
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=office",
        "chooser search memo": reverse("wagtailadmin_choose_page_search") + "?q=Kappa",
        "bulk delete": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?{ids}",
        "bulk publish": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?{ids}",
        "admin api": "/admin/api/main/pages/?limit=100",
        "admin api search": "/admin/api/main/pages/?search=office&limit=100",
        "admin api children": f"/admin/api/main/pages/?child_of={site_tree.catalogue.pk}"
        "&for_explorer=1",
    }
    for page in [site_tree.home, site_tree.catalogue, site_tree.network, site_tree.about]:
        urls[f"explorer {page.slug}"] = reverse("wagtailadmin_explore", args=[page.pk])
        urls[f"chooser {page.slug}"] = reverse("wagtailadmin_choose_page_child", args=[page.pk])
    for name in [
        "locked_pages",
        "aging_pages",
        "page_types_usage",
        "workflow",
        "workflow_tasks",
        "site_history",
    ]:
        urls[f"report {name}"] = reverse(f"wagtailadmin_reports:{name}")
    for page in tree["secrets"]:
        urls[f"api detail {page.pk}"] = f"/admin/api/main/pages/{page.pk}/"
        urls[f"explorer of {page.pk}"] = reverse("wagtailadmin_explore", args=[page.pk])
        urls[f"chooser of {page.pk}"] = reverse("wagtailadmin_choose_page_child", args=[page.pk])
    return urls


def test_representative_never_sees_titles_of_pages_they_may_not_edit(as_role, tree):
    client = as_role("cio_a")
    for name, url in admin_urls(tree).items():
        response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert response.status_code < 500, name
        text = response.content.decode()
        for title in SECRET_TITLES:
            assert title not in text, f"{title!r} shows in the {name} ({url})"


def test_representative_still_sees_and_edits_their_own_pages(as_role, tree):
    client = as_role("cio_a")
    site_tree = tree["site_tree"]
    own = tree["own"]
    listing = client.get(reverse("wagtailadmin_explore", args=[site_tree.catalogue.pk]))
    assert OWN_TITLE in listing.content.decode()
    api = client.get(f"/admin/api/main/pages/?child_of={site_tree.catalogue.pk}&for_explorer=1")
    assert OWN_TITLE in api.content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    office = client.get(reverse("wagtailadmin_explore", args=[site_tree.network.pk]))
    assert "Office A" in office.content.decode()
    # Public pages can still be linked to from the chooser.
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[site_tree.network.pk]))
    assert "Office B" in chooser.content.decode()


def test_secretariat_sees_every_page(as_role, tree):
    client = as_role("secretariat")
    site_tree = tree["site_tree"]
    seen = ""
    for page in [site_tree.catalogue, site_tree.network, site_tree.about, site_tree.home]:
        seen += client.get(reverse("wagtailadmin_explore", args=[page.pk])).content.decode()
    seen += client.get(reverse("wagtailadmin_reports:locked_pages")).content.decode()
    for title in [*SECRET_TITLES, OWN_TITLE]:
        assert title in seen
    usage = client.get(reverse("wagtailadmin_reports:page_types_usage")).content.decode()
    assert any(title in usage for title in SECRET_TITLES)
