"""The checks every workspace view starts with."""

from collections.abc import Iterable

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404

from taskforces import permissions, refusals
from taskforces.forms import ActionForm
from taskforces.models import TaskForcePage


def require_reader(request, taskforce: TaskForcePage) -> None:
    """404 for anyone who may not read the workspace: it does not exist for them."""
    if not permissions.can_read_taskforce(request.user, taskforce):
        raise Http404


def require(allowed: bool, message: str = "") -> None:
    """403 for a reader who may not do this (an observer posting, a member moderating)."""
    if not allowed:
        raise PermissionDenied(message)


def posted_action(request, actions: Iterable[str]) -> str:
    """The ``action`` a form's button names, one of ``actions``; 400 for anything else."""
    form = ActionForm(request.POST, actions=actions)
    if not form.is_valid():
        raise BadRequest(refusals.UNKNOWN_ACTION)
    return form.cleaned_data["action"]


def workspace_context(request, taskforce: TaskForcePage, subpage_title: str = "") -> dict:
    user = request.user
    return {
        "page": taskforce,
        "taskforce": taskforce,
        "subpage_title": subpage_title,
        "can_post": permissions.can_post(user, taskforce),
        "can_manage": permissions.can_manage(user, taskforce),
        "my_role": permissions.role_in(user, taskforce),
    }
