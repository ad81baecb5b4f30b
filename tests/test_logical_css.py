"""The style sheets speak in logical sides only, so Arabic mirrors with `<html dir="rtl">`.

margin-inline-start, not margin-left; padding-inline-end, not padding-right; inset-inline-start,
not left:; border-inline-start, not border-left; text-align: start/end, not left/right;
float: inline-start. A four-value margin or padding whose right and left differ
(`padding: 0 0 0 1rem`) is a physical side too. The rule covers every CSS file of the product
(the web pages' sheet and the PDFs' print sheets) and any style attribute or block in a template.
"""

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "kansrijk"

# (file name, the offending text) → why it may stay. Empty: nothing needs a physical side.
ALLOWED: dict[tuple[str, str], str] = {}

_PHYSICAL = (
    re.compile(
        r"(?<![\w-])(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b"
    ),
    re.compile(r"(?<![\w-])border-(?:top|bottom)-(?:left|right)-radius\b"),
    re.compile(r"(?<![\w-])(?:left|right)\s*:"),
    re.compile(r"(?<![\w-])(?:text-align|float|clear|caption-side)\s*:\s*(?:left|right)\b"),
)
_FOUR_SIDES = re.compile(r"(?<![\w-])(margin|padding|inset)\s*:\s*([^;}]+)")


def _values(text: str) -> list[str]:
    """A declaration's values, split on white space outside parentheses."""
    values, depth, current = [], 0, ""
    for char in text.strip().removesuffix("!important").strip():
        depth += char == "("
        depth -= char == ")"
        if char.isspace() and depth == 0:
            if current:
                values.append(current)
            current = ""
        else:
            current += char
    return [*values, current] if current else values


def physical_sides(css: str) -> list[str]:
    """Every piece of `css` that names a physical left or right side."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = [match.group(0) for pattern in _PHYSICAL for match in pattern.finditer(css)]
    for match in _FOUR_SIDES.finditer(css):
        values = _values(match.group(2))
        if len(values) == 4 and values[1] != values[3]:
            found.append(match.group(0).strip())
    return found


def _style_sheets() -> list[Path]:
    return sorted(SOURCE.rglob("*.css"))


def _template_styles(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    attributes = re.findall(r"""\sstyle\s*=\s*("[^"]*"|'[^']*')""", html)
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)
    return ";\n".join([value[1:-1] for value in attributes] + blocks)


def _offences(name: str, css: str) -> list[str]:
    return [text for text in physical_sides(css) if (name, text) not in ALLOWED]


def test_the_style_sheets_are_found():
    names = {path.name for path in _style_sheets()}
    assert {"kansrijk.css", "print.css"} <= names


@pytest.mark.parametrize("sheet", _style_sheets(), ids=lambda path: path.name)
def test_a_style_sheet_names_no_physical_side(sheet):
    assert _offences(sheet.name, sheet.read_text(encoding="utf-8")) == []


def test_no_template_styles_a_physical_side():
    offences = {
        str(path.relative_to(SOURCE)): found
        for path in sorted(SOURCE.rglob("templates/**/*.html"))
        if (found := _offences(path.name, _template_styles(path)))
    }
    assert offences == {}


@pytest.mark.parametrize(
    "css",
    [
        ".a { margin-left: 1rem; }",
        ".a { padding-right: 0; }",
        ".a { border-left: 6px solid red; }",
        ".a { border-right-color: red; }",
        ".a { border-top-left-radius: 2px; }",
        ".a { position: absolute; left: 0; }",
        ".a{right:0}",
        ".a { text-align: left; }",
        ".a { text-align:right }",
        ".a { float: left; }",
        ".a { clear: right; }",
        ".a { padding: 0 0 0 var(--kansrijk-space-4); }",
        ".a { margin: 0 var(--x) 0 0 !important; }",
    ],
)
def test_the_check_finds_a_physical_side(css):
    assert physical_sides(css)


@pytest.mark.parametrize(
    "css",
    [
        ".a { margin-inline-start: 1rem; padding-inline: 0 1rem; }",
        ".a { border-inline-start: 6px solid red; border-inline-start-color: blue; }",
        ".a { inset-inline-start: 0; inset-inline-end: 0; }",
        ".a { text-align: start; float: inline-start; }",
        ".a { padding: 0 1rem 0 1rem; margin: 0 auto; padding: 1px 2px 3px; }",
        ".a { background: linear-gradient(to right, #fff 30%, transparent) left / 2.5rem 100%; }",
        "/* margin-left: 1rem */ .a { margin: 0; }",
        ".a { scroll-snap-align: start; }",
    ],
)
def test_the_check_lets_logical_sides_pass(css):
    assert physical_sides(css) == []


def test_a_template_style_attribute_is_read(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p style="margin-left: 1rem">x</p><style>.a { right: 0 }</style>')
    assert physical_sides(_template_styles(page)) == ["margin-left", "right:"]
