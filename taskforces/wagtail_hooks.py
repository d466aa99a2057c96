from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from taskforces.models import Membership


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "taskforce", "role", "joined_at"]
    list_filter = ["role", "taskforce"]


register_snippet(MembershipViewSet)
