"""The secretariat's screens in the Wagtail admin: inviting people."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from network import permissions, services
from network.forms import InvitationCreateForm
from network.models import Invitation


def invitations(request):
    if not permissions.can_invite(request.user):
        raise PermissionDenied
    form = InvitationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _token = services.invitation_create(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                office=data["office"],
                role=data["role"],
                language=data["language"],
                invited_by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s; the link works for 14 days.")
                % {"email": invitation.email},
            )
            return redirect("network_invitations")
    context = {
        "form": form,
        "invitations": Invitation.objects.select_related("office", "invited_by")[:100],
        "header_title": _("Invitations"),
        "page_title": _("Invitations"),
        "header_icon": "mail",
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "network/admin/invitations.html", context, status=status)
