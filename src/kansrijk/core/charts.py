"""Horizontal bar charts drawn on the server as SVG: the geometry every chart shares.

Pure: plain values in, geometry out; the app's template only draws it. Colours come from CSS
classes (the Content-Security-Policy forbids inline styles) and every bar carries its value in
text, so nothing depends on colour. Sized for a phone: the drawing is 360 units wide and scales
to the width of the card.

A chart is rows; a row is a title above one bar per series (or per assessment), and may carry
a mark (the level wanted) across its bars.

Right to left (Arabic) the drawing mirrors: titles and labels start at the right edge, bars grow
from the right and the values stand at the left. The direction is the active language's when the
chart is laid out; the templates take every x from here and write text-anchor as start/end with
the chart's `direction` on the <svg>, so browsers and WeasyPrint agree. Values are numbers and
stay left to right (`value_anchor`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import get_language_bidi

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
    x: float  # where the bar begins on the left: its track's start, or right to left its end
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
    value_x: int = WIDTH  # where the values end, left to right
    rtl: bool = field(default_factory=get_language_bidi)  # drawn right to left (mirrored)

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def start_x(self) -> int:
        """Where a title or label begins (text-anchor start): the left edge, or the right."""
        return self.width if self.rtl else 0

    @property
    def end_x(self) -> int:
        """Where a value ends (text-anchor end): at the right, or right to left at the left."""
        return self.width - self.value_x if self.rtl else self.value_x

    @property
    def value_anchor(self) -> str:
        """A value ("2 / 5") is written left to right in either direction (right to left it
        would read "5 / 2"), so its anchor is the physical side: its right end, or its left."""
        return "start" if self.rtl else "end"

    @property
    def track_x(self) -> int:
        """The left edge of every bar's track."""
        if self.rtl:
            return self.width - self.layout.track_x - self.layout.track_width
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


def share_x(layout: Layout, amount: float, whole: float, *, rtl: bool = False) -> float:
    """Where `amount` of `whole` ends on the track, rounded to a tenth (right to left: measured
    from the right edge)."""
    x = round(layout.track_x + layout.track_width * amount / whole, 1)
    return round(WIDTH - x, 1) if rtl else x


def lay_out(
    layout: Layout,
    rows: Sequence[tuple[str, Sequence[Amount], tuple[float, float] | None]],
    *,
    rtl: bool | None = None,
) -> tuple[list[Row], float]:
    """The rows (title, bars, the mark as amount of whole or None) placed one below the other,
    and the height of the drawing that holds them; mirrored when `rtl` (by default: when the
    active language is written right to left)."""
    rtl = get_language_bidi() if rtl is None else rtl
    placed, y = [], 0.0
    step = layout.bar_height + layout.bar_gap

    def bar_x(width: float) -> float:
        return round(WIDTH - layout.track_x - width, 1) if rtl else layout.track_x

    for title, amounts, mark in rows:
        top = y + layout.title_height
        widths = [round(layout.track_width * a.amount / a.whole, 1) for a in amounts]
        bars = [
            Bar(
                y=top + index * step,
                width=widths[index],
                x=bar_x(widths[index]),
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
        mark_x = share_x(layout, *mark, rtl=rtl) if mark else None
        placed.append(Row(title, y + layout.title_baseline, bars, mark_x, top - 3, bottom + 3))
        y = bottom + layout.row_gap
    return placed, y - layout.row_gap + layout.bottom_margin
