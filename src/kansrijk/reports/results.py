"""The results list: what a programme's participants reached in a period, in words and figures.

In the style the Oost pilot reported its results ("Of the 17 participants who finished, 2 found
good housing; 6 found work, …"), generated from recorded data in the active language. Built once
as a `Report` (`results_report`), so the page and every download hold the same figures. All
counting is done by the database in a fixed number of queries, however many participants.

For funders the counts go through small-cell suppression first, and the sentences are written
from the suppressed figures: a hidden count reads "a hidden number" in the text (`tables.spoken`).
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kansrijk.outcomes.choices import Level, OutcomeKind, Sector
from kansrijk.outcomes.followup.selectors import sustained_aggregates, sustained_from
from kansrijk.outcomes.models import Outcome
from kansrijk.outcomes.selectors import (
    STEP_KINDS,
    ResultCounts,
    code_aggregates,
    codes_from,
    main_conditions,
    outcome_types,
    result_aggregates,
    result_counts_from,
    sector_aggregates,
    sectors_from,
)
from kansrijk.people.choices import HouseholdType
from kansrijk.people.models import Area, Programme
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory

from .cohort import (
    NOT_RECORDED,
    Cohort,
    CohortBreakdown,
    CohortCounts,
    ExtendedCounts,
    cohort_breakdown,
)
from .disclosure import apply_pattern
from .selectors import trajectories_in
from .suppression import suppress_together, suppression_note
from .tables import Cell, Position, Relation, Report, ReportTable, Suppressed, spoken

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


def _trajectories(programme: Programme, areas: list[Area]):
    # The trajectory carries its programme: no join to the households for the whole programme.
    if areas:
        return trajectories_in(areas)
    return Trajectory.objects.filter(programme=programme).order_by()


@dataclass(frozen=True)
class _OutcomeFigures:
    results: ResultCounts
    sectors: dict[str, int]
    per_code: dict[str, int]
    lasted: dict[str, tuple[int, int, int]]


def _outcome_figures(finished: QuerySet[Trajectory], codes: list[str]) -> _OutcomeFigures:
    """What those who finished reached, which businesses, how many per outcome type of
    `codes`, and what lasted: the four counts of the outcomes' own selectors in one query over
    the same outcomes (four queries before)."""
    pks = finished.values("pk")
    conditions = main_conditions(pks)
    row = Outcome.objects.filter(trajectory__in=pks).aggregate(
        **result_aggregates(pks),
        **sector_aggregates(),
        **code_aggregates(codes),
        **sustained_aggregates(conditions, moment=LASTED_MONTHS),
    )
    return _OutcomeFigures(
        results=result_counts_from(row),
        sectors=sectors_from(row),
        per_code=codes_from(row, codes),
        lasted=sustained_from(row, conditions),
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

    def _at(self, *keys: str) -> tuple[Position, ...]:
        return tuple((self.keys.index(k), 1) for k in keys if k in self.keys)

    def relations(self) -> list[Relation]:
        """What the rows tell a reader of each other: every result is at most the number who
        finished, and each detail at most its result. None is an exact sum: a household can
        reach two kinds of work or study, or a result without the detail (work, but no change
        in welfare)."""
        relations = []
        details = {
            "work": ["work_full_time", "work_part_time", "welfare_ended", "welfare_reduced"],
            "business": [k for k in self.keys if k.startswith("sector_")],
            "education": [k for k in self.keys if k.startswith("level_")] + ["diplomas"],
            "young": ["young_work", "young_diplomas"],
            "young_work": ["young_part_time"],
            "young_diplomas": [k for k in self.keys if k.startswith("young_diploma_")],
        }
        in_details = {key for parts in details.values() for key in parts}
        details["finished"] = [k for k in self.keys if k != "finished" and k not in in_details]
        for total, parts in details.items():
            if total in self.keys and self._at(*parts):
                relations.append(
                    Relation(total=self._at(total)[0], parts=self._at(*parts), exact=False)
                )
        return relations

    def table(self, caption: str) -> ReportTable:
        return ReportTable(
            caption=caption,
            columns=[_("Outcome"), _("Participants")],
            rows=self.rows,
            count_columns=frozenset({1}),
            relations=self.relations(),
            # Each result is also the "reached" of the table of what lasted: one number.
            measures={(row, 1): key for row, key in enumerate(self.keys)},
            notes=[
                _(
                    "Each result has one row, counted over the participants who finished. "
                    "Work next to school of young people back at school is counted on their "
                    "own line, not under found work; their education counts with everyone's."
                )
            ],
        )

    @staticmethod
    def reader(keys: list[str], table: ReportTable) -> dict[str, Cell | Suppressed]:
        return {key: row[1] for key, row in zip(keys, table.rows, strict=True)}


def _figures(
    finished: int, counts, sectors: dict[str, int], others: list, own: dict[str, str]
) -> _Figures:
    """The rows of the results list. `own`: a programme's own name of a kind of outcome,
    shown instead of the product's wording."""
    figures = _Figures()
    figures.add("finished", _("Finished the trajectory"), finished, main=True)
    figures.add(
        "housing",
        own.get(OutcomeKind.HOUSING_FOUND, _("Found good housing")),
        counts.housing,
        main=True,
    )
    figures.add("work", own.get(OutcomeKind.PAID_WORK, _("Found work")), counts.work, main=True)
    figures.add("work_full_time", _("– full-time"), counts.work_full_time)
    figures.add("work_part_time", _("– part-time"), counts.work_part_time)
    figures.add("welfare_ended", _("– fully out of welfare (bijstand)"), counts.welfare_ended)
    figures.add("welfare_reduced", _("– mostly out of welfare (bijstand)"), counts.welfare_reduced)
    business = own.get(OutcomeKind.BUSINESS_STARTED, _("Started an own business"))
    figures.add("business", business, counts.business, main=True)
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
    young = own.get(OutcomeKind.BACK_TO_SCHOOL, _("Young people back at school"))
    figures.add("young", young, counts.young, main=True)
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
        label = own.get(step, str(OutcomeKind(step).label).capitalize())
        figures.add(f"step_{step}", label, counts.steps[step])
    for code, label, value in others:
        figures.add(f"other_{code}", label, value)
    return figures


