from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import Category, WipoStandard


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class WipoStandardViewSet(SnippetViewSet):
    model = WipoStandard
    icon = "doc-full"
    list_display = ["code", "title"]
    search_fields = ["code", "title"]


class CatalogueTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = (CategoryViewSet, WipoStandardViewSet)


register_snippet(CatalogueTaxonomyGroup)
