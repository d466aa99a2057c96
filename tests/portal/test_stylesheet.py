"""The stylesheets' rules use the design tokens: every colour is named once in a :root block
(docs/front-end.md), and spacing, type sizes and radii come from the scale, so that a
change of palette or rhythm is made in one place."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "vendor", "staticfiles", "static_root", ".git"}

# CSS Color Module Level 4's named colours; transparent and currentColor are allowed.
_NAMED = """aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
    gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
    lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
    yellowgreen"""
NAMED_COLOURS = set(_NAMED.split())
COLOUR_FUNCTION = re.compile(r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.IGNORECASE)
HEX_COLOUR = re.compile(r"#[0-9a-f]{3,8}\b", re.IGNORECASE)
DECLARATION = re.compile(r"(?:^|[{;])\s*([a-z-]+)\s*:\s*([^;{}]+)", re.IGNORECASE)
# Properties whose lengths come from the spacing scale, the type scale or the radii.
SCALED = re.compile(r"^(?:margin|padding|gap|row-gap|column-gap|inset|font-size|border-radius)")
# A positive length in rem or px (negative ones pull a box over its neighbour's border).
RAW_LENGTH = re.compile(r"(?<![\w.-])\d*\.?\d+(?:rem|px)\b")


def own_stylesheets() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.css")
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts)
    )


def rules_outside_tokens(css: str) -> str:
    """The stylesheet without comments, strings and :root blocks (where tokens are named)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\"[^\"]*\"|'[^']*'", '""', css)
    return re.sub(r":root\s*\{[^}]*\}", "", css)


def declarations(css: str) -> list[tuple[str, str]]:
    return [(prop.lower(), value.strip()) for prop, value in DECLARATION.findall(css)]


def colour_literals(value: str) -> list[str]:
    found = HEX_COLOUR.findall(value) + COLOUR_FUNCTION.findall(value)
    words = re.findall(r"(?<![\w-])[a-z]+(?![\w(-])", re.sub(r"var\([^)]*\)", "", value), re.I)
    return found + [word for word in words if word.lower() in NAMED_COLOURS]


def test_the_portal_has_its_own_stylesheets():
    assert ROOT / "portal/static/portal/css/portal.css" in own_stylesheets()


@pytest.mark.parametrize("path", own_stylesheets(), ids=lambda path: path.name)
def test_colours_are_named_only_among_the_tokens(path):
    css = rules_outside_tokens(path.read_text(encoding="utf-8"))
    offending = [f"{prop}: {value}" for prop, value in declarations(css) if colour_literals(value)]
    assert offending == [], f"{path.name}: use a colour token from :root instead"


@pytest.mark.parametrize("path", own_stylesheets(), ids=lambda path: path.name)
def test_spacing_type_sizes_and_radii_come_from_the_scales(path):
    css = rules_outside_tokens(path.read_text(encoding="utf-8"))
    offending = [
        f"{prop}: {value}"
        for prop, value in declarations(css)
        if SCALED.match(prop) and RAW_LENGTH.search(value)
    ]
    assert offending == [], f"{path.name}: use a --space-*, --step-* or --radius* token"


def test_the_check_sees_a_colour_outside_the_tokens():
    css = rules_outside_tokens(
        ":root { --ink: #111; }\n"
        "/* red */ .a { color: #fff; } .b { background: rgb(0 0 0 / 10%); }\n"
        '.c { border: 1px solid red; content: "white"; } .d { color: var(--ink); }\n'
        ".e { border-color: currentColor; background: transparent; }"
    )
    flagged = [value for _, value in declarations(css) if colour_literals(value)]
    assert flagged == ["#fff", "rgb(0 0 0 / 10%)", "1px solid red"]
