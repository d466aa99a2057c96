"""Network views: the directory, profiles, invitations, seats and self-assessments.

Each view asks network.permissions before it reads or writes anything.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network import permissions, selectors, services
from network.charts import maturity_chart
from network.decorators import members_required
from network.forms import (
    AssessmentExportForm,
    AssessmentForm,
    AssessmentSharingForm,
    DirectoryFilterForm,
    InvitationAcceptForm,
    NominationChoiceForm,
    NominationDecisionForm,
    NominationForm,
    ProfileForm,
)
from network.models import InvitationStatus, Member, Nomination, NominationStatus, OfficePage
from network.peers import peer_comparison
from portal.exports import csv_response

PAGE_SIZE = 24


def _filtered_query_string(form: DirectoryFilterForm) -> str:
    if not form.is_valid():
        return ""
    return urlencode({key: value for key, value in form.data.items() if key != "page" and value})


# Directory ---------------------------------------------------------------------------------


def office_directory(request, index):
    """The directory page itself: the offices, filtered as its query string asks."""
    request.is_preview = getattr(request, "is_preview", False)
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    filters.pop("expertise", None)
    offices = selectors.office_list(index, **filters)
    context = {
        "filter_form": form,
        "offices": Paginator(offices, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": _filtered_query_string(form),
        "can_see_people": permissions.can_see_people(request.user),
    }
    return index.render(request, context_overrides=context)


@members_required
def people_directory(request, index):
    form = DirectoryFilterForm(request.GET or None, expertise_choices=selectors.expertise_choices())
    filters = form.filters() if form.is_bound else {}
    members = selectors.member_list(**filters)
    context = {
        "page": index,
        "filter_form": form,
        "members": Paginator(members, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": _filtered_query_string(form),
    }
    return TemplateResponse(request, "network/people_directory.html", context)


@members_required
def member_profile(request, index, member_id):
    member = selectors.member_detail(member_id)
    if member is None:
        raise Http404
    context = {
        "page": index,
        "member": member,
        "show_contact": permissions.can_see_contact_details(request.user, member),
        "is_self": member.user_id == request.user.pk,
    }
    return TemplateResponse(request, "network/member_profile.html", context)


# Office page -------------------------------------------------------------------------------


def office_page(request, office: OfficePage):
    """The office page, with what the reader may see and do there."""
    request.is_preview = getattr(request, "is_preview", False)
    return office.render(request, context_overrides=_office_page_context(request, office))


def _office_page_context(request, office: OfficePage) -> dict:
    if office.pk is None:
        # The preview of an office not saved yet: nothing of it is in the database.
        return {}
    user = request.user
    # The page read may be a translation; seats, members and assessments are the original's.
    original = office.original
    context = {
        "can_see_people": permissions.can_see_people(user),
        "can_edit_office": permissions.can_edit_office(user, original),
        "can_edit_assessment": permissions.can_edit_assessment(user, original),
        "can_find_partners": permissions.can_find_partners(user, original),
        "can_nominate": permissions.can_nominate(user, original),
        # Representatives may edit the original page in the admin (office_group_sync);
        # the secretariat edits the page read, a translation included.
        "edit_page": office if permissions.is_secretariat(user) else original,
    }
    if context["can_see_people"]:
        # The directory read while routing; its routes need its type, not its fields.
        context["directory"] = office.get_parent().specific_deferred
        context["members"] = selectors.office_members(original)
        context["seat_history"] = selectors.seat_history(original)
    if permissions.can_view_assessments(user, original):
        context.update(_maturity_context(user, office))
    return context


def _maturity_context(user, office: OfficePage) -> dict:
    """The medians for every member; the office's scores for those who may see them."""
    peers = peer_comparison(office)
    assessment = peers.latest
    if assessment is None:
        return {}
    if not permissions.can_see_office_scores(user, office.original, assessment):
        # Not even in the template's context: the year is all the page says of it.
        assessment = replace(assessment, scores={})
        peers = replace(peers, latest=assessment)
    context = {"assessment": assessment, "peers": peers, "peer_rows": peers.rows(assessment.scores)}
    if assessment.scores:
        context["chart"] = maturity_chart(assessment.scores, peers.network.medians)
    return context


# Self-assessment ---------------------------------------------------------------------------


