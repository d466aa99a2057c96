from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import Category, DeploymentModel, EntryReview, Question, WipoStandard


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


class CatalogueTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = (CategoryViewSet, WipoStandardViewSet, DeploymentModelViewSet)


register_snippet(CatalogueTaxonomyGroup)


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
    list_display = ["entry", "asked_by", "created_at", "answered_at"]
    search_fields = ["body", "answer", "entry__title"]
    form_fields = ["body", "answer"]
    add_to_admin_menu = False
    inspect_view_enabled = True


class CatalogueActivityGroup(ModelViewSetGroup):
    menu_label = _("Catalogue activity")
    menu_icon = "tasks"
    menu_order = 320
    items = (EntryReviewViewSet, QuestionViewSet)


@hooks.register("register_admin_viewset")
def register_catalogue_activity():
    return CatalogueActivityGroup()
