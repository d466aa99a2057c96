"""A person's own pages across task forces: notifications, their settings, action items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskforces import selectors, services
from taskforces.forms import NotificationChoiceForm, NotificationPreferenceForm
from taskforces.models import ActionStatus, EmailMode, NotificationPreference


@login_required
def notification_list(request):
    notifications = selectors.notifications(request.user)
    preference = NotificationPreference.objects.filter(user=request.user).first()
    form = NotificationPreferenceForm(
        initial={"email_mode": preference.email_mode if preference else EmailMode.IMMEDIATE}
    )
    context = {
        "notifications": Paginator(notifications, 30).get_page(request.GET.get("page")),
        "unread": selectors.unread_notification_count(request.user),
        "preference_form": form,
    }
    return TemplateResponse(request, "taskforces/notifications.html", context)


@login_required
@require_POST
def notification_read(request):
    form = NotificationChoiceForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose notifications from your list."))
        return redirect("taskforces:notifications")
    ids = [notification.pk for notification in form.cleaned_data["notification"]]
    services.notifications_mark_read(user=request.user, notification_ids=ids or None)
    messages.success(request, _("Marked as read."))
    return redirect("taskforces:notifications")


@login_required
@require_POST
def notification_settings(request):
    form = NotificationPreferenceForm(request.POST)
    if form.is_valid():
        services.notification_preference_set(
            user=request.user, email_mode=form.cleaned_data["email_mode"]
        )
        messages.success(request, _("Your e-mail choice is saved."))
    else:
        messages.error(request, _("Choose how you would like to be e-mailed."))
    return redirect("taskforces:notifications")


@login_required
def my_action_items(request):
    context = {
        "items": selectors.my_action_items(request.user),
        "status_choices": ActionStatus.choices,
    }
    return TemplateResponse(request, "taskforces/my_actions.html", context)
