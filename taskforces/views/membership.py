"""The public page's membership part: asking to join, leaving, and the chair's member list."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.permissions import is_member
from taskforces import permissions, refusals, selectors, services
from taskforces.forms import JoinDecisionForm, JoinRequestForm, MembershipChoiceForm, RoleForm
from taskforces.models import (
    JoinRequest,
    JoinRequestStatus,
    MembershipRole,
    TaskForcePage,
)
from taskforces.views.access import posted_action, require, require_reader, workspace_context


def public_page(request, taskforce: TaskForcePage):
    """The task force's public page, with what the reader may do: join, leave, enter."""
    request.is_preview = getattr(request, "is_preview", False)
    return taskforce.render(request, context_overrides=_public_page_context(request, taskforce))


def _public_page_context(request, taskforce: TaskForcePage) -> dict:
    if taskforce.pk is None:
        # The preview of a task force not saved yet: it has no members nor requests.
        return {"member_count": 0}
    user = request.user
    if taskforce.open_to_network:
        # The forum: nobody joins or leaves; members of the network simply go in.
        return {"can_read_workspace": permissions.can_read_taskforce(user, taskforce)}
    return {
        "chairs": selectors.chairs(taskforce),
        "member_count": taskforce.memberships.count(),
        "my_role": permissions.role_in(user, taskforce),
        "my_role_label": dict(MembershipRole.choices).get(permissions.role_in(user, taskforce)),
        "can_read_workspace": permissions.can_read_taskforce(user, taskforce),
        "can_ask_to_join": permissions.can_ask_to_join(user, taskforce),
        "is_network_member": is_member(user),
        "pending_request": selectors.pending_join_request(user, taskforce),
        "join_form": JoinRequestForm(),
    }


@require_POST
def join_request(request, taskforce: TaskForcePage):
    if not request.user.is_authenticated:
        return redirect_to_login(taskforce.url)
    if not permissions.can_ask_to_join(request.user, taskforce):
        raise PermissionDenied(refusals.CANNOT_ASK_TO_JOIN)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                taskforce=taskforce, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your request is with the chair; you will hear by e-mail."))
    else:
        messages.error(request, _("Your message is too long."))
    return redirect(taskforce.url)


@require_POST
def leave(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    membership = selectors.membership_for(request.user, taskforce)
    if membership is None:
        raise PermissionDenied(refusals.MEMBERS_ONLY)
    try:
        services.membership_end(membership=membership, ended_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(taskforce.workspace_url("members"))
    messages.success(request, _("You have left %(taskforce)s.") % {"taskforce": taskforce.title})
    return redirect(taskforce.url)


def members(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    user = request.user
    can_manage = permissions.can_manage(user, taskforce)
    errors = []
    if request.method == "POST":
        require(can_manage, refusals.MANAGERS_ONLY)
        action = posted_action(request, ("decide", "role", "remove"))
        try:
            if action == "decide":
                _decide(request, taskforce)
            else:
                _change_membership(request, taskforce, action)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect(taskforce.workspace_url("members"))
    memberships = list(selectors.taskforce_members(taskforce))
    handles = selectors.member_handles(memberships)
    for membership in memberships:
        membership.handle = handles[membership.user_id]
    context = workspace_context(request, taskforce, _("Members"))
    context.update(
        {
            "memberships": memberships,
            "join_requests": selectors.pending_join_requests(taskforce) if can_manage else [],
            "errors": errors,
            "role_form": RoleForm(),
            "membership": selectors.membership_for(user, taskforce),
        }
    )
    return TemplateResponse(
        request, "taskforces/members.html", context, status=400 if errors else 200
    )


def _decide(request, taskforce: TaskForcePage) -> None:
    """Accept or decline a pending request to join."""
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose accept or decline."))
    pending = get_object_or_404(
        JoinRequest,
        pk=form.cleaned_data["request"],
        taskforce=taskforce,
        status=JoinRequestStatus.PENDING,
    )
    accept = form.cleaned_data["decision"] == "accept"
    services.join_request_decide(
        join_request=pending, decided_by=request.user, accept=accept, note=form.cleaned_data["note"]
    )
    messages.success(
        request,
        _("%(person)s is now a member.") % {"person": pending.user.get_full_name()}
        if accept
        else _("Request declined; the person is told by e-mail."),
    )


def _change_membership(request, taskforce: TaskForcePage, action: str) -> None:
    """Change a member's role, or remove them ("role" or "remove")."""
    chosen = MembershipChoiceForm(request.POST, taskforce=taskforce)
    if not chosen.is_valid():
        raise Http404
    membership = chosen.cleaned_data["membership"]
    if action == "remove":
        services.membership_end(membership=membership, ended_by=request.user)
        messages.success(request, _("Member removed."))
        return
    form = RoleForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a role."))
    services.membership_change_role(
        membership=membership, role=form.cleaned_data["role"], changed_by=request.user
    )
    messages.success(request, _("Role changed."))
