"""Small template helpers available in every template (registered as builtins)."""

import datetime as dt

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kansrijk.core import back
from kansrijk.core.dates import today
from kansrijk.core.submissions import FIELD, new_key

register = template.Library()


@register.filter
def days_ago(day: dt.date | None) -> int | None:
    """How many days ago a date was (0 for today)."""
    if day is None:
        return None
    return (today() - day).days


@register.filter
def days_until(day: dt.date | None) -> int | None:
    if day is None:
        return None
    return (day - today()).days


# htmx (with our focus.js beside it) is the only script, and most pages have nothing for it to do: a buddy's phone should not
# download and run 16 KB of it for a page of text. A template that puts hx- attributes on the
# page says {% uses_htmx %}; the layout loads the script at the end of <body> only then (the
# content is rendered before the layout's end, so the mark is there in time). Without the
# script every hx- form and link still works as a plain one. core/tests/test_htmx_loading.py
# checks that every template with hx- attributes says so.
HTMX_MARK = "kansrijk_uses_htmx"


@register.simple_tag(takes_context=True)
def uses_htmx(context: template.Context) -> str:
    request = context.get("request")
    if request is not None:
        setattr(request, HTMX_MARK, True)
    return ""


@register.simple_tag(takes_context=True)
def htmx_script(context: template.Context) -> str:
    request = context.get("request")
    if not getattr(request, HTMX_MARK, False):
        return ""
    # focus.js puts the focus back after a swap: it has nothing to do on a page without htmx.
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("kansrijk/htmx.min.js"),
        static("kansrijk/focus.js"),
    )


@register.simple_tag
def submission_key() -> str:
    """The hidden one-time key of a form that creates something: put it next to
    {% csrf_token %}. Sent twice, such a form creates once (core/submissions.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())


@register.inclusion_tag("components/back_link.html", takes_context=True)
def back_link(context: template.Context, fallback: str, label: str) -> dict:
    """The page's back link: to the page it was opened from (see core/back.py), or else to
    `fallback`, its natural parent, named by `label`."""
    request = context["request"]
    url = back.back_url(request, fallback)
    return {"url": url, "label": label if url == fallback else _("Back")}


@register.simple_tag(takes_context=True)
def back_url(context: template.Context, fallback: str) -> str:
    """The address of the back link, for a form's "Cancel" beside it."""
    return back.back_url(context["request"], fallback)


@register.simple_tag(takes_context=True)
def with_back(context: template.Context, url: str) -> str:
    """A link to `url` whose back link returns to this page."""
    return back.with_back(context["request"], url)
