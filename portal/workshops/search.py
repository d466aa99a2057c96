"""What workshops put into site search: each workshop page, dated, with its kind, place
and the languages it is held in."""

from portal.workshops.models import WorkshopPage
from search.entries import EntryData
from search.models import Kind
from search.registry import register_page


def workshop_details(page: WorkshopPage, data: EntryData) -> EntryData:
    data.date = page.starts_at
    data.context = f"{page.get_kind_display()} · {page.place}"
    data.language_codes += [language.code for language in page.languages.all()]
    return data


register_page(WorkshopPage, kind=Kind.WORKSHOP, details=workshop_details)