# After how many months after closure the results list asks whether a result still holds.
LASTED_MONTHS = 12


def _lasted_table(figures: _Figures, lasted: dict[str, tuple[int, int, int]]) -> ReportTable:
    """Beside each result (and step) the households it still holds for 12 months after
    closure, those it no longer holds for, and those not known yet or not reachable, so the
    share is honest. "Reached" is the same number as the result's row in the figures."""
    rows: list[list[Cell | Suppressed]] = []
    measures: dict[Position, str] = {}
    for key, row in zip(figures.keys, figures.rows, strict=True):
        if key not in lasted or not lasted[key][0]:
            continue
        reached, holds, lost = lasted[key]
        measures[(len(rows), 1)] = key
        rows.append([row[0], reached, holds, lost, reached - holds - lost])
    return ReportTable(
        caption=_("Did it last? 12 months after closure"),
        columns=[
            _("Outcome"),
            _("Reached"),
            _("Still holds after 12 months"),
            _("No longer holds"),
            _("Not known yet or not reachable"),
        ],
        rows=rows,
        count_columns=frozenset({1, 2, 3, 4}),
        total_columns=frozenset({1}),
        measures=measures,
        notes=[
            _(
                "Twelve months after closure the coordinator (or the participant herself) "
                "records whether each outcome still holds. A household counts as holding a "
                "result when one of its outcomes of that kind still holds."
            )
        ],
    )


