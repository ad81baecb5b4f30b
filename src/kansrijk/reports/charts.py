"""Bar charts of a report's tables: server-rendered SVG, drawn from the table shown beside it.

Pure: a `ReportTable` in, geometry and words out; `reports/_chart.html` only draws it. Because the
chart is drawn from the table after suppression, a funder's chart hides what their table hides
(a hidden count gets no bar, only "< 5"). Colours come from CSS classes (the Content-Security-
Policy forbids inline styles); every bar carries its value in text, so nothing depends on colour.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .formatting import cell_text
from .tables import ReportTable

WIDTH = 360
VALUE_WIDTH = 52  # "< 5" or "12" right of the bar
TRACK_WIDTH = WIDTH - VALUE_WIDTH
BAR_HEIGHT = 14
BAR_GAP = 4
TITLE_HEIGHT = 20  # the row's label above its bars
ROW_GAP = 12
SERIES_CLASSES = ("report-bar--0", "report-bar--1", "report-bar--2")


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    value: str
    drawn: bool
    css: str

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Row:
    label: str
    title_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Series:
    name: str
    css: str


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    height: float
    rows: list[Row]
    series: list[Series]
    width: int = WIDTH
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT
    value_x: int = WIDTH

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height:g}"


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
    drawn, y = [], 0.0
    for row in rows_in:
        top = y + TITLE_HEIGHT
        bars = []
        for index, column in enumerate(series):
            number = _number(row[column])
            bars.append(
                Bar(
                    y=top + index * (BAR_HEIGHT + BAR_GAP),
                    width=round(TRACK_WIDTH * (number or 0) / largest, 1),
                    value="–" if row[column] in (None, "") else cell_text(row[column]),
                    drawn=bool(number),
                    css=SERIES_CLASSES[index % len(SERIES_CLASSES)],
                )
            )
        drawn.append(Row(str(row[0]), y + 14, bars))
        y = top + len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + ROW_GAP
    names = [table.columns[c] for c in series]
    description = _(
        "One row of bars for each line of the table “%(caption)s”, one bar for: %(names)s. "
        "A longer bar is a larger number; the number is written beside it."
    ) % {"caption": table.caption, "names": ", ".join(names)}
    return Chart(
        title=table.caption,
        description=description,
        height=y - ROW_GAP + 2,
        rows=drawn,
        series=[
            Series(name, SERIES_CLASSES[i % len(SERIES_CLASSES)]) for i, name in enumerate(names)
        ],
    )
