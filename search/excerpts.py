"""Excerpts with the words a reader searched for marked, for engines that do not make them."""

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.segmentation import HAN_CHARACTERS, has_chinese, query_words

# A run of Chinese characters, or a word in any other script.
WORD = re.compile(f"[{HAN_CHARACTERS}]+|[^\\W{HAN_CHARACTERS}]+")
# The same, the run of Chinese characters as group 1.
WORD_OR_HAN = re.compile(f"([{HAN_CHARACTERS}]+)|[^\\W{HAN_CHARACTERS}]+")


def query_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, without quotes or one-letter words; Chinese
    words as the query is segmented (search.segmentation)."""
    words = {
        word.casefold() for word in WORD.findall(query) if len(word) > 1 and not has_chinese(word)
    }
    return sorted(words | set(query_words(query)))


def word_matches(word: str, terms: list[str]) -> bool:
    """Whether a word is one of the terms or shares its stem, roughly: "traductions"
    marks "traduction" and "перевода" marks "перевод", as the stemmers would match."""
    return _matcher(tuple(terms))(word)


@lru_cache(maxsize=256)
def _matcher(terms: tuple[str, ...]) -> Callable[[str], bool]:
    """word_matches for these terms, their stems (a term less its last three letters,
    four at least; terms of four letters or more) worked out once."""
    exact = frozenset(terms)
    stems = tuple({term[: max(4, len(term) - 3)] for term in terms if len(term) >= 4})

    def matches(word: str) -> bool:
        word = word.casefold()
        return word in exact or word.startswith(stems)

    return matches


def marked_spans(text: str, terms: list[str]) -> Iterator[tuple[int, int]]:
    """Where the terms are in the text, in order: whole words, and Chinese words inside
    a run of Chinese characters (written without spaces)."""
    chinese = sorted((term for term in terms if has_chinese(term)), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(term) for term in chinese)) if chinese else None
    matches = _matcher(tuple(terms))
    for match in WORD_OR_HAN.finditer(text):
        if match.group(1) is None:
            if matches(match.group()):
                yield match.span()
        elif pattern is not None:
            for found in pattern.finditer(match.group()):
                yield (match.start() + found.start(), match.start() + found.end())


def highlight(text: str, terms: list[str], *, length: int = 240) -> SafeString:
    """About ``length`` characters of ``text`` around the first term found, escaped,
    with each matching word in <mark>. The text is read no further than the excerpt."""
    text = " ".join(text.split())
    spans = marked_spans(text, terms)
    first = next(spans, None)
    start = 0
    if first is not None and first[0] > length // 3:
        start = text.rfind(" ", 0, first[0] - length // 4) + 1
    end = len(text)
    if end - start > length:
        end = text.rfind(" ", start, start + length)
        end = start + length if end <= start else end
    parts = ["…" if start > 0 else ""]
    position = start
    for span_start, span_end in chain([first] if first else [], spans):
        if span_end > end:
            break  # The spans come in order: the rest are past the excerpt too.
        if span_start < start:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
