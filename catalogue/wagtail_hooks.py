from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue import admin_queues
from catalogue.models import (
    Category,
    DeploymentModel,
    EntryReview,
    Pilot,
    Question,
    WipoStandard,
)
from catalogue.pilots.forms import PilotForm


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "ai_related"]
    search_fields = ["name"]


class WipoStandardViewSet(SnippetViewSet):
    model = WipoStandard
    icon = "doc-full"
    list_display = ["code", "title"]
    search_fields = ["code", "title"]


class DeploymentModelViewSet(SnippetViewSet):
    model = DeploymentModel
    icon = "cogs"
    list_display = ["name", "slug"]


class EntryReviewViewSet(ModelViewSet):
    """The review decisions with their checklists, kept with each entry."""

    model = EntryReview
    icon = "tasks"
    menu_label = _("Entry reviews")
    list_display = ["entry", "decision", "reviewer", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["entry__title", "comment"]
    form_fields = ["checklist", "comment"]
    add_to_admin_menu = False
    inspect_view_enabled = True


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions to providers")
    list_display = ["entry", "asked_by", "created_at", "answered_at", "published_at"]
    search_fields = ["body", "answer", "entry__title"]
    form_fields = ["body", "answer"]
    add_to_admin_menu = False
    inspect_view_enabled = True


class PilotViewSet(ModelViewSet):
    """The secretariat's view of the pilot projects offices record on the site."""

    model = Pilot
    icon = "list-ul"
    menu_label = _("Pilot projects")
    list_display = ["title", "lead_office", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "goals", "results", "lessons"]
    # The fields members fill in on the site (catalogue.pilots.forms).
    form_fields = PilotForm.Meta.fields
    add_to_admin_menu = False
    inspect_view_enabled = True


class CatalogueGroup(SnippetViewSetGroup):
    """The catalogue's taxonomies and activity under one short label, so the sidebar
    shows it whole."""

    menu_label = _("Catalogue")
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = (
        CategoryViewSet,
        WipoStandardViewSet,
        DeploymentModelViewSet,
        EntryReviewViewSet,
        QuestionViewSet,
        PilotViewSet,
    )


register_snippet(CatalogueGroup)


@hooks.register("construct_homepage_panels")
def add_catalogue_queues(request, panels):
    for build in (
        admin_queues.review_panel,
        admin_queues.questions_panel,
        admin_queues.stale_panel,
    ):
        panel = build(request)
        if panel is not None:
            panels.append(panel)
    if admin_queues.reviews_are_all_catalogue_entries(request, panels):
        # Wagtail's own "Awaiting your review" would list the same entries again.
        panels[:] = [panel for panel in panels if panel.name != "workflow_objects_to_moderate"]
