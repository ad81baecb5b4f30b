"""The chart over the year: per life domain a row of bars, one bar per assessment.

Pure: plain values in, geometry and text out; the template `assessments/_chart.html` only draws
it. Server-rendered SVG, no JavaScript; colours come from CSS classes (the Content-Security-
Policy forbids inline styles). Every bar also says in text which assessment it is and its level,
and the same figures come as a table, so nothing depends on colour or on seeing the picture.

Sized for a phone: the drawing is 360 units wide and scales to the width of the card.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 360
LABEL_WIDTH = 84  # the assessment's name left of its bar
VALUE_WIDTH = 44  # "3 / 5" right of the bar
TRACK_X = LABEL_WIDTH
TRACK_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH
BAR_HEIGHT = 16
BAR_GAP = 6
TITLE_HEIGHT = 24  # the domain's name above its bars
ROW_GAP = 16
# A year has a start, halfway and end assessment and a few extra ones; beyond this many the
# chart shows the latest ones and the table shows them all.
MAX_READINGS = 6


@dataclass(frozen=True)
class ChartDomain:
    code: str
    name: str
    scale_size: int


@dataclass(frozen=True)
class Reading:
    """One assessment: its short name ("Start"), its date, and per domain code (now, wanted)."""

    label: str
    date_label: str
    levels: Mapping[str, tuple[int, int]]


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float
    value: str  # "3 / 5", or "–" when the domain was not part of that assessment
    latest: bool
    assessed: bool

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 3.5


@dataclass(frozen=True)
class Row:
    name: str
    title_y: float
    bars: list[Bar]
    goal_x: float | None  # where the participant wants to be, after the latest assessment
    goal_top: float
    goal_bottom: float


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
    columns: list[str]  # the table's headings after the domain: each assessment, then the goal
    table: list[TableRow]
    width: int = WIDTH
    track_x: int = TRACK_X
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT
    value_x: int = WIDTH

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height:g}"


def _value(level: int, size: int) -> str:
    return f"{level} / {size}"


def build_chart(domains: Sequence[ChartDomain], readings: Sequence[Reading]) -> Chart | None:
    """The chart of `readings` (oldest first) on `domains` (those of the latest framework)."""
    if not readings or not domains:
        return None
    shown = list(readings[-MAX_READINGS:])
    latest = readings[-1]
    rows = []
    y = 0.0
    for domain in domains:
        title_y = y + 16
        top = y + TITLE_HEIGHT
        bars = []
        for index, reading in enumerate(shown):
            pair = reading.levels.get(domain.code)
            level = min(pair[0], domain.scale_size) if pair else 0
            bars.append(
                Bar(
                    label=reading.label,
                    y=top + index * (BAR_HEIGHT + BAR_GAP),
                    width=round(TRACK_WIDTH * level / domain.scale_size, 1),
                    value=_value(pair[0], domain.scale_size) if pair else "–",
                    latest=reading is latest,
                    assessed=pair is not None,
                )
            )
        bottom = top + len(shown) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        wanted = latest.levels.get(domain.code)
        goal_x = (
            round(TRACK_X + TRACK_WIDTH * min(wanted[1], domain.scale_size) / domain.scale_size, 1)
            if wanted
            else None
        )
        rows.append(Row(domain.name, title_y, bars, goal_x, top - 3, bottom + 3))
        y = bottom + ROW_GAP
    height = y - ROW_GAP + 4

    columns = [f"{r.label} ({r.date_label})" for r in readings] + [_("Wants to reach")]
    table = []
    for domain in domains:
        values = []
        for reading in readings:
            pair = reading.levels.get(domain.code)
            values.append(_value(pair[0], domain.scale_size) if pair else "–")
        wanted = latest.levels.get(domain.code)
        values.append(_value(wanted[1], domain.scale_size) if wanted else "–")
        table.append(TableRow(domain.name, list(zip(columns, values, strict=True))))

    return Chart(
        title=_("Life domains over the year"),
        description=_description(len(domains), shown, len(readings)),
        height=height,
        rows=rows,
        columns=columns,
        table=table,
    )


def _description(domain_count: int, shown: Sequence[Reading], total: int) -> str:
    names = ", ".join(f"{r.label} ({r.date_label})" for r in shown)
    text = ngettext(
        "One row of bars for the life domain, one bar per assessment: %(names)s.",
        "One row of bars for each of the %(count)s life domains, one bar per assessment: %(names)s.",
        domain_count,
    ) % {"count": domain_count, "names": names}
    text += " " + _(
        "A longer bar is a higher level. A dashed line marks the level the participant wants to reach."
    )
    if total > len(shown):
        text += " " + _("Only the latest %(shown)s of %(total)s assessments are drawn.") % {
            "shown": len(shown),
            "total": total,
        }
    return text
