"""Pages anyone may read, as a condition inside the query that lists them.

Wagtail's ``PageQuerySet.public()`` reads every view restriction in a query of its own
each time it is called; a page that lists pages, a menu and a footer would pay it once
per list. Here the check is a ``NOT EXISTS`` on the restrictions table (a handful of rows)
within the same query, with the same meaning: no restriction on the page or an ancestor.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Left, Length

from wagtail.models import PageViewRestriction


def public(pages: QuerySet) -> QuerySet:
    """``pages`` without those behind a view restriction (their own or an ancestor's)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Left(OuterRef("path"), Length("page__path"))
    )
    return pages.exclude(Exists(restricted))
