"""Meetings: their list, a meeting's agenda, minutes and records, and the chair's form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskforces import calendars, permissions, refusals, selectors, services
from taskforces.forms import MeetingForm
from taskforces.markup import render_markdown
from taskforces.models import TaskForcePage
from taskforces.views.access import require, require_reader, workspace_context


def meeting_list(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    context = workspace_context(request, taskforce, _("Meetings"))
    context.update({"meetings": selectors.meetings(taskforce), "now": timezone.now()})
    return TemplateResponse(request, "taskforces/meetings.html", context)


def meeting_detail(request, taskforce: TaskForcePage, meeting_id: int):
    meeting = _meeting(request, taskforce, meeting_id)
    context = workspace_context(request, taskforce, meeting.title)
    context.update(
        {
            "meeting": meeting,
            "agenda_html": render_markdown(meeting.agenda),
            "minutes_html": render_markdown(meeting.minutes),
            "attendees": meeting.attendees.order_by("last_name", "first_name"),
            "decisions": meeting.decisions.all(),
            "proposals": meeting.proposals.filter(closed_at__isnull=True),
            "action_items": meeting.action_items.select_related("owner"),
        }
    )
    return TemplateResponse(request, "taskforces/meeting.html", context)


def meeting_edit(request, taskforce: TaskForcePage, meeting_id: int | None = None):
    require_reader(request, taskforce)
    meeting = None
    if meeting_id is not None:
        meeting = taskforce.meetings.filter(pk=meeting_id).first()
        if meeting is None:
            raise Http404
    require(permissions.can_manage(request.user, taskforce), refusals.MANAGERS_ONLY)
    form = MeetingForm(request.POST or None, instance=meeting, taskforce=taskforce)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_save(
                taskforce=taskforce,
                saved_by=request.user,
                meeting=meeting,
                title=data["title"],
                starts_at=data["starts_at"],
                duration=data["duration"],
                location=data["location"],
                agenda=data["agenda"],
                minutes=data["minutes"],
                attendees=data["attendees"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect(taskforce.workspace_url("meeting", meeting.pk))
    title = _("Edit meeting") if meeting else _("New meeting")
    context = workspace_context(request, taskforce, title)
    context.update({"form": form, "meeting": meeting, "form_title": title})
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/record_form.html", context, status=status)


def _meeting(request, taskforce: TaskForcePage, meeting_id: int):
    require_reader(request, taskforce)
    meeting = taskforce.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_ics(request, taskforce: TaskForcePage, meeting_id: int):
    """The meeting for a calendar program, for the task force's readers only."""
    meeting = _meeting(request, taskforce, meeting_id)
    response = HttpResponse(calendars.meeting_ics(meeting), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@require_POST
def meeting_cancel(request, taskforce: TaskForcePage, meeting_id: int):
    meeting = _meeting(request, taskforce, meeting_id)
    require(permissions.can_manage(request.user, taskforce), refusals.MANAGERS_ONLY)
    services.meeting_cancel(meeting=meeting, cancelled_by=request.user)
    messages.success(request, _("Meeting cancelled. The members were sent the cancellation."))
    return redirect(taskforce.workspace_url("meeting", meeting.pk))
