"""Partner suggestions below an office page: offices strong where it is weak, and what
they provide in the catalogue."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from catalogue import selectors
from network.decorators import members_required
from network.models import OfficePage
from network.permissions import can_find_partners


@members_required
def partner_suggestions(request, office: OfficePage):
    # The page read may be a translation; assessments and entries are the original's.
    original = office.original
    if not can_find_partners(request.user, original):
        raise PermissionDenied(_("Partner suggestions are for the office's representatives."))
    assessment, suggestions = selectors.partner_suggestions(original)
    context = {
        "page": office,
        "office": office,
        "assessment": assessment,
        "suggestions": suggestions,
    }
    return TemplateResponse(request, "catalogue/partner_suggestions.html", context)
