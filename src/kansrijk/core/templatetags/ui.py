"""Small template helpers available in every template (registered as builtins)."""

import datetime as dt

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html

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
        _, label = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("scroll_table takes one argument: its label") from None
    nodelist = parser.parse(("endscroll_table",))
    parser.delete_first_token()
    return _ScrollTableNode(parser.compile_filter(label), nodelist)
