"""The results list: what a programme's participants reached in a period, in words and figures.

In the style the Oost pilot reported its results ("Of the 17 participants who finished, 2 found
good housing; 6 found work, …"), generated from recorded data in the active language. Built once
as a `Report` (`results_report`), so the page and every download hold the same figures. All
counting is done by the database in a fixed number of queries, however many participants.

For funders the counts go through small-cell suppression first, and the sentences are written
from the suppressed figures: a hidden count reads "hidden" in the text too.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kansrijk.core.dates import today
from kansrijk.outcomes.choices import Level, OutcomeKind, Sector
from kansrijk.outcomes.selectors import (
    STEP_KINDS,
    business_sectors,
    outcome_counts,
    outcome_types,
    result_counts,
)
from kansrijk.people.models import Area, Programme
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory

from .disclosure import apply_pattern
from .selectors import journey_counts, trajectories_in
from .suppression import suppress_together, suppression_note
from .tables import Cell, Report, ReportTable, Suppressed

# How a business's sector reads after "started an own business".
SECTOR_PHRASES = {
    Sector.CARE: gettext_lazy("in care"),
    Sector.CHILDCARE: gettext_lazy("in childcare"),
    Sector.HOSPITALITY: gettext_lazy("in hospitality"),
    Sector.RETAIL: gettext_lazy("in retail"),
    Sector.CLEANING: gettext_lazy("in cleaning"),
    Sector.CONSTRUCTION: gettext_lazy("in construction and technology"),
    Sector.TRANSPORT: gettext_lazy("in transport and logistics"),
    Sector.CREATIVE: gettext_lazy("in creative work"),
    Sector.BEAUTY: gettext_lazy("in hair and beauty"),
    Sector.OTHER: gettext_lazy("in another sector"),
}
# Levels as the results list names them ("at MBO (5) or HBO (1) level").
LEVEL_NAMES = {
    Level.MBO: "MBO",
    Level.HBO: "HBO",
    Level.WO: "WO",
    Level.OTHER: gettext_lazy("another"),
}


# ---- counting (SQL) ----


@dataclass(frozen=True)
class Participation:
    started: int
    finished: int
    dropped_out: int
    active: int
    reasons: dict[str, int]


def _trajectories(programme: Programme, areas: list[Area]):
    # The trajectory carries its programme: no join to the households for the whole programme.
    if areas:
        return trajectories_in(areas)
    return Trajectory.objects.filter(programme=programme).order_by()


def participation(trajectories, since: dt.date, until: dt.date) -> Participation:
    """Started (the active year began), finished and dropped out (ended) in the period, and
    still taking part (in the active year or aftercare) on its last day. Two queries."""
    wanted = ("started", "finished", "dropped_out", "coached")
    counts = journey_counts(since, until, prefix="")
    row = trajectories.aggregate(**{name: counts[name] for name in wanted})
    reasons = dict(
        trajectories.filter(phase=Phase.DROPPED_OUT, ended_on__range=(since, until))
        .values_list("drop_out_reason")
        .annotate(n=Count("pk"))
    )
    return Participation(
        started=row["started"],
        finished=row["finished"],
        dropped_out=row["dropped_out"],
        active=row["coached"],
        reasons=reasons,
    )


# ---- words ----


def _n(cell: Cell | Suppressed) -> int:
    """The number to choose a plural form by: a hidden count is at least 0, read it as many."""
    return cell if isinstance(cell, int) else 2


def _shown(cell: Cell | Suppressed) -> bool:
    """A count worth a sentence: more than zero, or hidden (then it is more than zero)."""
    return isinstance(cell, Suppressed) or bool(cell)


def _and(items: list[str], word: str | None = None) -> str:
    """ "a, b and c" in the active language."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word or _('and')} {items[-1]}"


