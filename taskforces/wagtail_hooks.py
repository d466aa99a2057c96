"""The secretariat's admin for task-force memberships, writing through taskforces.services
(so the admin keeps a task force's chair and tells people as the site's pages do)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network.admin_snippets import (
    ServiceCreateView,
    ServiceDeleteView,
    ServiceEditView,
    panel_for,
    refusal_messages,
)
from network.models import User
from taskforces import admin_queues, services
from taskforces.models import Membership


class MembershipAddForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["taskforce", "user", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Task forces are for the network's people.
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, member__isnull=False
        ).order_by("last_name", "first_name")


class MembershipRoleForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["role"]


class MembershipCreateView(ServiceCreateView):
    def write(self, form):
        data = form.cleaned_data
        return services.membership_add(
            taskforce=data["taskforce"], user=data["user"], role=data["role"]
        )


class MembershipEditView(ServiceEditView):
    def write(self, form):
        # The form changed the role on the instance in memory; the service needs the old one.
        membership = Membership.objects.get(pk=form.instance.pk)
        return services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"], changed_by=self.request.user
        )


class MembershipDeleteView(ServiceDeleteView):
    def remove(self, instance):
        services.membership_end(membership=instance, ended_by=self.request.user)


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "taskforce", "role", "joined_at"]
    list_filter = ["role", "taskforce"]
    copy_view_enabled = False
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView

    def get_add_view_kwargs(self, **kwargs):
        panel = panel_for(
            Membership,
            [FieldPanel("taskforce"), FieldPanel("user"), FieldPanel("role")],
            MembershipAddForm,
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_edit_handler(self):
        return panel_for(Membership, [FieldPanel("role")], MembershipRoleForm)


register_snippet(MembershipViewSet)


class MembershipBulkDelete(DeleteBulkAction):
    """Removing several members at once ends each membership through the service; one
    refusal (a task force left without a chair) and none ends."""

    models = [Membership]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        for membership in objects:
            services.membership_end(membership=membership, ended_by=view.request.user)
        return len(objects), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            for message in refusal_messages(error):
                messages.error(self.request, message)
            return redirect(self.next_url)


# Registered after Wagtail's own delete action (order), so it replaces it for memberships.
hooks.register("register_bulk_action", MembershipBulkDelete, order=100)


@hooks.register("construct_homepage_panels")
def add_join_requests_queue(request, panels):
    panel = admin_queues.join_requests_panel(request)
    if panel is not None:
        panels.append(panel)
