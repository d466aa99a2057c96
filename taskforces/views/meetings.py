"""Meetings, proposals and the decisions log, and action items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from taskforces import permissions, selectors, services
from taskforces.forms import (
    ActionItemForm,
    ActionStatusForm,
    AnswerForm,
    CloseProposalForm,
    MeetingForm,
    ProposalForm,
)
from taskforces.markup import render_markdown
from taskforces.models import ActionStatus, TaskForcePage
from taskforces.views.access import require, require_reader, workspace_context

# Meetings -----------------------------------------------------------------------------------


def meeting_list(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    context = workspace_context(request, taskforce, _("Meetings"))
    context.update({"meetings": selectors.meetings(taskforce), "now": timezone.now()})
    return TemplateResponse(request, "taskforces/meetings.html", context)


def meeting_detail(request, taskforce: TaskForcePage, meeting_id: int):
    require_reader(request, taskforce)
    meeting = taskforce.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
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
    require(
        permissions.can_manage(request.user, taskforce),
        _("The chair or the secretariat record meetings."),
    )
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


# Proposals and decisions --------------------------------------------------------------------


def decision_log(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    context = workspace_context(request, taskforce, _("Decisions"))
    context.update(
        {
            "open_proposals": selectors.open_proposals(taskforce),
            "decisions": selectors.decision_log(taskforce),
        }
    )
    return TemplateResponse(request, "taskforces/decisions.html", context)


def proposal_create(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    require(
        permissions.can_manage(request.user, taskforce),
        _("The chair or the secretariat put proposals to the members."),
    )
    form = ProposalForm(request.POST or None, taskforce=taskforce)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                taskforce=taskforce,
                created_by=request.user,
                title=data["title"],
                text=data["text"],
                deadline=data["deadline"],
                quorum=data["quorum"],
                meeting=data["meeting"],
                thread=data["thread"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Proposal sent to the members."))
            return redirect(taskforce.workspace_url("proposal", proposal.pk))
    context = workspace_context(request, taskforce, _("New proposal"))
    context.update({"form": form, "form_title": _("New proposal")})
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/record_form.html", context, status=status)


def proposal_detail(request, taskforce: TaskForcePage, proposal_id: int):
    require_reader(request, taskforce)
    proposal = (
        taskforce.proposals.select_related("meeting", "thread", "created_by")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404
    user = request.user
    can_answer = (
        permissions.can_answer_proposal(user, taskforce)
        and proposal.is_open
        and proposal.deadline > timezone.now()
    )
    can_close = permissions.can_manage(user, taskforce) and proposal.is_open
    mine = proposal.responses.filter(user=user).first()
    answer_form = AnswerForm(
        initial={"answer": mine.answer, "reason": mine.reason} if mine else None
    )
    close_form = CloseProposalForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "answer":
                require(can_answer, _("This proposal does not take your answer."))
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    services.proposal_answer(
                        proposal=proposal,
                        user=user,
                        answer=answer_form.cleaned_data["answer"],
                        reason=answer_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Your answer is recorded."))
                    return redirect(request.path)
            elif action == "close":
                require(can_close, _("The chair or the secretariat close proposals."))
                close_form = CloseProposalForm(request.POST)
                if close_form.is_valid():
                    decision = services.proposal_close(
                        proposal=proposal,
                        closed_by=user,
                        review_on=close_form.cleaned_data["review_on"],
                    )
                    messages.success(
                        request,
                        _("Closed: %(status)s. The outcome is in the decisions log.")
                        % {"status": decision.get_status_display()},
                    )
                    return redirect(taskforce.workspace_url("decision_log"))
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            answer_form.add_error(None, error)
    responses = proposal.responses.select_related("user").order_by("answered_at")
    context = workspace_context(request, taskforce, proposal.title)
    context.update(
        {
            "proposal": proposal,
            "text_html": render_markdown(proposal.text),
            "responses": responses,
            "answer_form": answer_form,
            "close_form": close_form,
            "can_answer": can_answer,
            "can_close": can_close,
            "decision": getattr(proposal, "decision", None),
        }
    )
    errors = answer_form.errors or close_form.errors
    return TemplateResponse(
        request, "taskforces/proposal.html", context, status=400 if errors else 200
    )


# Action items -------------------------------------------------------------------------------


def action_list(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    can_manage = permissions.can_manage(request.user, taskforce)
    form = ActionItemForm(request.POST or None, taskforce=taskforce)
    if request.method == "POST":
        require(can_manage, _("The chair or the secretariat assign action items."))
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
    require(
        permissions.can_update_action(request.user, item),
        _("Only the owner or the chair update an action item."),
    )
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            item=item, changed_by=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Action item updated."))
    else:
        messages.error(request, _("Choose a status."))
    if request.POST.get("next") == "mine":
        return redirect("taskforces:my_actions")
    return redirect(taskforce.workspace_url("actions"))
