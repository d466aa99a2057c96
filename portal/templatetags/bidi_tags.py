"""Markup for text whose direction the page cannot know: people's names, offices,
entries and titles inside interface sentences, and content in another language."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

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


@register.simple_tag(takes_context=True)
def page_lang(context, auto: bool = False) -> str:
    """`` lang="…" dir="…"`` for an element holding the page's own words (its title, intro,
    body, summary) when the page is served in another language than the reader's: only
    that text is marked, so the interface around it keeps the reader's language and
    direction. Empty when the page is in the reader's language, or `` dir="auto"`` with
    ``auto=True`` for text its authors (members) may have written in any script."""
    page = context.get("page")
    code = page_language_code(page)
    if not code or code == get_language():
        return mark_safe(' dir="auto"') if auto else ""
    return format_html(' lang="{}" dir="{}"', code, language_dir(code))


def page_language_code(page) -> str:
    """The language code of a Wagtail page's locale, or "" for anything else."""
    locale = getattr(page, "locale", None)
    return getattr(locale, "language_code", "") or ""


@register.inclusion_tag("components/language_notice.html", takes_context=True)
def page_language_notice(context) -> dict:
    """A notice, in the reader's language, that the page is shown in another language
    because it has no translation in theirs."""
    code = page_language_code(context.get("page"))
    reader = get_language()
    if not code or code == reader:
        return {"shown": False}
    return {
        "shown": True,
        "language": _language_name(reader),
        "page_language": _language_name(code),
        "page_language_code": code,
    }


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
