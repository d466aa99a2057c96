"""The role groups and what each may do in the Wagtail admin.

Run after every migrate, so a fresh database has them; safe to run again.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from network.permissions import MEMBERS_GROUP, SECRETARIAT_GROUP

# Models the secretariat manages in the admin besides pages.
SECRETARIAT_MODELS = [
    "portal.region",
    "portal.language",
    "catalogue.category",
    "catalogue.wipostandard",
    "catalogue.adoption",
    "catalogue.deploymentmodel",
    "catalogue.entryreview",
    "catalogue.question",
    "network.member",
    "network.invitation",
    "network.seatterm",
    "network.nomination",
    "network.assessment",
    "taskforces.membership",
]
PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
# Shared admin pieces that are the secretariat's alone (the failed background work report,
# the report of what members look for).
SECRETARIAT_PERMISSIONS = [
    ("portal", "view_failedtask"),
    ("portal", "change_failedtask"),
    ("search", "view_loggedquery"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
    ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
]


def ensure_role_groups() -> None:
    # Permissions are normally created after every app's migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    Group.objects.get_or_create(name=MEMBERS_GROUP)
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    secretariat.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for label in SECRETARIAT_MODELS:
        app_label, model = label.split(".")
        secretariat.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
        )
    for app_label, codename in SECRETARIAT_PERMISSIONS:
        secretariat.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )

    root = Page.get_first_root_node()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=secretariat,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    # Wagtail's default workflow sends every page submitted for moderation to the
    # "Moderators" group, which the portal does not use: the secretariat approves them.
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.add(secretariat)

    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, model, actions in COLLECTION_PERMISSIONS:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=secretariat,
                    collection=collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ),
                )
