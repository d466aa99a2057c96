"""Proposals put to the members, their answers, and the decisions log they close into."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from taskforces import permissions, refusals, selectors, services
from taskforces.forms import AnswerForm, CloseProposalForm, ProposalForm
from taskforces.markup import render_markdown
from taskforces.models import Proposal, TaskForcePage
from taskforces.views.access import posted_action, require, require_reader, workspace_context


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
    require(permissions.can_manage(request.user, taskforce), refusals.MANAGERS_ONLY)
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
    can_answer = permissions.can_answer_proposal(user, taskforce)
    takes_answers = proposal.is_open and proposal.deadline > timezone.now()
    can_close = permissions.can_manage(user, taskforce) and proposal.is_open
    mine = proposal.responses.filter(user=user).first()
    answer_form = AnswerForm(
        initial={"answer": mine.answer, "reason": mine.reason} if mine else None
    )
    close_form = CloseProposalForm()
    if request.method == "POST":
        if posted_action(request, ("answer", "close")) == "answer":
            require(can_answer, refusals.OBSERVERS_READ_ONLY)
            require(takes_answers, refusals.PROPOSAL_NOT_OPEN)
            answer_form = AnswerForm(request.POST)
            done = _answer(request, proposal, answer_form)
        else:
            require(can_close, refusals.MANAGERS_ONLY)
            close_form = CloseProposalForm(request.POST)
            # Errors of closing are shown where the page shows the answer form's.
            done = _close(request, proposal, close_form, errors_to=answer_form)
        if done is not None:
            return done
    context = workspace_context(request, taskforce, proposal.title)
    context.update(
        {
            "proposal": proposal,
            "text_html": render_markdown(proposal.text),
            "responses": proposal.responses.select_related("user").order_by("answered_at"),
            "answer_form": answer_form,
            "close_form": close_form,
            "can_answer": can_answer and takes_answers,
            "can_close": can_close,
            "decision": getattr(proposal, "decision", None),
        }
    )
    errors = answer_form.errors or close_form.errors
    return TemplateResponse(
        request, "taskforces/proposal.html", context, status=400 if errors else 200
    )


def _answer(request, proposal: Proposal, form: AnswerForm):
    """Record the reader's answer; a redirect, or None with the errors on the form."""
    if not form.is_valid():
        return None
    try:
        services.proposal_answer(
            proposal=proposal,
            user=request.user,
            answer=form.cleaned_data["answer"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Your answer is recorded."))
    return redirect(request.path)


def _close(request, proposal: Proposal, form: CloseProposalForm, *, errors_to: AnswerForm):
    """Close the proposal into the decisions log; a redirect, or None with the errors shown."""
    if not form.is_valid():
        return None
    try:
        decision = services.proposal_close(
            proposal=proposal, closed_by=request.user, review_on=form.cleaned_data["review_on"]
        )
    except ValidationError as error:
        errors_to.add_error(None, error)
        return None
    messages.success(
        request,
        _("Closed: %(status)s. The outcome is in the decisions log.")
        % {"status": decision.get_status_display()},
    )
    return redirect(proposal.taskforce.workspace_url("decision_log"))
