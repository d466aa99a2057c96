"""The pilots' pages below the catalogue index: the list, one pilot, recording and
keeping one. Members only; never cached for anyone else."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from catalogue.pilots import permissions, selectors, services
from catalogue.pilots.forms import MilestoneFormSet, PilotForm
from network.decorators import members_refusal


def _render(request, index, template: str, context: dict, status: int = 200):
    context = {"page": index, "self": index, **context}
    return TemplateResponse(request, f"catalogue/pilots/{template}", context, status=status)


def pilot_url(index, pilot=None, name: str = "pilot") -> str:
    args = [pilot.pk] if pilot is not None else []
    return index.url + index.reverse_subpage(name, args=args)


@never_cache
def pilot_list(request, index):
    if refusal := members_refusal(request):
        return refusal
    context = {
        "subpage_title": _("Pilot projects"),
        "pilots": list(selectors.pilots()),
        "can_record": permissions.can_record(request.user),
    }
    return _render(request, index, "pilot_list.html", context)


@never_cache
def pilot_detail(request, index, pilot_id: int):
    if refusal := members_refusal(request):
        return refusal
    pilot = get_object_or_404(selectors.pilots(), pk=pilot_id)
    context = {
        "subpage_title": pilot.title,
        "pilot": pilot,
        "can_edit": permissions.can_edit(request.user, pilot),
    }
    return _render(request, index, "pilot_detail.html", context)


@never_cache
def pilot_edit(request, index, pilot_id: int | None = None):
    if refusal := members_refusal(request):
        return refusal
    user = request.user
    pilot = None
    lead_office_ids = permissions.lead_office_ids(user)
    if pilot_id is not None:
        pilot = get_object_or_404(selectors.pilots(), pk=pilot_id)
        if not permissions.can_edit(user, pilot):
            raise PermissionDenied(_("Only the offices taking part keep a pilot."))
        if lead_office_ids is not None:
            lead_office_ids = lead_office_ids | {pilot.lead_office_id}
    elif not permissions.can_record(user):
        raise PermissionDenied(_("An office's representatives record its pilots."))
    data = request.POST if request.method == "POST" else None
    form = PilotForm(data, instance=pilot, lead_office_ids=lead_office_ids)
    milestones = MilestoneFormSet(data, instance=pilot, prefix="milestones")
    if data is not None and form.is_valid() and milestones.is_valid():
        pilot = services.pilot_save(form=form, milestones=milestones, user=user)
        messages.success(request, _("The pilot is saved."))
        return redirect(pilot_url(index, pilot))
    context = {
        "subpage_title": pilot.title if pilot else _("Record a pilot project"),
        "pilot": pilot,
        "form": form,
        "milestones": milestones,
    }
    return _render(request, index, "pilot_form.html", context, status=400 if data else 200)
