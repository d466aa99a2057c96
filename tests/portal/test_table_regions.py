"""Every table sits in a box that scrolls sideways on a phone (.table-scroll); a keyboard
user must be able to reach that box to scroll it, and a screen reader must name it, or
axe-core reports "scrollable-region-focusable" on any page whose table is wider than the
screen (it did for an office's seat history at 360 px)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOX = re.compile(r"<div class=\"table-scroll\"[^>]*>")


def test_every_scrolling_table_box_is_a_named_region_reached_by_the_keyboard():
    templates = [
        path
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    boxes = [(path, box) for path in templates for box in BOX.findall(path.read_text())]
    assert len(boxes) > 10  # the search found the templates
    wrong = [
        f"{path.relative_to(ROOT)}: {box}"
        for path, box in boxes
        if 'tabindex="0"' not in box
        or 'role="region"' not in box
        or not re.search(r"aria-label(ledby)?=\"[^\"]+\"", box)
    ]
    assert not wrong, "\n".join(wrong)
