"""htmx is loaded only on pages that use it: most pages need no script at all.

A template with hx- attributes says {% uses_htmx %}; the layout then adds the script. A page
that forgot would still work (every hx- form and link works without it), but lose its inline
updates without anyone noticing: the first test reads every template so it cannot happen.
"""

import re
from pathlib import Path

from django.urls import reverse

import kansrijk

TEMPLATES = sorted(Path(kansrijk.__file__).parent.glob("*/templates/**/*.html"))
# An attribute that makes htmx send a request or swap content; base.html's hx-headers only
# configures requests made by others.
HTMX_REQUEST = re.compile(r"\shx-(get|post|put|patch|delete|trigger|target|swap)\s*=")
# The layout's script tag (the file name is hashed with DEBUG off).
HTMX_SCRIPT = re.compile(r'<script src="[^"]*/htmx\.min(\.[0-9a-f]+)?\.js" defer></script>')


def test_every_template_with_hx_attributes_asks_for_htmx():
    forgetful = [
        str(path.relative_to(path.parents[2]))
        for path in TEMPLATES
        if HTMX_REQUEST.search(path.read_text()) and "{% uses_htmx %}" not in path.read_text()
    ]
    assert any(HTMX_REQUEST.search(path.read_text()) for path in TEMPLATES)
    assert forgetful == [], "add {% uses_htmx %} to these templates"


def test_the_household_list_loads_htmx_for_its_filter(client, cast):
    client.force_login(cast.coordinator)

    page = client.get(reverse("programme_households", args=[cast.programme.slug])).content.decode()

    assert 'hx-get="' in page
    assert len(HTMX_SCRIPT.findall(page)) == 1


def test_a_page_without_htmx_has_no_script_at_all(client, cast):
    client.force_login(cast.buddy)

    page = client.get(reverse("security")).content.decode()

    assert "<script" not in page
