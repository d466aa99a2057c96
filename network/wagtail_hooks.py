from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from network import admin_pages, admin_queues, admin_snippets, admin_views, permissions
from network.models import Member, OfficeIndexPage, SeatTerm

# The admin writes through the services and offers only what they allow; see
# network/admin_snippets.py.
register_permission_policy(Member, admin_snippets.MEMBER_POLICY)
register_permission_policy(SeatTerm, admin_snippets.SEAT_TERM_POLICY)
register_snippet(admin_snippets.MemberViewSet)
register_snippet(admin_snippets.SeatTermViewSet)


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_secretariat(request.user)


def _directory_url(route: str) -> str:
    index = OfficeIndexPage.objects.live().originals().first()
    return index.url + index.reverse_subpage(route) if index else "/"


class DirectoryRouteMenuItem(SecretariatMenuItem):
    """A link to one of the directory's secretariat pages on the site."""

    def __init__(self, label, route, **kwargs):
        self.route = route
        super().__init__(label, "#", **kwargs)

    def render_component(self, request):
        self.url = _directory_url(self.route)
        return super().render_component(request)


@hooks.register("register_admin_urls")
def register_network_admin_urls():
    return [path("invitations/", admin_views.invitations, name="network_invitations")]


@hooks.register("register_admin_menu_item")
def register_network_menu():
    menu = Menu(
        items=[
            SecretariatMenuItem(
                _("Invitations"), reverse("network_invitations"), icon_name="mail", order=100
            ),
            SecretariatMenuItem(
                _("Members"),
                reverse("wagtailsnippets_network_member:list"),
                icon_name="user",
                order=200,
            ),
            SecretariatMenuItem(
                _("Seats"),
                reverse("wagtailsnippets_network_seatterm:list"),
                icon_name="history",
                order=300,
            ),
            DirectoryRouteMenuItem(_("Nominations"), "nominations", icon_name="tick", order=400),
            DirectoryRouteMenuItem(
                _("Export self-assessments (CSV)"),
                "assessments_export",
                icon_name="download",
                order=500,
            ),
        ]
    )
    return SubmenuMenuItem(_("Network"), menu, icon_name="group", order=200)


admin_pages.register_hooks()


@hooks.register("construct_homepage_panels")
def add_network_queues(request, panels):
    for build in (admin_queues.nominations_panel, admin_queues.invitations_panel):
        panel = build(request)
        if panel is not None:
            panels.append(panel)
