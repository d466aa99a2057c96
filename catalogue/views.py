"""The catalogue on the site: the listing, entries, adoption, questions, compare, export.

Views are thin: they read through catalogue.selectors, write through catalogue.services,
and ask catalogue.permissions who may do what.
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue import permissions, selectors, services
from catalogue.exports import entry_rows, entry_summary
from catalogue.forms import (
    AdoptionForm,
    AdoptionOfficeForm,
    AnswerForm,
    ListingFilterForm,
    QuestionForm,
    plain_ids,
)
from catalogue.models import FreshnessState, Interest, Question
from network.models import OfficePage
from network.permissions import is_member, is_secretariat
from portal.exports import csv_response


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# The listing --------------------------------------------------------------------------------


def _listing_state(request) -> tuple[selectors.ListingState, list[str]]:
    """The listing the URL asks for, or the whole listing and the reasons it cannot be."""
    form = ListingFilterForm(request.GET, facets=selectors.FACETS, sorts=selectors.Sort.ORDERING)
    if not form.is_valid():
        return selectors.ListingState(), [e for errors in form.errors.values() for e in errors]
    data = form.cleaned_data
    return selectors.ListingState(
        query=data["q"],
        sort=data["sort"] or selectors.Sort.NAME,
        selected={facet.key: data[facet.key] for facet in selectors.FACETS if data[facet.key]},
    ), []


def listing(request, index):
    state, errors = _listing_state(request)
    compare_ids = plain_ids(request.GET.get("compare", ""))[: selectors.MAX_COMPARED]
    entries = Paginator(selectors.listing_entries(state), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": index,
        "self": index,
        "state": state,
        "entries": entries,
        "facets": selectors.facets(state),
        "sort_choices": selectors.Sort.CHOICES,
        "filters_query": state.query_string(),
        "query_string": state.query_string(),
        "compare_ids": compare_ids,
        "filter_errors": errors,
    }
    if compare_ids:
        context["query_string"] += ("&" if context["query_string"] else "") + urlencode(
            {"compare": ",".join(map(str, compare_ids))}
        )
    # htmx asks for the results region only; everything else gets the whole page.
    # Refused filters answer 400 with the whole page, which says why.
    status = 400 if errors else 200
    if (
        not errors
        and request.htmx
        and not request.htmx.boosted
        and request.htmx.target == "catalogue-results"
    ):
        return TemplateResponse(request, "catalogue/components/listing_results.html", context)
    return TemplateResponse(request, "catalogue/catalogue_index_page.html", context, status=status)


def compare(request, index):
    ids = plain_ids(request.GET.get("entries", "") or ",".join(request.GET.getlist("entry")))
    entries = selectors.compared_entries(ids)
    rows = compare_rows(entries) if entries else []
    return TemplateResponse(
        request,
        "catalogue/compare.html",
        {
            "page": index,
            "self": index,
            "subpage_title": _("Compare"),
            "entries": entries,
            "rows": rows,
            "ids": ",".join(str(entry.pk) for entry in entries),
            "too_few": len(entries) < 2,
        },
    )


def compare_rows(entries) -> list[dict]:
    """Every field of the compared entries, one row each, marked where they differ."""
    rows = []
    for label, values in entry_summary(entries):
        rows.append({"label": label, "values": values, "differs": len(set(values)) > 1})
    return rows


def export(request, index, format):
    state, errors = _listing_state(request)
    if errors:
        return render(request, "400.html", {"message": " ".join(errors)}, status=400)
    entries = selectors.listing_entries(state).prefetch_related(
        "standards", "languages", "tags", "deployment_models"
    )
    if format == "csv":
        return csv_response(entry_rows(entries, request), "catalogue.csv")
    rows = list(entry_rows(entries, request))
    header, body = rows[0], rows[1:]
    data = {"count": len(body), "results": [dict(zip(header, row, strict=True)) for row in body]}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="catalogue.json"'
    return response


# One entry ------------------------------------------------------------------------------------


def entry_context(request, entry) -> dict:
    if entry.pk is None:
        # The preview of an entry not saved yet: nothing of it is in the database.
        return {"adoptions": [], "related_entries": []}
    user = request.user
    freshness = getattr(entry, "freshness", None)
    adoptions = selectors.entry_adoptions(entry)
    offices = list(permissions.adoption_offices(user)) if user.is_authenticated else []
    own = {adoption.office_id: adoption for adoption in adoptions}
    adoption_forms = []
    for office in offices:
        current = own.get(office.pk)
        initial = (
            {
                "status": current.status,
                "since": current.since,
                "version": current.version,
                "note": current.note,
                "willing_to_be_reference": current.willing_to_be_reference,
            }
            if current
            else {}
        )
        adoption_forms.append(
            (office, current, AdoptionForm(initial=initial, prefix=f"office-{office.pk}"))
        )
    member_office = (
        getattr(getattr(user, "member", None), "office", None) if user.is_authenticated else None
    )
    is_provider = permissions.is_provider(user, entry)
    context = {
        "freshness": freshness,
        "is_archived": freshness is not None and freshness.state == FreshnessState.ARCHIVED,
        "is_outdated": freshness is not None and freshness.state == FreshnessState.OUTDATED,
        "adoptions": adoptions,
        "adoption_forms": adoption_forms,
        "related_entries": selectors.related_entries(entry),
        "can_confirm": permissions.can_confirm_current(user, entry),
        "can_ask": permissions.can_ask(user),
        "question_form": QuestionForm(),
        "questions_left": services.questions_left_this_hour(user)
        if permissions.can_ask(user)
        else 0,
        "is_provider": is_provider,
    }
    if permissions.can_express_interest(user) and not (member_office and member_office.pk in own):
        context["interest_offered"] = True
        context["is_interested"] = Interest.objects.filter(entry=entry, user=user).exists()
    if permissions.can_see_interest(user, entry):
        context["interests"] = list(
            Interest.objects.filter(entry=entry)
            .select_related("user", "office")
            .order_by("-created_at")
        )
    if is_provider or is_secretariat(user):
        context["provider_questions"] = list(
            Question.objects.filter(entry=entry)
            .select_related("asked_by")
            .order_by("-created_at")[:20]
        )
    elif user.is_authenticated:
        context["my_questions"] = list(Question.objects.filter(entry=entry, asked_by=user))
    return context


def _back_to(entry, anchor: str = ""):
    return redirect(entry.url + (f"#{anchor}" if anchor else ""))


@require_POST
def adoption_edit(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url)
    chosen = AdoptionOfficeForm(request.POST, offices=OfficePage.objects.live())
    if not chosen.is_valid():
        messages.error(request, _error_text(ValidationError(chosen.errors["office"])))
        context = entry.get_context(request)
        return TemplateResponse(request, entry.get_template(request), context, status=400)
    office = chosen.cleaned_data["office"]
    if not permissions.can_record_adoption(request.user, office):
        raise PermissionDenied
    if chosen.cleaned_data["remove"]:
        services.adoption_delete(entry=entry, office=office, user=request.user)
        messages.success(
            request, _("%(office)s no longer listed as using this.") % {"office": office.title}
        )
        return _back_to(entry, "adoptions")
    form = AdoptionForm(request.POST, prefix=f"office-{office.pk}")
    if form.is_valid():
        try:
            services.adoption_save(
                entry=entry, office=office, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved: %(office)s uses this.") % {"office": office.title})
            return _back_to(entry, "adoptions")
    context = entry.get_context(request)
    context["adoption_forms"] = [
        (o, current, form if o.pk == office.pk else f)
        for o, current, f in context["adoption_forms"]
    ]
    return TemplateResponse(request, entry.get_template(request), context, status=400)


@require_POST
def interest_toggle(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url)
    interested = request.POST.get("interested") == "1"
    try:
        services.interest_set(entry=entry, user=request.user, interested=interested)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The provider can see your office is interested.")
            if interested
            else _("Interest withdrawn."),
        )
    return _back_to(entry, "reuse")


def question_ask(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url + "ask/")
    if not permissions.can_ask(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return _back_to(entry, "ask")
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_ask(entry=entry, user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Your question was sent to the provider."))
            return _back_to(entry, "ask")
    context = entry.get_context(request)
    context["question_form"] = form
    return TemplateResponse(request, entry.get_template(request), context, status=400)


@require_POST
def confirm_current(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url)
    services.entry_confirm_current(entry=entry, confirmed_by=request.user)
    messages.success(request, _("Thank you: the entry is confirmed as current."))
    return _back_to(entry)


# Questions ----------------------------------------------------------------------------------


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
