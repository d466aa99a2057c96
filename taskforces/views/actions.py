"""Action items: the task force's list, the chair's form, and owners updating their status."""

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from taskforces import permissions, refusals, selectors, services
from taskforces.forms import ActionItemForm, ActionStatusForm
from taskforces.models import ActionStatus, TaskForcePage
from taskforces.views.access import require, require_reader, workspace_context


def action_list(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    can_manage = permissions.can_manage(request.user, taskforce)
    form = ActionItemForm(request.POST or None, taskforce=taskforce)
    if request.method == "POST":
        require(can_manage, refusals.MANAGERS_ONLY)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_item_create(
                    taskforce=taskforce,
                    created_by=request.user,
                    title=data["title"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    meeting=data["meeting"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Action item added; its owner is told."))
                return redirect(request.path)
    items = list(selectors.action_items(taskforce))
    for item in items:
        item.can_update = permissions.can_update_action(request.user, item)
    context = workspace_context(request, taskforce, _("Action items"))
    context.update(
        {
            "mine": [item for item in items if item.owner_id == request.user.pk],
            "items": items,
            "form": form,
            "status_choices": ActionStatus.choices,
        }
    )
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/actions.html", context, status=status)


def action_update(request, taskforce: TaskForcePage, action_id: int):
    require_reader(request, taskforce)
    item = taskforce.action_items.filter(pk=action_id).first()
    if item is None:
        raise Http404
    if request.method != "POST":
        return redirect(taskforce.workspace_url("actions"))
    require(permissions.can_update_action(request.user, item), refusals.OWNER_OR_CHAIR_ONLY)
    form = ActionStatusForm(request.POST)
    valid = form.is_valid()
    if "next" in form.errors:
        raise BadRequest(form.errors["next"][0])
    if valid:
        services.action_item_set_status(
            item=item, changed_by=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Action item updated."))
    else:
        messages.error(request, _("Choose a status."))
    if form.cleaned_data.get("next") == "mine":
        return redirect("taskforces:my_actions")
    return redirect(taskforce.workspace_url("actions"))
