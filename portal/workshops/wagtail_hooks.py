"""The workshops in the admin: speakers and teams as snippets, a Participants button per page."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.workshops import admin_queues, permissions
from portal.workshops.models import Speaker, Team, WorkshopPage


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


@hooks.register("construct_homepage_panels")
def add_waiting_lists_queue(request, panels):
    panel = admin_queues.waiting_lists_panel(request)
    if panel is not None:
        panels.append(panel)
