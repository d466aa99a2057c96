"""Markdown written by members, turned into HTML that is safe to put on a page.

The text is converted with markdown-it-py and the result cleaned by nh3 (the Ammonia
sanitiser) against an allow-list: only the tags and attributes below survive, links keep
only http, https and mailto addresses and open nothing with the page's privileges. The
cleaning runs last, so nothing added before it (mentions included) can slip past it.

markdown-it-py parses in time linear in the text (Python-Markdown took quadratic time on
unclosed brackets) and stops nesting at MAX_NESTING, so no post, however hostile, costs
more than a moment to render.
"""

import re
from collections.abc import Iterable

from django.utils.html import escape

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_CLASSES = {"span": {"mention"}}
URL_SCHEMES = {"http", "https", "mailto"}

# A mention is "@" and a handle (see mention_handle), not preceded by a word character,
# so that e-mail addresses are not read as mentions.
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9]+(?:[.\-][a-z0-9]+)*)", re.IGNORECASE)

MAX_NESTING = 20

# CommonMark with tables; raw HTML is parsed (nh3 removes what is not allowed) and a line
# break in the text is a line break on the page. The parser keeps no state between calls.
MARKDOWN = MarkdownIt(
    "commonmark", {"html": True, "breaks": True, "maxNesting": MAX_NESTING}
).enable("table")

# The scheme of an address, if it has one (a relative address has none).
SCHEME = re.compile(r"^([^:/?#]*):")


def _allowed_link(url: str) -> bool:
    """Markdown links only to http(s), mailto or relative addresses; others stay text.

    markdown-it-py decodes entities and percent-encodes the rest, so "java&#x09;script:"
    arrives here as "java%09script:", which no allowed scheme matches.
    """
    match = SCHEME.match(url.strip())
    return match is None or match.group(1).lower() in URL_SCHEMES


MARKDOWN.validateLink = _allowed_link


def mention_handle(first_name: str, last_name: str, fallback: str) -> str:
    """How members mention someone: "@lena.fischer" for Lena Fischer."""
    name = ".".join(part for part in (first_name, last_name) if part) or fallback
    handle = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".")
    return handle or fallback


def find_mentions(text: str, handles: Iterable[str]) -> set[str]:
    """The known handles that ``text`` mentions."""
    known = {handle.lower() for handle in handles}
    return {match.lower() for match in MENTION.findall(text) if match.lower() in known}


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str, *, mentions: Iterable[str] = ()) -> str:
    """Markdown to clean HTML; ``mentions`` (handles) are marked up for the reader."""
    known = {handle.lower() for handle in mentions}
    if known:

        def mark(match: re.Match) -> str:
            handle = match.group(1)
            if handle.lower() not in known:
                return match.group(0)
            return f'<span class="mention">@{escape(handle)}</span>'

        text = MENTION.sub(mark, text)
    return clean_html(MARKDOWN.render(text)).strip()


def quote_markdown(text: str, author_name: str) -> str:
    """The start of a reply that quotes ``text``."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    return f"{author_name}:\n{quoted}\n\n"
