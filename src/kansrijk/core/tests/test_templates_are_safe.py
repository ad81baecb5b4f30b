"""Templates hold nothing the Content-Security-Policy would block, and every POST form has its
CSRF token. These read the template files, so they cover pages no other test renders."""

import re
from pathlib import Path

import kansrijk

TEMPLATES = sorted(Path(kansrijk.__file__).parent.glob("*/templates/**/*.html"))

STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)
POST = re.compile(r"""\bmethod\s*=\s*["']?post\b""", re.IGNORECASE)


def _offending(pattern: re.Pattern) -> list[str]:
    return [
        f"{path.relative_to(path.parents[2])}: {match.group(0).strip()}"
        for path in TEMPLATES
        for match in pattern.finditer(path.read_text())
    ]


def test_the_templates_are_found():
    assert len(TEMPLATES) > 20
    assert any(path.name == "base.html" for path in TEMPLATES)


def test_no_template_has_a_style_attribute():
    assert _offending(STYLE_ATTRIBUTE) == [], "use a class in kansrijk.css instead"


def test_no_template_has_a_style_element():
    assert _offending(STYLE_ELEMENT) == [], "put the rules in kansrijk.css"


def test_no_template_has_an_inline_script():
    assert _offending(INLINE_SCRIPT) == [], "load scripts from a file with src="


def test_no_template_has_an_inline_event_handler():
    assert _offending(EVENT_HANDLER) == [], "inline handlers need 'unsafe-inline' or eval"


def test_every_post_form_has_a_csrf_token():
    forms = [
        (path, attributes, body)
        for path in TEMPLATES
        for attributes, body in FORM.findall(path.read_text())
        if POST.search(attributes)
    ]
    missing = [
        f"{path.relative_to(path.parents[2])}: <form{attributes}>"
        for path, attributes, body in forms
        if "{% csrf_token %}" not in body
    ]

    assert len(forms) >= 5
    assert missing == []
