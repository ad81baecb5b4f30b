"""Bar charts are drawn from the table beside them, so they hide what the table hides."""

from decimal import Decimal

from kansrijk.reports.charts import TRACK_WIDTH, bar_chart
from kansrijk.reports.suppression import suppress
from kansrijk.reports.tables import ReportTable


def _table():
    return ReportTable(
        caption="Households per area",
        columns=["Area", "Started", "Dropped out"],
        rows=[["Beijum", 12, 3], ["Lewenborg", 6, 0], ["Total", 18, 3]],
        count_columns=frozenset({1, 2}),
        total_labels=frozenset({"Total"}),
    )


def test_bars_are_as_long_as_their_share_of_the_largest_number_and_totals_are_left_out():
    chart = bar_chart(_table(), series=[1, 2])

    assert [row.label for row in chart.rows] == ["Beijum", "Lewenborg"]
    beijum, lewenborg = chart.rows
    assert [bar.width for bar in beijum.bars] == [TRACK_WIDTH, round(TRACK_WIDTH * 3 / 12, 1)]
    assert [bar.value for bar in lewenborg.bars] == ["6", "0"]
    assert not lewenborg.bars[1].drawn


def test_a_hidden_count_gets_no_bar_only_its_text():
    chart = bar_chart(suppress(_table(), 5), series=[1, 2])

    beijum = chart.rows[0]
    hidden = beijum.bars[1]
    assert (hidden.value, hidden.drawn, hidden.width) == ("hidden", False, 0)
    assert (beijum.bars[0].value, beijum.bars[0].drawn) == ("12", True)


def test_decimals_are_written_in_the_language_and_nothing_to_draw_gives_no_chart():
    table = ReportTable(
        caption="Levels", columns=["Domain", "Start"], rows=[["Work", Decimal("2.5")]]
    )

    assert bar_chart(table, series=[1]).rows[0].bars[0].value == "2.5"
    empty = ReportTable(caption="Empty", columns=["Domain", "Start"], rows=[["Work", 0]])
    assert bar_chart(empty, series=[1]) is None


def test_right_to_left_the_report_chart_mirrors_on_the_page_and_in_the_pdf():
    import re

    from django.template.loader import render_to_string
    from django.utils import translation

    table = ReportTable(
        caption="Phases", columns=["Area", "Started"], rows=[["Oost", 10], ["West", 5]]
    )
    with translation.override("ar"):
        chart = bar_chart(table, series=[1])
        page = render_to_string("reports/_chart.html", {"chart": chart, "id": 1})
        pdf = render_to_string("reports/pdf/_chart.html", {"chart": chart})
    for svg in (page, pdf):
        assert 'direction="rtl"' in svg
        bars = re.findall(
            r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" rx="3" (?:class="chart__bar|fill="#(?!f4f6f7))',
            svg,
        )
        assert [float(x) + float(w) for x, w in bars] == [chart.width, chart.width]
        assert (
            re.findall(r'<text x="(\d+)" y="[\d.]+" (?:class|font-size)', svg)
            == [str(chart.width)] * 2
        )
