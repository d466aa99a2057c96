"""Questions to providers: the asker's and the provider's list, and answering."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue import permissions, selectors, services
from catalogue.forms import AnswerForm, ShareConsentForm
from catalogue.models import Question
from network.permissions import is_member


def my_questions(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_member(request.user):
        raise PermissionDenied
    user = request.user
    asked = Question.objects.filter(asked_by=user).select_related("entry", "answered_by")
    share_form = ShareConsentForm()
    to_answer = []
    provided = selectors.entries_answered_by(user)
    if provided is not None:
        to_answer = list(
            Question.objects.filter(entry__in=provided)
            .select_related("entry", "asked_by")
            .order_by("answered_at", "-created_at")[:100]
        )
        for question in to_answer:
            question.answer_form = AnswerForm(prefix=f"q{question.pk}")
    return TemplateResponse(
        request,
        "catalogue/my_questions.html",
        {
            "page": index,
            "self": index,
            "subpage_title": _("My questions"),
            "asked": asked,
            "share_form": share_form,
            "to_answer": to_answer,
        },
    )


@require_POST
def question_answer(request, index, question_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    question = get_object_or_404(
        Question.objects.select_related("entry", "asked_by"), pk=question_id
    )
    if not permissions.can_answer(request.user, question):
        raise Http404
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    if not form.is_valid():
        messages.error(request, _("Write an answer before sending it."))
        return _back_to_question(index, question)
    services.question_answer(
        question=question, user=request.user, answer=form.cleaned_data["answer"]
    )
    messages.success(request, _("Your answer was sent."))
    if form.cleaned_data["publish"]:
        services.question_share_request(question=question, user=request.user)
        messages.success(request, _published_message(question))
    return _back_to_question(index, question)


def _answerable(request, question_id) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("entry", "asked_by"), pk=question_id
    )
    if not (
        permissions.can_answer(request.user, question)
        or permissions.can_consent_to_share(request.user, question)
    ):
        raise Http404
    return question


def _back_to_question(index, question):
    return redirect(index.url + index.reverse_subpage("my_questions") + f"#question-{question.pk}")


@require_POST
def question_publish(request, index, question_id):
    """The provider publishes an answer, or asks the asker to agree to it first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    question = _answerable(request, question_id)
    if not permissions.can_answer(request.user, question):
        raise Http404
    try:
        services.question_share_request(question=question, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _published_message(question))
    return _back_to_question(index, question)


def _published_message(question) -> str:
    if question.is_published:
        return _("The answer is published for all members on the entry's page.")
    return _("The person who asked is asked to agree; the answer is published when they do.")


@require_POST
def question_share(request, index, question_id):
    """The asker agrees to share their question and its answer with every member."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    question = _answerable(request, question_id)
    if not permissions.can_consent_to_share(request.user, question):
        raise Http404
    form = ShareConsentForm(request.POST)
    form.is_valid()  # A single tick box: anything unreadable is "not ticked".
    services.question_share_consent(
        question=question,
        user=request.user,
        anonymously=form.cleaned_data.get("anonymously", False),
    )
    messages.success(request, _("Thank you: your question may be shared with all members."))
    return _back_to_question(index, question)


@require_POST
def question_withdraw(request, index, question_id):
    """The asker or the provider takes a published answer back to private."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    question = _answerable(request, question_id)
    services.question_withdraw(question=question, user=request.user)
    messages.success(request, _("The question and its answer are private again."))
    return _back_to_question(index, question)
