"""The secretariat's list of background work that failed, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network.permissions import is_secretariat
from portal import background
from portal.models import FailedTask, FailedTaskStatus


@require_http_methods(["GET", "POST"])
def failed_tasks(request):
    # What failed may name private things (an e-mail's subject, its recipients).
    if not is_secretariat(request.user):
        raise PermissionDenied
    if request.method == "POST":
        failure_id = request.POST.get("retry", "")
        valid_id = failure_id.isascii() and failure_id.isdigit() and len(failure_id) < 19
        if valid_id and background.queue_retry(int(failure_id)):
            messages.success(request, _("The work was queued to be tried again."))
        else:
            messages.error(request, _("This work is already being retried or is done."))
        return redirect("portal_failed_tasks")
    failures = list(FailedTask.objects.all()[:500])
    for failure in failures:
        failure.description = background.describe(failure)
        failure.can_retry = failure.status != FailedTaskStatus.RUNNING
    context = {
        "failures": failures,
        "given_up": sum(f.status == FailedTaskStatus.GAVE_UP for f in failures),
        "header_title": _("Failed background work"),
        "page_title": _("Failed background work"),
        "header_icon": "warning",
    }
    return TemplateResponse(request, "portal/admin/failed_tasks.html", context)
