"""One entry's page and what members do on it: adoption, interest, questions, confirming."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue import permissions, selectors, services
from catalogue.forms import AdoptionForm, AdoptionOfficeForm, InterestForm, QuestionForm
from catalogue.models import FreshnessState, Interest, Question
from network.models import OfficePage
from network.permissions import is_secretariat


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def entry_page(request, entry):
    """The entry's page, with its adoptions, neighbours and what the reader may do."""
    request.is_preview = getattr(request, "is_preview", False)
    return _render(request, entry, entry_context(request, entry))


def _render(request, entry, context: dict, *, status: int = 200):
    response = entry.render(request, context_overrides=context)
    response.status_code = status
    return response


def entry_context(request, entry) -> dict:
    if entry.pk is None:
        # The preview of an entry not saved yet: nothing of it is in the database.
        return {"adoptions": [], "related_entries": []}
    user = request.user
    freshness = getattr(entry, "freshness", None)
    adoptions = selectors.entry_adoptions(entry)
    own = {adoption.office_id: adoption for adoption in adoptions}
    member_office_id = user.member_office_id if user.is_authenticated else None
    is_provider = permissions.is_provider(user, entry)
    context = {
        "freshness": freshness,
        "is_archived": freshness is not None and freshness.state == FreshnessState.ARCHIVED,
        "is_outdated": freshness is not None and freshness.state == FreshnessState.OUTDATED,
        "adoptions": adoptions,
        "adoption_forms": _adoption_forms(user, own),
        "related_entries": selectors.related_entries(entry),
        "can_confirm": permissions.can_confirm_current(user, entry),
        "can_ask": permissions.can_ask(user),
        "question_form": QuestionForm(),
        "questions_left": services.questions_left_this_hour(user)
        if permissions.can_ask(user)
        else 0,
        "is_provider": is_provider,
    }
    if permissions.can_express_interest(user) and member_office_id not in own:
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
        context["shared_answers"] = selectors.entry_shared_answers(entry)
    elif permissions.can_read_shared_answers(user):
        # Members: their own questions and the published ones in one query.
        context["my_questions"], context["shared_answers"] = selectors.entry_questions_for_asker(
            entry, user
        )
    elif user.is_authenticated:
        context["my_questions"] = list(Question.objects.filter(entry=entry, asked_by=user))
    return context


def _adoption_forms(user, own: dict) -> list[tuple]:
    """(office, its adoption or None, form) for each office this person records use for."""
    offices = list(permissions.adoption_offices(user)) if user.is_authenticated else []
    forms = []
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
        forms.append((office, current, AdoptionForm(initial=initial, prefix=f"office-{office.pk}")))
    return forms


def _back_to(entry, anchor: str = ""):
    return redirect(entry.url + (f"#{anchor}" if anchor else ""))


@require_POST
def adoption_edit(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url)
    chosen = AdoptionOfficeForm(request.POST, offices=OfficePage.objects.live().originals())
    if not chosen.is_valid():
        messages.error(request, _error_text(ValidationError(chosen.errors["office"])))
        return _render(request, entry, entry_context(request, entry), status=400)
    office = chosen.cleaned_data["office"]
    if not permissions.can_record_adoption(request.user, office):
        raise PermissionDenied
    if chosen.cleaned_data["remove"]:
        services.adoption_delete(entry=entry, office=office, user=request.user)
        messages.success(
            request,
            _("%(office)s no longer listed as using this.") % {"office": office.display_name},
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
            messages.success(
                request, _("Saved: %(office)s uses this.") % {"office": office.display_name}
            )
            return _back_to(entry, "adoptions")
    context = entry_context(request, entry)
    context["adoption_forms"] = [
        (o, current, form if o.pk == office.pk else f)
        for o, current, f in context["adoption_forms"]
    ]
    return _render(request, entry, context, status=400)


@require_POST
def interest_toggle(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url)
    form = InterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["interested"]))
        return _back_to(entry, "reuse")
    interested = form.cleaned_data["interested"]
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
            services.question_ask(entry=entry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Your question was sent to the provider."))
            return _back_to(entry, "ask")
    context = entry_context(request, entry)
    context["question_form"] = form
    return _render(request, entry, context, status=400)


@require_POST
def confirm_current(request, entry):
    if not request.user.is_authenticated:
        return redirect_to_login(entry.url)
    services.entry_confirm_current(entry=entry, confirmed_by=request.user)
    messages.success(request, _("Thank you: the entry is confirmed as current."))
    return _back_to(entry)
