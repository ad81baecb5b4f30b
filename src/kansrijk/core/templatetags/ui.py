"""Small template helpers available in every template (registered as builtins)."""

import datetime as dt
from decimal import Decimal

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from kansrijk.core import dates, numbers
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


# htmx is the only script, and most pages have nothing for it to do: a buddy's phone should not
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
    return format_html('<script src="{}" defer></script>', static("kansrijk/htmx.min.js"))


@register.simple_tag
def submission_key() -> str:
    """The hidden one-time key of a form that creates something: put it next to
    {% csrf_token %}. Sent twice, such a form creates once (core/submissions.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
