"""{% scroll_table label %}: the one box a wide table scrolls in, which the keyboard can reach and
a screen reader names. How it looks in a browser is tests/browser/test_layout.py's to check."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_it_puts_the_table_in_a_named_region_the_keyboard_reaches():
    html = _render("{% scroll_table label %}<table></table>{% endscroll_table %}", label="Buddy's")

    assert html.strip() == (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Buddy&#x27;s">'
        "<table></table></div>"
    )


def test_it_translates_a_label_given_as_a_message():
    with translation.override("nl"):
        html = _render('{% scroll_table _("Households") %}<table></table>{% endscroll_table %}')

    assert 'aria-label="Huishoudens"' in html


def test_it_renders_what_it_holds_with_the_page_context():
    html = _render(
        "{% scroll_table title %}<td>{{ name }}</td>{% endscroll_table %}",
        title="Audit log",
        name="<b>Kremer</b>",
    )

    assert "<td>&lt;b&gt;Kremer&lt;/b&gt;</td>" in html


def test_it_wants_a_label():
    with pytest.raises(TemplateSyntaxError, match="its label"):
        Template("{% scroll_table %}<table></table>{% endscroll_table %}")
