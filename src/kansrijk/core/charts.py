"""Horizontal bar charts drawn on the server as SVG: the geometry every chart shares.

Pure: plain values in, geometry out; the app's template only draws it. Colours come from CSS
classes (the Content-Security-Policy forbids inline styles) and every bar carries its value in
text, so nothing depends on colour. Sized for a phone: the drawing is 360 units wide and scales
to the width of the card.

A chart is rows; a row is a title above one bar per series (or per assessment), and may carry
a mark (the level wanted) across its bars.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 360


@dataclass(frozen=True)
class Layout:
    """The measures of one kind of chart, in SVG units."""

    value_width: int  # the value in text right of the bar ("3 / 5", "< 5")
    bar_height: int
    bar_gap: int
    title_height: int  # the row's title above its bars
    title_baseline: int  # where the title's text sits, from the top of the row
    row_gap: int
    text_rise: float  # how far above a bar's bottom edge its text sits
    bottom_margin: int  # below the last bar
    label_width: int = 0  # a label left of each bar, when the bars have one

    @property
    def track_x(self) -> int:
        return self.label_width

    @property
    def track_width(self) -> int:
        return WIDTH - self.label_width - self.value_width


@dataclass(frozen=True)
class Amount:
    """One bar's value: `amount` of `whole` fills that share of the track."""

    amount: float
    whole: float
    value: str  # the value in text beside the bar
    drawn: bool = True  # False: no bar, only its text (not assessed, a hidden count, nothing)
    label: str = ""  # left of the bar, when the layout has room for labels
    emphasis: bool = False  # the bar that stands out (the latest assessment)
    css: str = ""  # the bar's own class (a series' colour)


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    text_y: float
    value: str
    drawn: bool
    label: str
    emphasis: bool
    css: str


@dataclass(frozen=True)
class Row:
    label: str
    title_y: float
    bars: list[Bar]
    mark_x: float | None = None  # where the mark across the bars stands (the level wanted)
    mark_top: float = 0
    mark_bottom: float = 0


@dataclass(frozen=True)
class Series:
    name: str
    css: str


@dataclass(frozen=True)
class TableRow:
    name: str
    cells: list[tuple[str, str]]  # (column heading, value): a phone shows each cell labelled


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    height: float
    rows: list[Row]
    layout: Layout
    series: list[Series] = field(default_factory=list)  # the legend, when bars differ by series
    columns: list[str] = field(default_factory=list)  # the text alternative's headings
    table: list[TableRow] = field(default_factory=list)  # ... and its rows
    width: int = WIDTH
    value_x: int = WIDTH

    @property
    def track_x(self) -> int:
        return self.layout.track_x

    @property
    def track_width(self) -> int:
        return self.layout.track_width

    @property
    def bar_height(self) -> int:
        return self.layout.bar_height

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height:g}"


def share_x(layout: Layout, amount: float, whole: float) -> float:
    """Where `amount` of `whole` ends on the track, rounded to a tenth."""
    return round(layout.track_x + layout.track_width * amount / whole, 1)


def lay_out(
    layout: Layout,
    rows: Sequence[tuple[str, Sequence[Amount], tuple[float, float] | None]],
) -> tuple[list[Row], float]:
    """The rows (title, bars, the mark as amount of whole or None) placed one below the other,
    and the height of the drawing that holds them."""
    placed, y = [], 0.0
    step = layout.bar_height + layout.bar_gap
    for title, amounts, mark in rows:
        top = y + layout.title_height
        bars = [
            Bar(
                y=top + index * step,
                width=round(layout.track_width * a.amount / a.whole, 1),
                text_y=top + index * step + layout.bar_height - layout.text_rise,
                value=a.value,
                drawn=a.drawn,
                label=a.label,
                emphasis=a.emphasis,
                css=a.css,
            )
            for index, a in enumerate(amounts)
        ]
        bottom = top + len(amounts) * step - layout.bar_gap
        mark_x = share_x(layout, *mark) if mark else None
        placed.append(Row(title, y + layout.title_baseline, bars, mark_x, top - 3, bottom + 3))
        y = bottom + layout.row_gap
    return placed, y - layout.row_gap + layout.bottom_margin
