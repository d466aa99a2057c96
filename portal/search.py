"""What the secretariat's publishing puts into site search: standard pages, news and
workshops (every public page is found by its search fields; these add their details)."""

from portal.models import NewsArticlePage, StandardPage
from search.entries import EntryData, as_datetime
from search.models import Kind
from search.registry import register_page


def news_details(page: NewsArticlePage, data: EntryData) -> EntryData:
    data.date = as_datetime(page.date)
    return data


register_page(StandardPage, kind=Kind.PAGE)
register_page(NewsArticlePage, kind=Kind.NEWS, details=news_details)


# Workshops ------------------------------------------------------------------------------
# Kept apart: workshops move to their own app (portal/workshops/), whose search.py will
# take this block as it is.


def register_workshops() -> None:
    from portal.models import WorkshopPage

    def workshop_details(page: WorkshopPage, data: EntryData) -> EntryData:
        data.date = page.starts_at
        data.context = f"{page.get_kind_display()} · {page.place}"
        data.language_codes += [language.code for language in page.languages.all()]
        return data

    register_page(WorkshopPage, kind=Kind.WORKSHOP, details=workshop_details)


register_workshops()
