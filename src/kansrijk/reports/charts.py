"""Bar charts of a report's tables: server-rendered SVG, drawn from the table shown beside it.

Pure: a `ReportTable` in, geometry and words out; `reports/_chart.html` only draws it. Because the
chart is drawn from the table after suppression, a funder's chart hides what their table hides
(a hidden count gets no bar, only "hidden"). Colours come from CSS classes (the Content-Security-
Policy forbids inline styles); every bar carries its value in text, so nothing depends on colour.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from kansrijk.core.charts import Amount, Chart, Layout, Series, lay_out

from .formatting import cell_text
from .tables import Report, ReportTable

LAYOUT = Layout(
    value_width=52,  # "hidden" or "12" right of the bar
    bar_height=14,
    bar_gap=4,
    title_height=20,  # the row's label above its bars
    title_baseline=14,
    row_gap=12,
    text_rise=3,
    bottom_margin=2,
)
TRACK_WIDTH = LAYOUT.track_width
SERIES_CLASSES = ("report-bar--0", "report-bar--1", "report-bar--2")

# Per table of the dashboard, the columns its chart draws (None: no chart) and the rows to draw.
DASHBOARD_CHARTS: list[tuple[list[int], list[int] | None]] = [
    ([4, 5, 6], None),  # households per area: started, finished, dropped out
    ([5, 1, 4], None),  # the cohort per area: took part, finished, still taking part
    ([2], None),  # reach: began their year in the year, per area
    ([1], None),  # completed against ended early
    ([2, 3], None),  # life domains: average at the start and at the end
    ([1], None),  # Doorbraak lead times
    ([1], None),  # buddies by load
    ([1], [1, 3, 4]),  # academy: attendances, buddies and external trainees (not hours)
    ([1, 2], [2, 3, 4, 5, 6]),  # the participants' marks in bands: finished, stopped
]


def report_charts(kind: str, report: Report) -> list[Chart | None]:
    """The chart drawn above each table of a report (the page's and the PDF's): the
    dashboard's tables have one each (None where there is nothing to draw), the others none."""
    if kind != "dashboard":
        return [None] * len(report.tables)
    return [
        bar_chart(table, series=series, rows=rows)
        for table, (series, rows) in zip(report.tables, DASHBOARD_CHARTS, strict=True)
    ]


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        return None
    return float(value)


def bar_chart(
    table: ReportTable, *, series: list[int], rows: list[int] | None = None
) -> Chart | None:
    """Horizontal bars: per row of the table one bar for each column in `series`.

    `rows` picks the rows to draw (by index); by default every row but the totals, which would
    dwarf the others. None when there is nothing to draw.
    """
    rows_in = (
        [table.rows[i] for i in rows if i < len(table.rows)]
        if rows is not None
        else [row for row in table.rows if str(row[0]) not in table.total_labels]
    )
    numbers = [_number(row[c]) for row in rows_in for c in series]
    largest = max((n for n in numbers if n is not None), default=0)
    if not rows_in or largest <= 0:
        return None
    lines = []
    for row in rows_in:
        amounts = []
        for index, column in enumerate(series):
            number = _number(row[column])
            amounts.append(
                Amount(
                    amount=number or 0,
                    whole=largest,
                    value="–" if row[column] in (None, "") else cell_text(row[column]),
                    drawn=bool(number),
                    css=SERIES_CLASSES[index % len(SERIES_CLASSES)],
                )
            )
        lines.append((str(row[0]), amounts, None))
    drawn, height = lay_out(LAYOUT, lines)
    names = [table.columns[c] for c in series]
    description = _(
        "One row of bars for each line of the table “%(caption)s”, one bar for: %(names)s. "
        "A longer bar is a larger number; the number is written beside it."
    ) % {"caption": table.caption, "names": ", ".join(names)}
    return Chart(
        title=table.caption,
        description=description,
        height=height,
        rows=drawn,
        layout=LAYOUT,
        series=[
            Series(name, SERIES_CLASSES[i % len(SERIES_CLASSES)]) for i, name in enumerate(names)
        ],
    )
