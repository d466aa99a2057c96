"""Markup for text whose direction the page cannot know: people's names, offices,
entries and titles inside interface sentences, and content in another language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def bdi(value) -> str:
    """``value`` isolated in ``<bdi>``, so that a Latin name inside an Arabic sentence (or
    the reverse) keeps the sentence's punctuation and word order where they belong.

    Usable inside ``blocktranslate with name=person|bdi``: the message stays the same."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def language_dir(language_code: str) -> str:
    """ "rtl" or "ltr" for a language code (a page's locale, a post's language)."""
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "auto"
