"""The secretariat's list of background work that failed, in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal import background
from portal.fields import IdChoiceField
from portal.models import FailedTask, FailedTaskStatus

# Granted to the secretariat's group (network/groups.py). What failed may name private
# things (an e-mail's subject, its recipients), so no one else sees the list.
VIEW_FAILED_TASKS = "portal.view_failedtask"
RETRY_FAILED_TASKS = "portal.change_failedtask"


class RetryForm(forms.Form):
    retry = IdChoiceField(queryset=FailedTask.objects.all())


def can_view_failed_tasks(user) -> bool:
    return user.has_perm(VIEW_FAILED_TASKS)


@require_http_methods(["GET", "POST"])
def failed_tasks(request):
    if not can_view_failed_tasks(request.user):
        raise PermissionDenied
    if request.method == "POST":
        if not request.user.has_perm(RETRY_FAILED_TASKS):
            raise PermissionDenied
        form = RetryForm(request.POST)
        if form.is_valid() and background.queue_retry(form.cleaned_data["retry"].pk):
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
