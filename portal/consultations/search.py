"""Consultations stay out of site search: a consultation is for its audience only, and
its comments partly for the secretariat alone. The index's view restriction already
keeps the pages out; this keeps them out even if an editor lifts it."""

from portal.consultations.models import ConsultationPage
from search.models import Kind
from search.registry import register_page


def consultation_details(page, data):
    return None


register_page(ConsultationPage, kind=Kind.PAGE, details=consultation_details)
