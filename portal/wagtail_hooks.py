from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import admin_views
from portal.models import FailedTask, FailedTaskStatus, Language, Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "comment"
    list_display = ["name", "code", "native_name"]
    search_fields = ["name", "code"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    """Shared taxonomies under one menu item; apps add their own to `items`."""

    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (RegionViewSet, LanguageViewSet)


register_snippet(TaxonomyViewSetGroup)


class FailedTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view_failed_tasks(request.user)


@hooks.register("register_admin_urls")
def register_background_work_urls():
    return [path("failed-tasks/", admin_views.failed_tasks, name="portal_failed_tasks")]


@hooks.register("register_reports_menu_item")
def register_failed_tasks_report():
    return FailedTasksMenuItem(
        _("Failed background work"), reverse("portal_failed_tasks"), icon_name="warning", order=900
    )


class FailedTasksPanel(Component):
    """On the secretariat's dashboard: background work that was given up, if any."""

    name = "failed_tasks"
    order = 50
    template_name = "portal/admin/failed_tasks_panel.html"

    def __init__(self, given_up: int):
        self.given_up = given_up

    def get_context_data(self, parent_context):
        return {"given_up": self.given_up, "url": reverse("portal_failed_tasks")}


@hooks.register("construct_homepage_panels")
def add_failed_tasks_panel(request, panels):
    if not admin_views.can_view_failed_tasks(request.user):
        return
    given_up = FailedTask.objects.filter(status=FailedTaskStatus.GAVE_UP).count()
    if given_up:
        panels.append(FailedTasksPanel(given_up))