def lasted_sentence(table: ReportTable) -> str:
    """ "Twelve months after closure: found good housing 2 → still holds 2 (0 no longer, 0 not
    known yet or not reachable); …" From the (suppressed) table."""
    if not table.rows:
        return ""
    parts = [
        _(
            "%(outcome)s %(reached)s → still holds %(holds)s (%(lost)s no longer, %(unknown)s "
            "not known yet or not reachable)"
        )
        % {
            "outcome": f"{str(row[0])[:1].lower()}{str(row[0])[1:]}",
            "reached": spoken(row[1]),
            "holds": spoken(row[2]),
            "lost": spoken(row[3]),
            "unknown": spoken(row[4]),
        }
        for row in table.rows
    ]
    return _("Did it last? Twelve months after closure: %(parts)s.") % {"parts": "; ".join(parts)}


def _work_line(f: dict) -> str:
    n = _n(f["work"])
    fully, mostly = f.get("welfare_ended", 0), f.get("welfare_reduced", 0)
    if _shown(fully) and _shown(mostly):
        welfare = ngettext(
            " and so is fully (%(fully)s) or mostly (%(mostly)s) out of welfare (bijstand)",
            " and so are fully (%(fully)s) or mostly (%(mostly)s) out of welfare (bijstand)",
            n,
        ) % {"fully": fully, "mostly": mostly}
    elif _shown(fully):
        welfare = ngettext(
            " and so is fully (%(fully)s) out of welfare (bijstand)",
            " and so are fully (%(fully)s) out of welfare (bijstand)",
            n,
        ) % {"fully": fully}
    elif _shown(mostly):
        welfare = ngettext(
            " and so is mostly (%(mostly)s) out of welfare (bijstand)",
            " and so are mostly (%(mostly)s) out of welfare (bijstand)",
            n,
        ) % {"mostly": mostly}
    else:
        welfare = ""
    return ngettext(
        "%(count)s participant found work%(welfare)s",
        "%(count)s participants found work%(welfare)s",
        n,
    ) % {"count": spoken(f["work"], noun=True), "welfare": welfare}


def _business_line(f: dict) -> str:
    sectors = [s for s in Sector if _shown(f.get(f"sector_{s}", 0))]
    if len(sectors) == 1:
        where = f" {SECTOR_PHRASES[sectors[0]]}"
    elif sectors:
        where = " " + _and([f"{SECTOR_PHRASES[s]} ({f[f'sector_{s}']})" for s in sectors])
    else:
        where = ""
    return ngettext(
        "%(count)s participant started their own business%(where)s",
        "%(count)s participants started their own business%(where)s",
        _n(f["business"]),
    ) % {"count": spoken(f["business"], noun=True), "where": where}


def _education_line(f: dict) -> str:
    levels = [
        f"{LEVEL_NAMES[level]} ({f[f'level_{level}']})"
        for level in Level
        if f"level_{level}" in f and _shown(f[f"level_{level}"])
    ]
    at = _(" at %(levels)s level") % {"levels": _and(levels, _("or"))} if levels else ""
    return ngettext(
        "%(count)s participant follows education%(at)s",
        "%(count)s participants follow education%(at)s",
        _n(f["education"]),
    ) % {"count": spoken(f["education"], noun=True), "at": at}


