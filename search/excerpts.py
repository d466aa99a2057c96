"""Excerpts with the words a reader searched for marked, for engines that do not make them."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")


def query_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, without quotes or one-letter words."""
    return sorted({word.casefold() for word in WORD.findall(query) if len(word) > 1})


def word_matches(word: str, terms: list[str]) -> bool:
    """Whether a word is one of the terms or shares its stem, roughly: "traductions"
    marks "traduction" and "перевода" marks "перевод", as the stemmers would match."""
    word = word.casefold()
    for term in terms:
        if word == term:
            return True
        stem = term[: max(4, len(term) - 3)]
        if len(term) >= 4 and word.startswith(stem) and len(word) >= len(stem):
            return True
    return False


def highlight(text: str, terms: list[str], *, length: int = 240) -> SafeString:
    """About ``length`` characters of ``text`` around the first term found, escaped,
    with each matching word in <mark>."""
    text = " ".join(text.split())
    words = list(WORD.finditer(text))
    first = next((match for match in words if word_matches(match.group(), terms)), None)
    start = 0
    if first is not None and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 4) + 1
    end = len(text)
    if end - start > length:
        end = text.rfind(" ", start, start + length)
        end = start + length if end <= start else end
    parts = ["…" if start > 0 else ""]
    position = start
    for match in words:
        if match.start() < start or match.end() > end:
            continue
        if word_matches(match.group(), terms):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
