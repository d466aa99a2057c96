"""What the secretariat's publishing puts into site search: standard pages and news
(every public page is found by its search fields; these add their details)."""

from portal.models import NewsArticlePage, StandardPage
from search.entries import EntryData, as_datetime
from search.models import Kind
from search.registry import register_page


def news_details(page: NewsArticlePage, data: EntryData) -> EntryData:
    data.date = as_datetime(page.date)
    return data


register_page(StandardPage, kind=Kind.PAGE)
register_page(NewsArticlePage, kind=Kind.NEWS, details=news_details)
