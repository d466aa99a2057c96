"""What each admin user sees of the page tree.

Wagtail shows anyone with a permission somewhere in the tree the titles of the pages
around it, drafts and restricted pages included. The secretariat still sees every page;
anyone else (an office's representatives) sees the pages they may edit, the pages their
permissions are granted on, and the ancestors of those when they are live and public.
Page choosers add every live, public page, so links to them can still be made.

These are the network's rules (seats give page permissions), so they live here; the
admin URLs are placed by portal/urls.py and the hooks registered by network/wagtail_hooks.py.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import path

from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from network.permissions import is_secretariat

# Every permission but "add", which Wagtail extends to the whole subtree below the page.
EDITING_ACTIONS = {"change", "publish", "lock", "unlock", "bulk_delete"}


def _sees_everything(user) -> bool:
    return is_secretariat(user)


def visible_pages(user) -> QuerySet:
    """The pages whose titles this admin user may see in listings, choosers and reports."""
    if _sees_everything(user):
        return Page.objects.all()
    policy = PagePermissionPolicy()
    editable = policy.instances_user_has_any_permission_for(user, EDITING_ACTIONS)
    granted_on = [permission.page for permission in policy.get_cached_permissions_for_user(user)]
    ancestors = Page.objects.none()
    for page in granted_on:
        ancestors |= Page.objects.ancestor_of(page)
    for page in editable:
        ancestors |= Page.objects.ancestor_of(page)
    readable_ancestors = ancestors.live().public() | Page.objects.filter(depth=1)
    ids = (
        set(editable.values_list("pk", flat=True))
        | {page.pk for page in granted_on}
        | set(readable_ancestors.values_list("pk", flat=True))
    )
    return Page.objects.filter(pk__in=ids)


def choosable_pages(user) -> QuerySet:
    """What a page chooser offers: the visible pages and every live, public page."""
    if _sees_everything(user):
        return Page.objects.all()
    return Page.objects.filter(
        Q(pk__in=visible_pages(user).values("pk"))
        | Q(pk__in=Page.objects.live().public().values("pk"))
    )


class VisiblePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with "explorable" pages limited to the visible ones.

    The explorer, its search, the admin pages API and the site history all list what
    this policy calls explorable.
    """

    def explorable_instances(self, user):
        explorable = super().explorable_instances(user)
        if _sees_everything(user):
            return explorable
        return explorable.filter(pk__in=visible_pages(user).values("pk"))


class PageTypesUsageReport(PageTypesUsageReportView):
    """Page types usage, counting and naming only the pages the reader may see."""

    def get_queryset(self):
        if _sees_everything(self.request.user):
            return super().get_queryset()
        visible = visible_pages(self.request.user).values("pk")
        queryset = ContentType.objects.filter(model__in=self.page_models)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        pages = Q(pk__in=visible)
        counted = Q(pages__in=visible)
        if language_code := self.filters.form.cleaned_data.get("page_locale"):
            pages &= Q(locale__language_code=language_code)
            counted &= Q(pages__locale__language_code=language_code)
        if site_root_path := self.filters.form.cleaned_data.get("site"):
            pages &= Q(path__startswith=site_root_path)
            counted &= Q(pages__path__startswith=site_root_path)
        last_edited = (
            Page.objects.filter(pages, content_type=OuterRef("pk"))
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            .values("pk")[:1]
        )
        return queryset.annotate(
            count=Count("pages", filter=counted), last_edited_page_id=Subquery(last_edited)
        ).order_by("-count", "app_label", "model")


class VisibleItemsOnly:
    """A page bulk action whose confirmation names only pages the user may see."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        if not _sees_everything(self.request.user):
            visible = set(visible_pages(self.request.user).values_list("pk", flat=True))
            context["items_with_no_access"] = [
                page for page in context["items_with_no_access"] if page.pk in visible
            ]
        return objects, context


class VisibleDeleteBulkAction(VisibleItemsOnly, DeleteBulkAction):
    pass


class VisibleMoveBulkAction(VisibleItemsOnly, MoveBulkAction):
    pass


class VisiblePublishBulkAction(VisibleItemsOnly, PublishBulkAction):
    pass


class VisibleUnpublishBulkAction(VisibleItemsOnly, UnpublishBulkAction):
    pass


BULK_ACTIONS = [
    VisibleDeleteBulkAction,
    VisibleMoveBulkAction,
    VisiblePublishBulkAction,
    VisibleUnpublishBulkAction,
]


def _wagtail_admin_view(name: str):
    """The view Wagtail's admin serves under ``name``, with its own access checks."""
    # Imported when the URLconf is built: Wagtail's admin URLs collect every app's hooks.
    from wagtail.admin import urls as wagtailadmin_urls

    for pattern in wagtailadmin_urls.urlpatterns:
        if getattr(pattern, "name", None) == name:
            return pattern.callback
    raise LookupError(name)


def _parent_page_among(pages_for_user, view):
    """``view`` answers 404 when its parent page is not among the user's pages."""

    @functools.wraps(view)
    def wrapped(request, parent_page_id, **kwargs):
        # Signed-out visitors are sent to sign in by Wagtail's own view.
        user = request.user
        if user.is_authenticated and not pages_for_user(user).filter(pk=parent_page_id).exists():
            raise Http404
        return view(request, parent_page_id=parent_page_id, **kwargs)

    return wrapped


def admin_urls() -> list:
    """Admin addresses served with the visibility rules, placed before Wagtail's own.

    The explorer and the page chooser name the page whose children they list; Wagtail's
    page types report names the last edited page of each type.
    """
    return [
        path(
            "admin/pages/<int:parent_page_id>/",
            _parent_page_among(visible_pages, _wagtail_admin_view("wagtailadmin_explore")),
        ),
        path(
            "admin/pages/<int:parent_page_id>/results/",
            _parent_page_among(visible_pages, _wagtail_admin_view("wagtailadmin_explore_results")),
        ),
        path(
            "admin/choose-page/<int:parent_page_id>/",
            _parent_page_among(
                choosable_pages, _wagtail_admin_view("wagtailadmin_choose_page_child")
            ),
        ),
        path(
            "admin/reports/page-types-usage/",
            require_admin_access(PageTypesUsageReport.as_view()),
        ),
        path(
            "admin/reports/page-types-usage/results/",
            require_admin_access(PageTypesUsageReport.as_view(results_only=True)),
        ),
    ]


def explorer_shows_visible_pages(parent_page, pages, request):
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


def chooser_offers_visible_and_public_pages(pages, request):
    return pages.filter(pk__in=choosable_pages(request.user).values("pk"))


def register_hooks() -> None:
    """Narrow the explorer, choosers and bulk actions to what each admin user may see."""
    register_permission_policy(Page, VisiblePagePermissionPolicy())
    hooks.register("construct_explorer_page_queryset", explorer_shows_visible_pages)
    hooks.register("construct_page_chooser_queryset", chooser_offers_visible_and_public_pages)
    # After Wagtail's own page bulk actions (order 0), so these replace them.
    for bulk_action in BULK_ACTIONS:
        hooks.register("register_bulk_action", bulk_action, order=1)
