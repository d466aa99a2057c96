from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path

from search.engine import FACETS

register = template.Library()


@register.filter
def localised(url: str) -> str:
    """A stored address in the reader's language: ``/catalogue/ocr/`` is
    ``/fr/catalogue/ocr/`` to a French reader; addresses outside the language prefixes
    (documents, media) stay as they are."""
    if not url:
        return url
    reader = get_language()
    stored = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with translation.override(stored):  # Django resolves in the active language
        return translate_url(url, reader)


@register.simple_tag(takes_context=True)
def facet_link(context, name: str, value=None) -> str:
    """The current search with facet ``name`` set to ``value`` (None clears it), page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def unfiltered_link(context) -> str:
    """The current search with every facet cleared, page 1 (the words and sort kept)."""
    params = context["request"].GET.copy()
    for name in [*FACETS, "page"]:
        params.pop(name, None)
    return "?" + params.urlencode()
