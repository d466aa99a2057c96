"""Which language's copy of a page to show, for code that runs before the URLconf loads.

Models and selectors import this module; ``portal.localisation`` (routing, addresses)
builds on it.
"""

from django.conf import settings
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page


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
    parents = Q()
    for parent in index.get_translations(inclusive=True).only("path", "depth"):
        parents |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    return model.objects.filter(parents)


def in_reader_language(pages: QuerySet) -> QuerySet:
    """One page of each translation set: the reader's language's, else the default
    language's, else the oldest.

    Filter ``pages`` to what may be shown (live, public) first: a draft translation does
    not hide a live original.
    """
    preference = Case(
        When(locale__language_code=content_language(), then=Value(0)),
        When(locale__language_code=settings.LANGUAGE_CODE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    chosen = (
        pages.filter(translation_key=OuterRef("translation_key"))
        .annotate(preference=preference)
        .order_by("preference", "pk")
        .values("pk")[:1]
    )
    return pages.filter(pk=Subquery(chosen))
