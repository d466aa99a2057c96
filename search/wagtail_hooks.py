from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view_query_log(request.user)


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [path("queries/", admin_views.query_report, name="search_query_report")]


@hooks.register("register_reports_menu_item")
def register_query_report():
    return QueryReportMenuItem(
        _("What members look for"), reverse("search_query_report"), icon_name="search", order=800
    )