class _Figures:
    """The table "the results list in figures", read back by key to write the sentences."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.rows: list[list] = []

    def add(self, key: str, label: str, value: int, *, main: bool = False) -> None:
        """A row; a detail or step row only when it counts someone (zeros are noise)."""
        if not main and not value:
            return
        self.keys.append(key)
        self.rows.append([label, value])

    def table(self, caption: str) -> ReportTable:
        return ReportTable(
            caption=caption,
            columns=[_("Outcome"), _("Participants")],
            rows=self.rows,
            count_columns=frozenset({1}),
        )

    @staticmethod
    def reader(keys: list[str], table: ReportTable) -> dict[str, Cell | Suppressed]:
        return {key: row[1] for key, row in zip(keys, table.rows, strict=True)}


def _figures(finished: int, counts, sectors: dict[str, int], others: list) -> _Figures:
    figures = _Figures()
    figures.add("finished", _("Finished the trajectory"), finished, main=True)
    figures.add("housing", _("Found good housing"), counts.housing, main=True)
    figures.add("work", _("Found work"), counts.work, main=True)
    figures.add("work_full_time", _("– full-time"), counts.work_full_time)
    figures.add("work_part_time", _("– part-time"), counts.work_part_time)
    figures.add("welfare_ended", _("– fully out of welfare (bijstand)"), counts.welfare_ended)
    figures.add("welfare_reduced", _("– mostly out of welfare (bijstand)"), counts.welfare_reduced)
    figures.add("business", _("Started an own business"), counts.business, main=True)
    for sector in Sector:
        if sectors.get(sector):
            figures.add(f"sector_{sector}", f"– {sector.label}", sectors[sector])
    figures.add("education", _("Follow or followed education"), counts.education, main=True)
    for level in Level:
        if counts.education_levels[level]:
            figures.add(
                f"level_{level}",
                _("– at %(level)s level") % {"level": LEVEL_NAMES[level]},
                counts.education_levels[level],
            )
    figures.add("diplomas", _("– earned a diploma"), counts.diplomas)
    figures.add("young", _("Young people back at school"), counts.young, main=True)
    if counts.young:
        figures.add("young_work", _("– with work"), counts.young_work)
        figures.add("young_part_time", _("– with part-time work"), counts.young_part_time)
        figures.add("young_diplomas", _("– earned a diploma"), counts.young_diplomas)
        for level in Level:
            if counts.young_diploma_levels[level]:
                figures.add(
                    f"young_diploma_{level}",
                    _("– earned the %(level)s diploma") % {"level": LEVEL_NAMES[level]},
                    counts.young_diploma_levels[level],
                )
    for step in STEP_KINDS:
        figures.add(f"step_{step}", str(OutcomeKind(step).label).capitalize(), counts.steps[step])
    for code, label, value in others:
        figures.add(f"other_{code}", label, value)
    return figures


def _work_line(f: dict) -> str:
    line = ngettext("%(count)s found work", "%(count)s found work", _n(f["work"])) % {
        "count": f["work"]
    }
    fully, mostly = f.get("welfare_ended", 0), f.get("welfare_reduced", 0)
    if _shown(fully) and _shown(mostly):
        line += _(", of whom %(fully)s fully and %(mostly)s mostly out of welfare (bijstand)") % {
            "fully": fully,
            "mostly": mostly,
        }
    elif _shown(fully):
        line += _(", of whom %(fully)s fully out of welfare (bijstand)") % {"fully": fully}
    elif _shown(mostly):
        line += _(", of whom %(mostly)s mostly out of welfare (bijstand)") % {"mostly": mostly}
    return line


def _business_line(f: dict) -> str:
    sectors = [s for s in Sector if _shown(f.get(f"sector_{s}", 0))]
    if len(sectors) == 1:
        where = f" {SECTOR_PHRASES[sectors[0]]}"
    elif sectors:
        where = " " + _and([f"{SECTOR_PHRASES[s]} ({f[f'sector_{s}']})" for s in sectors])
    else:
        where = ""
    return ngettext(
        "%(count)s started their own business%(where)s",
        "%(count)s started their own business%(where)s",
        _n(f["business"]),
    ) % {"count": f["business"], "where": where}


def _education_line(f: dict) -> str:
    levels = [
        f"{LEVEL_NAMES[level]} ({f[f'level_{level}']})"
        for level in Level
        if f"level_{level}" in f and _shown(f[f"level_{level}"])
    ]
    at = _(" at %(levels)s level") % {"levels": _and(levels, _("or"))} if levels else ""
    return ngettext(
        "%(count)s follows education%(at)s",
        "%(count)s follow education%(at)s",
        _n(f["education"]),
    ) % {"count": f["education"], "at": at}


def _young_line(f: dict) -> str:
    if f["young"] == 1:
        parts = [_("the young participant went back to school")]
        if f.get("young_part_time"):
            parts.append(_("has part-time work"))
        elif f.get("young_work"):
            parts.append(_("has work"))
        diplomas = [level for level in Level if f.get(f"young_diploma_{level}")]
        if diplomas:
            parts.append(_("earned the %(level)s diploma") % {"level": LEVEL_NAMES[diplomas[0]]})
        return _and(parts)
    line = ngettext(
        "%(count)s young participant went back to school",
        "%(count)s young participants went back to school",
        _n(f["young"]),
    ) % {"count": f["young"]}
    return line + _(" (%(work)s with work, %(diploma)s with a diploma)") % {
        "work": f.get("young_work", 0),
        "diploma": f.get("young_diplomas", 0),
    }


def results_sentence(f: dict) -> str:
    """ "Of the 17 participants who finished: 2 found good housing; 6 found work, …"."""
    finished = f["finished"]
    if not _shown(finished):
        return _("Nobody finished the trajectory in this period.")
    lines = []
    if _shown(f["housing"]):
        lines.append(
            ngettext(
                "%(count)s found good housing", "%(count)s found good housing", _n(f["housing"])
            )
            % {"count": f["housing"]}
        )
    if _shown(f["work"]):
        lines.append(_work_line(f))
    if _shown(f["business"]):
        lines.append(_business_line(f))
    if _shown(f["education"]):
        lines.append(_education_line(f))
    if _shown(f["young"]):
        lines.append(_young_line(f))
    opening = ngettext(
        "Of the %(count)s participant who finished",
        "Of the %(count)s participants who finished",
        _n(finished),
    ) % {"count": finished}
    if not lines:
        return _("%(opening)s: no housing, work, own business or education recorded yet.") % {
            "opening": opening
        }
    return f"{opening}: {'; '.join(lines)}."


def steps_sentence(f: dict, labels: dict[str, str]) -> str:
    """The steps on the way (calm at the base, taking part), after the results."""
    steps = [
        f"{labels[key][:1].lower()}{labels[key][1:]} ({value})"
        for key, value in f.items()
        if key.startswith(("step_", "other_")) and _shown(value)
    ]
    if not steps:
        return ""
    return _("Steps on the way: %(steps)s.") % {"steps": ", ".join(steps)}


def _participation_sentence(p: dict, since: dt.date, until: dt.date, reasons: str) -> str:
    parts = [
        ngettext(
            "%(count)s participant started their year",
            "%(count)s participants started their year",
            _n(p["started"]),
        )
        % {"count": p["started"]},
        ngettext(
            "%(count)s finished the trajectory",
            "%(count)s finished the trajectory",
            _n(p["finished"]),
        )
        % {"count": p["finished"]},
        ngettext("%(count)s stopped early", "%(count)s stopped early", _n(p["dropped_out"]))
        % {"count": p["dropped_out"]}
        + (f" ({reasons})" if reasons else ""),
        ngettext(
            "%(count)s is still taking part",
            "%(count)s are still taking part",
            _n(p["active"]),
        )
        % {"count": p["active"]},
    ]
    return _("From %(since)s to %(until)s: %(parts)s.") % {
        "since": date_format(since, "j F Y"),
        "until": date_format(until, "j F Y"),
        "parts": "; ".join(parts),
    }


def _period(since: dt.date, until: dt.date, programme: Programme, areas: list[Area]) -> str:
    whole_years = since.month == since.day == 1 and (
        (until.month, until.day) == (12, 31) or until == today()
    )
    if whole_years:
        period = str(since.year) if since.year == until.year else f"{since.year}–{until.year}"
    else:
        period = f"{date_format(since, 'j F Y')} – {date_format(until, 'j F Y')}"
    all_areas = {a.pk for a in programme.areas.all()}
    if areas and {a.pk for a in areas} != all_areas:
        period += ", " + ", ".join(a.name for a in areas)
    return period


def results_report(
    *,
    programme: Programme,
    areas: list[Area] | None,
    since: dt.date | None,
    until: dt.date,
    threshold: int | None = None,
    pattern: frozenset[tuple[int, int, int]] | None = None,
) -> Report:
    """The results list of a programme's areas (all when none given) in a period (from the
    programme's start when `since` is None). With a `threshold`, small counts are suppressed
    in the tables and in the text alike (for funders)."""
    areas = list(areas or [])
    since = since or programme.started_on
    trajectories = _trajectories(programme, areas)
    p = participation(trajectories, since, until)
    finished = trajectories.filter(phase=Phase.CLOSED, ended_on__range=(since, until))
    types = outcome_types(programme, active_only=False)
    per_code = outcome_counts(finished)
    counts = result_counts(finished)
    others = [
        (t.code, str(t.label).capitalize(), per_code.get(t.code, 0))
        for t in types
        if t.kind == OutcomeKind.OTHER
    ]
    figures = _figures(p.finished, counts, business_sectors(finished), others)

    participants = ReportTable(
        caption=_("Participants"),
        columns=[_("In the period"), _("Participants")],
        rows=[
            [_("Started their year"), p.started],
            [_("Finished the trajectory"), p.finished],
            [_("Stopped early"), p.dropped_out],
            [_("Still taking part on the last day"), p.active],
        ],
        count_columns=frozenset({1}),
    )
    total = _("Total")
    reasons = ReportTable(
        caption=_("Stopped early, by reason"),
        columns=[_("Reason"), _("Participants")],
        rows=[
            [str(reason.label).capitalize(), p.reasons.get(reason, 0)]
            for reason in DropOutReason
            if p.reasons.get(reason)
        ]
        + [[total, p.dropped_out]],
        count_columns=frozenset({1}),
        total_labels=frozenset({total}),
    )
    in_figures = figures.table(_("The results list in figures"))
    per_type = ReportTable(
        caption=_("Outcomes of the participants who finished, per outcome"),
        columns=[_("Outcome"), _("Participants")],
        rows=[[str(t.label).capitalize(), per_code.get(t.code, 0)] for t in types],
        count_columns=frozenset({1}),
    )
    tables = [participants, reasons, in_figures, per_type]
    note = ""
    if threshold is not None:
        # `pattern`: the cells to hide, worked out with the audience's other selections.
        if pattern is not None:
            tables = apply_pattern(tables, pattern, threshold)
        else:
            tables = suppress_together(tables, threshold)
        note = suppression_note(threshold)
    participants, reasons, in_figures, per_type = tables

    names = ["started", "finished", "dropped_out", "active"]
    shown = dict(zip(names, [row[1] for row in participants.rows], strict=True))
    reason_words = ", ".join(f"{row[0].lower()}: {row[1]}" for row in reasons.rows[:-1])
    f = _Figures.reader(figures.keys, in_figures)
    labels = dict(zip(figures.keys, [row[0] for row in figures.rows], strict=True))
    paragraphs = [
        _participation_sentence(shown, since, until, reason_words),
        results_sentence(f),
    ]
    steps = steps_sentence(f, labels)
    if steps:
        paragraphs.append(steps)
    return Report(
        title=_("Results"),
        programme=programme.name,
        period=_period(since, until, programme, areas),
        paragraphs=paragraphs,
        tables=tables,
        suppression_note=note,
    )
