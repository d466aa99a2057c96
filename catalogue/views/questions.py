"""Questions to providers: the asker's and the provider's list, and answering."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue import permissions, selectors, services
from catalogue.forms import AnswerForm
from catalogue.models import Question
from network.permissions import is_member


def my_questions(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_member(request.user):
        raise PermissionDenied
    user = request.user
    asked = Question.objects.filter(asked_by=user).select_related("entry", "answered_by")
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
    if form.is_valid():
        services.question_answer(
            question=question, user=request.user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer was sent."))
    else:
        messages.error(request, _("Write an answer before sending it."))
    return redirect(index.url + index.reverse_subpage("my_questions"))