@members_required
def assessment_edit(request, office: OfficePage, year: int | None = None):
    original = office.original
    if not permissions.can_edit_assessment(request.user, original):
        raise PermissionDenied(_("Only the office's representatives fill in its self-assessment."))
    this_year = timezone.localdate().year
    year = year or this_year
    if year > this_year:
        raise Http404
    if year == this_year:
        assessment = services.assessment_for(office=original, year=year)
    else:
        assessment = get_object_or_404(original.assessments, year=year)
    answers = {answer.dimension: answer for answer in assessment.answers.all()}
    editable = not assessment.is_submitted and year == this_year
    form = AssessmentForm(
        request.POST if request.method == "POST" and editable else None,
        answers=answers,
        disabled=not editable,
    )
    if request.method == "POST":
        if not editable:
            messages.error(request, _("This assessment was submitted and can no longer change."))
            return redirect(office.url + office.reverse_subpage("assessment_year", args=[year]))
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.assessment_save(
                    assessment=assessment,
                    answers=form.answers(),
                    submit=submit,
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if submit:
                    messages.success(
                        request, _("Your %(year)s self-assessment is submitted.") % {"year": year}
                    )
                    return redirect(office.url)
                messages.success(request, _("Draft saved. You can come back to it."))
                return redirect(office.url + office.reverse_subpage("assessment"))
    context = {
        "page": office,
        "office": office,
        "assessment": assessment,
        "form": form,
        "editable": editable,
        "can_share": permissions.can_share_scores(request.user, original),
        "history": selectors.office_assessments(original),
        "subpage_title": _("ICT maturity self-assessment %(year)s") % {"year": year},
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "network/assessment_form.html", context, status=status)


@members_required
@require_http_methods(["POST"])
def assessment_sharing(request, office: OfficePage, year: int):
    """The office's choice to share a year's exact scores with the network's members."""
    original = office.original
    if not permissions.can_share_scores(request.user, original):
        raise PermissionDenied(_("Only the office's head of ICT or deputy share its scores."))
    assessment = get_object_or_404(original.assessments, year=year)
    form = AssessmentSharingForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", {"message": _("Say whether to share.")}, status=400)
    shared = form.cleaned_data["share"]
    services.assessment_sharing_set(assessment=assessment, shared=shared)
    messages.success(
        request,
        _("Your scores are now shared with the network's members.")
        if shared
        else _("Your scores are now seen only by your office and the secretariat."),
    )
    return redirect(office.url + office.reverse_subpage("assessment_year", args=[year]))


@members_required
def assessment_export(request, index):
    if not permissions.can_export_assessments(request.user):
        raise PermissionDenied(_("Only the secretariat exports assessments."))
    form = AssessmentExportForm(request.GET)
    if not form.is_valid():
        return render(request, "400.html", {"message": " ".join(form.errors["year"])}, status=400)
    rows = selectors.assessment_export_rows(form.cleaned_data["year"])
    return csv_response(rows, "ict-maturity-assessments.csv")


# Seats -------------------------------------------------------------------------------------


@members_required
def nomination_create(request, office: OfficePage):
    original = office.original
    if not permissions.can_nominate(request.user, original):
        raise PermissionDenied(_("Only the office's head of ICT or the secretariat nominate."))
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nomination_create(
                office=original,
                seat=data["seat"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                note=data["note"],
                nominated_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Nomination sent to the secretariat for confirmation."))
            return redirect(office.url)
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(
        request,
        "network/nomination_form.html",
        {
            "page": office,
            "office": office,
            "form": form,
            "subpage_title": _("Nominate a successor or deputy"),
        },
        status=status,
    )


@members_required
def nomination_review(request, index):
    if not permissions.can_review_nominations(request.user):
        raise PermissionDenied(_("Only the secretariat confirms nominations."))
    errors = {}
    if request.method == "POST":
        chosen = NominationChoiceForm(request.POST)
        if not chosen.is_valid():
            raise Http404
        nomination = chosen.cleaned_data["nomination"]
        form = NominationDecisionForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "confirm":
                    services.nomination_confirm(nomination=nomination, decided_by=request.user)
                    messages.success(request, _("Nomination confirmed."))
                else:
                    services.nomination_decline(
                        nomination=nomination,
                        decided_by=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Nomination declined; the office is told why."))
                return redirect(request.path)
            except ValidationError as error:
                errors[nomination.pk] = error.messages
        else:
            errors[nomination.pk] = [e for field in form.errors.values() for e in field]
    pending = list(
        Nomination.objects.filter(status=NominationStatus.PENDING).select_related(
            "office", "nominated_by"
        )
    )
    summary_items = []
    for nomination in pending:
        nomination.decision_errors = errors.get(nomination.pk, [])
        summary_items += [
            {"id": f"reason-{nomination.pk}", "text": f"{nomination.nominee_name}: {error}"}
            for error in nomination.decision_errors
        ]
    decided = (
        Nomination.objects.exclude(status=NominationStatus.PENDING)
        .select_related("office", "decided_by")
        .order_by("-decided_at")[:20]
    )
    context = {
        "page": index,
        "pending": pending,
        "decided": decided,
        "errors": errors,
        "summary_items": summary_items,
    }
    return TemplateResponse(
        request, "network/nomination_review.html", context, status=400 if errors else 200
    )


# Accounts ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    invitation = services.invitation_find(token)
    if invitation is None:
        return TemplateResponse(
            request, "network/invitation_unusable.html", {"status": "unknown"}, status=404
        )
    if invitation.status != InvitationStatus.PENDING:
        return TemplateResponse(
            request,
            "network/invitation_unusable.html",
            {"status": invitation.status, "invitation": invitation},
            status=410,
        )
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationUnusable as refusal:
            return TemplateResponse(
                request,
                "network/invitation_unusable.html",
                {"status": refusal.status, "invitation": invitation},
                status=410,
            )
        login(request, user, backend="network.backends.AccountBackend")
        messages.success(request, _("Welcome to the network. Tell the others about yourself."))
        return redirect("network:my_profile")
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(
        request,
        "network/invitation_accept.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


@login_required
def my_profile(request):
    member = Member.objects.filter(user=request.user).select_related("user", "photo").first()
    if member is None:
        raise Http404(_("This account has no network profile."))
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        services.profile_update(member=member, changed_by=request.user, **form.profile_fields())
        messages.success(request, _("Your profile is saved."))
        return redirect("network:my_profile")
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(
        request, "network/my_profile.html", {"form": form, "member": member}, status=status
    )
