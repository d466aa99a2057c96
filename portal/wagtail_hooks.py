from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import admin_pages, permissions
from portal.models import Language, Region, Speaker, Team, WorkshopPage


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


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    list_display = ["display_name", "display_affiliation"]
    search_fields = ["name", "affiliation"]


class TeamViewSet(SnippetViewSet):
    """Hackathon teams sign up on the site; here the secretariat names the winners."""

    model = Team
    icon = "group"
    list_display = ["name", "workshop", "challenge", "prize"]
    list_filter = ["workshop"]
    search_fields = ["name"]


class WorkshopViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Workshops")
    menu_icon = "date"
    menu_order = 250
    items = (SpeakerViewSet, TeamViewSet)


register_snippet(WorkshopViewSetGroup)


class ParticipantsButton(PageMenuItem):
    label = _("Participants")
    icon_name = "group"

    def is_shown(self, user):
        return self.page.live and permissions.can_manage_registrations(user, self.page)


def _participant_buttons(page, user):
    if isinstance(page.specific_deferred, WorkshopPage):
        workshop = page.specific_deferred
        yield ParticipantsButton(page=workshop, url=workshop.route_url("participants"), priority=5)


@hooks.register("register_page_listing_more_buttons")
def workshop_listing_buttons(page, user, next_url=None):
    yield from _participant_buttons(page, user)


@hooks.register("register_page_header_buttons")
def workshop_header_buttons(page, user, view_name, next_url=None):
    yield from _participant_buttons(page, user)


# What an office's representatives see of the page tree in the admin ----------------------

register_permission_policy(Page, admin_pages.VisiblePagePermissionPolicy())


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_visible_pages(parent_page, pages, request):
    return pages.filter(pk__in=admin_pages.visible_pages(request.user).values("pk"))


@hooks.register("construct_page_chooser_queryset")
def chooser_offers_visible_and_public_pages(pages, request):
    return pages.filter(pk__in=admin_pages.choosable_pages(request.user).values("pk"))


# After Wagtail's own page bulk actions (order 0), so these replace them.
for bulk_action in admin_pages.BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)
