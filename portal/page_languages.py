"""Which language's copy of a page to show, for code that runs before the URLconf loads.

Models and selectors import this module; ``portal.localisation`` (routing, addresses)
builds on it. Every page type takes its addresses from ``ReaderLanguageUrlMixin``.
"""

from django.conf import settings
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Length, RowNumber, Substr
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction

from portal.page_serving import ViewRestrictionsInOneQueryMixin


def content_language(language_code: str | None = None) -> str:
    """The content language (a Locale's code) for an interface language."""
    try:
        return get_supported_content_language_variant(language_code or get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def children_in_every_locale(model: type[Page], index: Page) -> QuerySet:
    """The ``model`` pages below ``index`` or below any of its translations.

    A translated section (the French workshops page) lists the originals of the items not
    translated yet as well as its own children.
    """
    # Read once per index object: a listing asks for its years, its count and its page.
    places = getattr(index, "_portal_translation_places", None)
    if places is None:
        translations = index.get_translations(inclusive=True).only("path", "depth")
        places = index._portal_translation_places = [(t.path, t.depth) for t in translations]
    parents = Q()
    for path, depth in places:
        parents |= Q(path__startswith=path, depth=depth + 1)
    return model.objects.filter(parents)


def public(pages: QuerySet, path: str = "path") -> QuerySet:
    """Wagtail's ``public()`` as a condition of the same query.

    Wagtail's reads every view restriction first, a query each time it is called (several
    times on a page that lists several kinds of pages). A page is private when it or an
    ancestor is restricted, that is when a restricted page's tree path begins its own.

    ``path``: the lookup to the page's tree path, for rows that name a page ("entry__path").
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted))


def _preference() -> Case:
    """0 for the reader's language, 1 for the default language, 2 for any other."""
    return Case(
        When(locale__language_code=content_language(), then=Value(0)),
        When(locale__language_code=settings.LANGUAGE_CODE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def in_reader_language(pages: QuerySet) -> QuerySet:
    """One page of each translation set: the reader's language's, else the default
    language's, else the oldest.

    Filter ``pages`` to what may be shown (live, public) first: a draft translation does
    not hide a live original.
    """
    preference = _preference()
    # Each page ranked within its translation set by one window function: a single sort,
    # where a subquery (or an anti-join) per page compared every page with its set and grew
    # with the square of the pages listed on PostgreSQL's plans.
    ranked = pages.alias(
        reader_rank=Window(
            RowNumber(),
            partition_by=F("translation_key"),
            order_by=[preference.asc(), F("pk").asc()],
        )
    )
    return ranked.filter(reader_rank=1)


def in_reader_language_condition(pages: QuerySet) -> QuerySet:
    """``in_reader_language`` as a plain condition (NOT EXISTS a preferred page of the same
    set), for a query that is itself combined with others (the catalogue's facet counts,
    a UNION of several queries, which a window function's wrapping query cannot join).

    Cheap where the set's pages are found through an index, as catalogue entries are; the
    window function suits the other listings, where PostgreSQL planned this as a nested
    loop over every pair of pages.
    """
    preference = _preference()
    preferred = (
        pages.filter(translation_key=OuterRef("translation_key"))
        .alias(preference=preference)
        .filter(
            Q(preference__lt=OuterRef("preference"))
            | Q(preference=OuterRef("preference"), pk__lt=OuterRef("pk"))
        )
    )
    return pages.alias(preference=preference).exclude(Exists(preferred))


class ReaderLanguageUrlMixin(ViewRestrictionsInOneQueryMixin):
    """A page's address in the reader's language, whatever the page's own language.

    Every page type of the portal has it, and with it what all of them do alike when
    served (``portal.page_serving``).

    A link from a French page to one not translated into French (a catalogue entry, an
    office, a page linked inside rich text) keeps the reader's prefix, ``/fr/catalogue/…``,
    where routing serves the original marked with its language, or redirects to a
    translation made since. Code that needs a page's own address (hreflang alternates, the
    sitemap, search entries) asks for it under ``translation.override`` of the page's
    language.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        reader = get_language()
        own = get_language_from_path(page_path) or settings.LANGUAGE_CODE
        if reader is None or content_language(reader) == content_language(own):
            return parts
        from portal.localisation import path_below_root  # it loads the URLconf

        below_root = path_below_root(self)
        if below_root is None:
            return parts
        with translation.override(reader):
            return site_id, root_url, reverse("wagtail_serve", args=(below_root,))
