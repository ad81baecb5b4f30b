"""The chart over the year: per life domain a row of bars, one bar per assessment.

Built on `core.charts` (the geometry every chart shares); the template
`assessments/_chart.html` only draws it. Every bar also says in text which assessment it is and
its level, and the same figures come as a table, so nothing depends on colour or on seeing the
picture.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kansrijk.core.charts import Amount, Chart, Layout, TableRow, lay_out

LAYOUT = Layout(
    label_width=84,  # the assessment's name left of its bar
    value_width=44,  # "3 / 5" right of the bar
    bar_height=16,
    bar_gap=6,
    title_height=24,  # the domain's name above its bars
    title_baseline=16,
    row_gap=16,
    text_rise=3.5,
    bottom_margin=4,
)
TRACK_X = LAYOUT.track_x
TRACK_WIDTH = LAYOUT.track_width
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


def _value(level: int, size: int) -> str:
    return f"{level} / {size}"


def build_chart(domains: Sequence[ChartDomain], readings: Sequence[Reading]) -> Chart | None:
    """The chart of `readings` (oldest first) on `domains` (those of the latest framework)."""
    if not readings or not domains:
        return None
    shown = list(readings[-MAX_READINGS:])
    latest = readings[-1]
    rows = []
    for domain in domains:
        size = domain.scale_size
        amounts = []
        for reading in shown:
            pair = reading.levels.get(domain.code)
            amounts.append(
                Amount(
                    amount=min(pair[0], size) if pair else 0,
                    whole=size,
                    value=_value(pair[0], size) if pair else "–",
                    drawn=pair is not None,
                    label=reading.label,
                    emphasis=reading is latest,
                )
            )
        wanted = latest.levels.get(domain.code)
        rows.append((domain.name, amounts, (min(wanted[1], size), size) if wanted else None))
    placed, height = lay_out(LAYOUT, rows)

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
        rows=placed,
        layout=LAYOUT,
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