def _young_line(f: dict) -> str:
    if f["young"] == 1:
        parts = [_("the young participant went back to school")]
        if f.get("young_part_time"):
            parts.append(_("has part-time work"))
        elif f.get("young_work"):
            parts.append(_("has work"))
        diplomas = [level for level in Level if f.get(f"young_diploma_{level}")]
        if diplomas:
            parts.append(_("earns their %(level)s diploma") % {"level": LEVEL_NAMES[diplomas[0]]})
        return _and(parts)
    line = ngettext(
        "%(count)s young participant went back to school",
        "%(count)s young participants went back to school",
        _n(f["young"]),
    ) % {"count": spoken(f["young"], noun=True)}
    return line + _(" (%(work)s with work, %(diploma)s with a diploma)") % {
        "work": spoken(f.get("young_work", 0)),
        "diploma": spoken(f.get("young_diplomas", 0)),
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
                "%(count)s participant found good housing",
                "%(count)s participants found good housing",
                _n(f["housing"]),
            )
            % {"count": spoken(f["housing"], noun=True)}
        )
    if _shown(f["work"]):
        lines.append(_work_line(f))
    if _shown(f["business"]):
        lines.append(_business_line(f))
    if _shown(f["education"]):
        lines.append(_education_line(f))
    if _shown(f["young"]):
        lines.append(_young_line(f))
    if isinstance(finished, Suppressed):
        opening = _("Of the participants who finished (how many is hidden)")
    else:
        opening = ngettext(
            "Of the %(count)s participant who finished",
            "Of the %(count)s participants who finished",
            finished,
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


def _reasons(reasons: ReportTable, column: int) -> str:
    """ "health reasons: 1, moved out of the area: 1" from a column of the reasons table."""
    return ", ".join(
        f"{str(row[0])[:1].lower()}{str(row[0])[1:]}: {row[column]}"
        for row in reasons.rows[:-1]
        if _shown(row[column])
    )


def participation_sentence(places: ReportTable, reasons: ReportTable) -> str:
    """ "20 households took part; 17 finished the trajectory; 3 stopped early: 1 before their
    year began (…) and 2 during the year (…); 0 are still taking part." From the (suppressed)
    tables, so it says what they say and adds up as they do."""
    finished, before, during, running, took_part = (row[1] for row in places.rows)
    stopped = reasons.rows[-1][3]
    before_words = ngettext(
        "%(count)s before their year began", "%(count)s before their year began", _n(before)
    ) % {"count": spoken(before)}
    if _reasons(reasons, 1):
        before_words += f" ({_reasons(reasons, 1)})"
    during_words = ngettext(
        "%(count)s during the year", "%(count)s during the year", _n(during)
    ) % {"count": spoken(during)}
    if _reasons(reasons, 2):
        during_words += f" ({_reasons(reasons, 2)})"
    parts = [
        ngettext("%(count)s household took part", "%(count)s households took part", _n(took_part))
        % {"count": spoken(took_part, noun=True)},
        ngettext(
            "%(count)s finished the trajectory", "%(count)s finished the trajectory", _n(finished)
        )
        % {"count": spoken(finished)},
        ngettext(
            "%(count)s stopped early: %(before)s and %(during)s",
            "%(count)s stopped early: %(before)s and %(during)s",
            _n(stopped),
        )
        % {"count": spoken(stopped), "before": before_words, "during": during_words},
        ngettext("%(count)s is still taking part", "%(count)s are still taking part", _n(running))
        % {"count": spoken(running)},
    ]
    return "; ".join(parts) + "."


def _period(
    cohort: Cohort, programme: Programme, areas: list[Area], programme_areas: list[Area] | None
) -> str:
    period = _("referred in %(years)s") % {"years": cohort.years}
    if not areas:
        return period
    if programme_areas is None:
        programme_areas = list(programme.areas.all())
    if {a.pk for a in areas} != {a.pk for a in programme_areas}:
        period += ", " + ", ".join(a.name for a in areas)
    return period


def _places_table(c: CohortCounts) -> ReportTable:
    took_part = _("Took part")
    return ReportTable(
        caption=_("Where the households stand"),
        columns=[_("Households"), _("Number")],
        rows=[
            [_("Finished the trajectory"), c.finished],
            [_("Stopped before their year began"), c.stopped_before],
            [_("Stopped during the year"), c.stopped_during],
            [_("Still taking part"), c.running],
            [took_part, c.took_part],
        ],
        count_columns=frozenset({1}),
        total_labels=frozenset({took_part}),
        measures={
            (0, 1): "finished",
            (1, 1): "stopped_before",
            (2, 1): "stopped_during",
            (3, 1): "running",
            (4, 1): "took_part",
        },
    )


def _reasons_table(c: CohortCounts) -> ReportTable:
    total = _("Total")
    rows: list[list[Cell | Suppressed]] = []
    for reason in DropOutReason:
        before, during = c.reasons_before.get(reason, 0), c.reasons_during.get(reason, 0)
        if before or during:
            rows.append([str(reason.label).capitalize(), before, during, before + during])
    rows.append([total, c.stopped_before, c.stopped_during, c.stopped])
    last = len(rows) - 1
    return ReportTable(
        caption=_("Stopped early, by reason"),
        columns=[_("Reason"), _("Before their year began"), _("During the year"), _("Total")],
        rows=rows,
        count_columns=frozenset({1, 2, 3}),
        total_labels=frozenset({total}),
        total_columns=frozenset({3}),
        measures={(last, 1): "stopped_before", (last, 2): "stopped_during", (last, 3): "stopped"},
    )


def _running_table(c: CohortCounts) -> ReportTable:
    total = _("Still taking part")
    return ReportTable(
        caption=_("Still taking part, by phase"),
        columns=[_("Phase"), _("Households")],
        rows=[
            [_("Waiting for their year to begin"), c.waiting],
            [_("In their active year"), c.in_year],
            [_("In aftercare"), c.aftercare],
            [total, c.running],
        ],
        count_columns=frozenset({1}),
        total_labels=frozenset({total}),
        measures={(3, 1): "running"},
    )


def _extended_table(c: CohortCounts, e: ExtendedCounts) -> ReportTable:
    """Of those who finished, stopped during the year or still take part: how many had their
    year or aftercare extended. Apart from the places, which count from the year's start."""
    total = _("Total")
    rows: list[list[Cell | Suppressed]] = [
        [_("Finished the trajectory"), c.finished, e.finished],
        [_("Stopped during the year"), c.stopped_during, e.stopped_during],
        [_("Still taking part"), c.running, e.running],
    ]
    rows.append([total, *(sum(row[i] for row in rows) for i in (1, 2))])  # type: ignore[misc]
    return ReportTable(
        caption=_("Extended years and aftercare"),
        columns=[_("Households"), _("Number"), _("Of which extended")],
        rows=rows,
        count_columns=frozenset({1, 2}),
        total_labels=frozenset({total}),
        # Each "of which extended" is at most the households of its row.
        relations=[Relation(total=(r, 1), parts=((r, 2),), exact=False) for r in range(3)],
        measures={(0, 1): "finished", (1, 1): "stopped_during", (2, 1): "running"},
        notes=[
            _(
                "A coordinator may extend the active year or the aftercare when the household "
                "needs it. Every figure still counts from the year's start."
            )
        ],
    )


def _per_household_table(
    caption: str, heading: str, labels: list[tuple[object, str]], found: dict
) -> ReportTable:
    """Where the cohort's households stand, a row per kind of household, then the totals."""
    total = _("Total")
    nothing = {"finished": 0, "stopped_before": 0, "stopped_during": 0}
    rows: list[list[Cell | Suppressed]] = []
    for value, label in labels:
        c = found.get(value, nothing | {"took_part": 0})
        stopped = c["stopped_before"] + c["stopped_during"]
        rows.append([label, c["finished"], stopped, c["took_part"] - c["finished"] - stopped])
        rows[-1].append(c["took_part"])
    rows.append([total, *(sum(row[i] for row in rows) for i in (1, 2, 3, 4))])  # type: ignore[misc]
    last = len(rows) - 1
    return ReportTable(
        caption=caption,
        columns=[
            heading,
            _("Finished"),
            _("Stopped early"),
            _("Still taking part"),
            _("Took part"),
        ],
        rows=rows,
        count_columns=frozenset({1, 2, 3, 4}),
        total_labels=frozenset({total}),
        total_columns=frozenset({4}),
        measures={
            (last, 1): "finished",
            (last, 2): "stopped",
            (last, 3): "running",
            (last, 4): "took_part",
        },
    )


def _household_type_tables(breakdown: CohortBreakdown) -> list[ReportTable]:
    """Whom the programme reaches: per household type, and working poor or not."""
    types = [(kind.value, str(kind.label).capitalize()) for kind in HouseholdType]
    types.append((NOT_RECORDED, _("Not recorded")))
    working_poor = [(True, _("Yes")), (False, _("No")), (None, _("Not recorded"))]
    return [
        _per_household_table(
            _("Who took part, by household type"),
            _("Household type"),
            types,
            breakdown.per_household_type,
        ),
        _per_household_table(
            _("Working poor: paid work, yet not enough income"),
            _("Working poor"),
            working_poor,
            breakdown.per_working_poor,
        ),
    ]


def extended_sentence(table: ReportTable) -> str:
    """ "Extended: 3 of those who finished, …" from the (suppressed) extended table."""
    finished, during, running = (row[2] for row in table.rows[:3])
    if not any(_shown(cell) for cell in (finished, during, running)):
        return _("No household had its year or aftercare extended.")
    return _(
        "The year or the aftercare was extended for %(finished)s of those who finished, "
        "%(during)s of those who stopped during the year and %(running)s of those still "
        "taking part."
    ) % {"finished": spoken(finished), "during": spoken(during), "running": spoken(running)}


def results_report(
    *,
    programme: Programme,
    areas: list[Area] | None,
    cohort: Cohort,
    threshold: int | None = None,
    pattern: frozenset[tuple[int, int, int]] | None = None,
    programme_areas: list[Area] | None = None,
) -> Report:
    """The results list of a cohort of a programme's areas (all when none given): where its
    households stand on the cohort's day, and what those who finished reached. With a
    `threshold`, small counts are suppressed in the tables and in the text alike (for funders).
    A fixed number of queries."""
    areas = list(areas or [])
    trajectories = _trajectories(programme, areas)
    breakdown = cohort_breakdown(trajectories, cohort)
    counts = breakdown.counts
    finished = trajectories.filter(
        referred_on__range=(cohort.since, cohort.until),
        phase=Phase.CLOSED,
        ended_on__lte=cohort.on,
    )
    types = outcome_types(programme, active_only=False)
    other_types = [t for t in types if t.kind == OutcomeKind.OTHER]
    counted = _outcome_figures(finished, [t.code for t in other_types])
    others = [
        (t.code, str(t.label).capitalize(), counted.per_code.get(t.code, 0)) for t in other_types
    ]
    # A programme's own wording of a kind (the first type of that kind that has one).
    own: dict[str, str] = {}
    for t in types:
        if t.name and t.kind != OutcomeKind.OTHER:
            own.setdefault(t.kind, str(t.label).capitalize())
    figures = _figures(counts.finished, counted.results, counted.sectors, others, own)

    tables = [_places_table(counts), _reasons_table(counts)]
    if counts.running:
        tables.append(_running_table(counts))
    tables.append(figures.table(_("The results list in figures")))
    tables.append(_lasted_table(figures, counted.lasted))
    # Whom the figures are about: extended journeys apart, and the kinds of household.
    tables.append(_extended_table(counts, breakdown.extended))
    tables += _household_type_tables(breakdown)
    note = ""
    if threshold is not None:
        # `pattern`: the cells to hide, worked out with the audience's other selections.
        if pattern is not None:
            tables = apply_pattern(tables, pattern, threshold)
        else:
            tables = suppress_together(tables, threshold)
        note = suppression_note(threshold)
    places, reasons = tables[0], tables[1]
    in_figures, lasted_figures, extended = tables[-5], tables[-4], tables[-3]

    f = _Figures.reader(figures.keys, in_figures)
    labels = dict(zip(figures.keys, [row[0] for row in figures.rows], strict=True))
    paragraphs = [
        # A sentence may start with a hidden count: "Een verborgen aantal huishoudens …".
        f"{cohort.definition()} {capfirst(participation_sentence(places, reasons))}",
        results_sentence(f),
    ]
    steps = steps_sentence(f, labels)
    if steps:
        paragraphs.append(steps)
    if lasted_sentence(lasted_figures):
        paragraphs.append(lasted_sentence(lasted_figures))
    paragraphs.append(extended_sentence(extended))
    return Report(
        title=_("Results"),
        programme=programme.name,
        period=_period(cohort, programme, areas, programme_areas),
        paragraphs=paragraphs,
        tables=tables,
        suppression_note=note,
    )
