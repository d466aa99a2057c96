"""Members to mention: what the reply box offers as someone types "@" and a name."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from taskforces import permissions, refusals, selectors
from taskforces.forms import MentionLookupForm
from taskforces.models import TaskForcePage


@require_GET
def mention_lookup(request, taskforce: TaskForcePage):
    """JSON ``{"members": [{"handle", "name", "office"}]}``: the task force's own members
    only, to its readers only; 404 (as for any hidden workspace) or 400 with an error."""
    if not permissions.can_read_taskforce(request.user, taskforce):
        return JsonResponse({"error": str(refusals.NO_SUCH_WORKSPACE)}, status=404)
    form = MentionLookupForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": str(refusals.MENTION_LOOKUP_TYPED)}, status=400)
    members = [
        {
            "handle": handle,
            "name": user.get_full_name() or handle,
            "office": _office_title(user),
        }
        for handle, user in selectors.mention_candidates(
            taskforce, form.cleaned_data["q"], exclude=request.user
        )
    ]
    return JsonResponse({"members": members})


def _office_title(user) -> str:
    member = getattr(user, "member", None)
    return member.office.title if member and member.office else ""
