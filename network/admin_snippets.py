"""Admin snippet views that write through the services, so the admin keeps every rule.

Wagtail's own create, edit and delete views save the form's instance directly; the
views here hand the validated form to a service instead, show its refusal as a form
error or a message, and log the change in the object's history as Wagtail would.
A model's admin offers only the actions the secretariat needs there
(``OfferedActionsPolicy``); the rest happen on the site's own pages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from network import services
from network.forms import MemberAdminForm
from network.models import Member, SeatTerm


class OfferedActionsPolicy(ModelPermissionPolicy):
    """The model's Django permissions, limited to the actions its admin offers."""

    def __init__(self, model, *, offered: set[str]):
        super().__init__(model)
        self.offered = frozenset(offered)

    def user_has_permission(self, user, action):
        return action in self.offered and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.offered])


def refusal_messages(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error) or _("You may not do this.")]


class ServiceFormMixin:
    """Saves through ``write(form)`` (a service call); a refusal becomes a form error."""

    log_action = "wagtail.edit"

    def write(self, form):
        raise NotImplementedError

    def save_instance(self):
        instance = self.write(self.form)
        log(instance=instance, action=self.log_action, user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            for message in refusal_messages(error):
                form.add_error(None, message)
            self.produced_error_code = "invalid"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceCreateView(ServiceFormMixin, CreateView):
    log_action = "wagtail.create"


class ServiceEditView(ServiceFormMixin, EditView):
    pass


class ServiceDeleteView(DeleteView):
    """Deletes through ``remove(instance)``; a refusal is shown and nothing changes."""

    def remove(self, instance) -> None:
        raise NotImplementedError

    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
            self.remove(self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            for message in refusal_messages(error):
                messages.error(self.request, message)
            return redirect(self.get_success_url())


def panel_for(model, panels: list, form_class) -> ObjectList:
    return ObjectList(panels, base_form_class=form_class).bind_to_model(model)


# Members: the secretariat corrects a profile; accounts and profiles come from invitations.


class MemberEditView(ServiceEditView):
    def write(self, form):
        return services.profile_update(
            member=form.instance, changed_by=self.request.user, **form.profile_fields()
        )


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    add_to_admin_menu = False
    list_display = ["user", "office", "role", "job_title"]
    list_filter = ["role"]
    search_fields = ["job_title"]
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_class = MemberEditView
    panels = [
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("expertise"),
        FieldPanel("languages"),
        FieldPanel("phone"),
        FieldPanel("list_contact_details"),
        FieldPanel("language"),
        FieldPanel("new_photo"),
        FieldPanel("remove_photo"),
    ]

    def get_edit_handler(self):
        return panel_for(Member, self.panels, MemberAdminForm)


# Seat terms: the history, and ending a term; seats are given through nominations.


class SeatTermEndForm(WagtailAdminModelForm):
    class Meta:
        model = SeatTerm
        fields = ["ended_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True
        self.fields["ended_on"].label = _("End this term on")


class SeatTermEndView(ServiceEditView):
    page_title = _("End this term")

    def write(self, form):
        return services.seat_end(term=form.instance, ended_on=form.cleaned_data["ended_on"])


class SeatTermViewSet(SnippetViewSet):
    model = SeatTerm
    icon = "history"
    add_to_admin_menu = False
    list_display = ["office", "seat", "user", "started_on", "ended_on"]
    list_filter = ["seat"]
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_class = SeatTermEndView

    def get_edit_handler(self):
        return panel_for(SeatTerm, [FieldPanel("ended_on")], SeatTermEndForm)


MEMBER_POLICY = OfferedActionsPolicy(Member, offered={"change", "view"})
SEAT_TERM_POLICY = OfferedActionsPolicy(SeatTerm, offered={"change", "view"})
