"""Small template helpers available in every template (registered as builtins)."""

import datetime as dt
from decimal import Decimal

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import pgettext

from kansrijk.core import back, dates, numbers
from kansrijk.core.dates import today
from kansrijk.core.phones import tel_uri
from kansrijk.core.submissions import FIELD, new_key

register = template.Library()

# Dates, amounts and phone numbers as people read them: the one way of `core.dates`,
# `core.numbers` and `core.phones`, never Django's `date` filter with a format of its own.
# An empty value shows as nothing.


def _or_empty(function):
    def shown(value):
        return "" if value is None or value == "" else function(value)

    shown.__name__ = function.__name__
    shown.__doc__ = function.__doc__
    return shown


for _function in (
    dates.long_date,
    dates.weekday_date,
    dates.day_and_month,
    dates.short_date,
    dates.date_and_time,
    dates.relative_day,
    dates.day_in_words,
    dates.time_since,
):
    register.filter(_function.__name__, _or_empty(_function))


@register.filter
def euros(value: int | Decimal | float | None, whole: str = "") -> str:
    """€ 1.234,50; `|euros:"whole"` gives whole euros (€ 14.000)."""
    if value is None or value == "":
        return ""
    return numbers.euros(value, cents=whole != "whole")


@register.filter
def phone_link(typed: str | None) -> str:
    """The number as typed, as a link that calls it (tel: in E.164); plain text when the
    number cannot be read, so a tap never dials something else."""
    if not typed:
        return ""
    uri = tel_uri(typed)
    if uri is None:
        return format_html("{}", typed)
    return format_html('<a href="{}">{}</a>', uri, typed)


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


# htmx and our focus.js are the only scripts, and most pages have nothing for them to do: a
# buddy's phone should not download and run 16 KB of htmx for a page of text. A template that
# puts hx- attributes on the page says {% uses_htmx %}; one that shows an error summary says
# {% uses_focus %}. The layout loads what was asked for at the end of <body> (the content is
# rendered before the layout's end, so the marks are there in time). Without the scripts every
# hx- form and link still works as a plain one, and the summary still takes the focus
# (`autofocus`). core/tests/test_htmx_loading.py checks that every template with hx- attributes
# says so.
HTMX_MARK = "kansrijk_uses_htmx"
FOCUS_MARK = "kansrijk_uses_focus"


def _mark(context: template.Context, *marks: str) -> str:
    request = context.get("request")
    if request is not None:
        for mark in marks:
            setattr(request, mark, True)
    return ""


@register.simple_tag(takes_context=True)
def uses_htmx(context: template.Context) -> str:
    # A swap can drop the focus on <body>: focus.js puts it back (see that file).
    return _mark(context, HTMX_MARK, FOCUS_MARK)


@register.simple_tag(takes_context=True)
def uses_focus(context: template.Context) -> str:
    return _mark(context, FOCUS_MARK)


@register.simple_tag(takes_context=True)
def htmx_script(context: template.Context) -> str:
    request = context.get("request")
    scripts = [
        name
        for mark, name in ((HTMX_MARK, "htmx.min.js"), (FOCUS_MARK, "focus.js"))
        if getattr(request, mark, False)
    ]
    return format_html_join(
        "", '<script src="{}" defer></script>', ((static(f"kansrijk/{name}"),) for name in scripts)
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
    return {"url": url, "label": label if url == fallback else pgettext("participant", "Back")}


@register.simple_tag(takes_context=True)
def back_url(context: template.Context, fallback: str) -> str:
    """The address of the back link, for a form's "Cancel" beside it."""
    return back.back_url(context["request"], fallback)


@register.simple_tag(takes_context=True)
def with_back(context: template.Context, url: str) -> str:
    """A link to `url` whose back link returns to this page."""
    return back.with_back(context["request"], url)


class _ScrollTableNode(template.Node):
    def __init__(self, label: FilterExpression, nodelist: template.NodeList):
        self.label, self.nodelist = label, nodelist

    def render(self, context: template.Context) -> str:
        return render_to_string(
            "components/scroll_table.html",
            {"label": self.label.resolve(context), "table": self.nodelist.render(context)},
        )


@register.tag
def scroll_table(parser: Parser, token: Token) -> _ScrollTableNode:
    """{% scroll_table label %}<table>…</table>{% endscroll_table %}: a table wider than the
    page scrolls sideways inside its own box, which the keyboard can reach (a named region) and
    which shows a shadow at the side where more of the table is (kansrijk.css, .table-wrap)."""
    try:
        _tag, label = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("scroll_table takes one argument: its label") from None
    nodelist = parser.parse(("endscroll_table",))
    parser.delete_first_token()
    return _ScrollTableNode(parser.compile_filter(label), nodelist)
