"""The programme dashboard as one `Report`: the page draws it, the downloads write it.

Coordinators get exact counts; funders and evaluators get the same tables after `suppress`, so a
small count (and any figure that would give it away) shows as "hidden" on the page and in every file.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kansrijk.academy.selectors import academy_figures
from kansrijk.core.dates import long_date, today
from kansrijk.people.models import Area

from .cohort import Cohort, place_counts
from .disclosure import apply_pattern
from .evaluation import average_hidden_with_its_counts, evaluation_table
from .formatting import Percent, cell_text, euros, number
from .reach import Reach, reach_counts, reach_from, reach_sentence, reach_table
from .scope import Scope
from .selectors import (
    LEAD_TIME_SPANS,
    MatchEndings,
    buddy_load,
    domain_changes,
    doorbraak_figures,
    journey_per_area,
    match_ending_counts,
    trajectories_in,
)
from .suppression import suppress_together, suppression_note
from .tables import Cell, Report, ReportTable, Suppressed, spoken

# Published evaluations of mentoring programmes find that this share of matches ends early.
PUBLISHED_EARLY_ENDING = "31–38%"


@dataclass(frozen=True)
class Audience:
    """Who reads the report: exact figures, or suppressed below `threshold`."""

    exact: bool
    threshold: int
    # The cells to hide, when they were worked out together with the other selections the
    # audience can ask for (`views`); without it, the report's own tables are protected.
    pattern: frozenset[tuple[int, int, int]] | None = None

    def protect(self, tables: list[ReportTable]) -> list[ReportTable]:
        if self.exact:
            return tables
        if self.pattern is not None:
            return apply_pattern(tables, self.pattern, self.threshold)
        return suppress_together(tables, self.threshold)


def dashboard_report(scope: Scope, audience: Audience, cohort: Cohort) -> Report:
    """Every figure of the dashboard for this scope and cohort, in a fixed number of queries."""
    report = Report(
        title=_("Programme report"),
        programme=scope.programme.name,
        period=scope.period,
        paragraphs=[
            _(
                "Counts of households and buddies only: this report never names a person. "
                "Phases are counted on %(day)s, the last day of the period."
            )
            % {"day": long_date(scope.until)}
        ],
    )
    per_area = area_counts(scope, cohort)
    tables = [
        _journeys_table(scope),
        _cohort_table(per_area.cohort),
        reach_table(per_area.reach),
        _endings_table(per_area.endings),
        _domains_table(scope),
        _doorbraak_table(scope, audience),
        _buddies_table(scope),
        _academy_table(scope),
        evaluation_table(scope, finished_measure=f"{PERIOD}finished"),
    ]
    tables = audience.protect(tables)
    if not audience.exact:
        report.suppression_note = suppression_note(audience.threshold)
        tables[5] = _median_hidden_with_its_cases(tables[5])
        tables[6] = _average_hidden_with_its_buddies(tables[6])
        tables[8] = average_hidden_with_its_counts(tables[8])
    report.tables = tables
    report.paragraphs.append(_cohort_sentence(cohort, tables[1]))
    report.paragraphs.append(reach_sentence(per_area.reach, tables[2].rows[-1][2]))
    report.paragraphs.append(_early_ending_sentence(tables[3]))
    return report


@dataclass(frozen=True)
class CohortPerArea:
    """Per area (by name) of the scope: the cohort's households by where they stand."""

    cohort: Cohort
    rows: list[tuple[Area, dict[str, int]]]


@dataclass(frozen=True)
class AreaCounts:
    """The dashboard's counts of trajectories that one pass over the programme's areas gives."""

    reach: Reach
    cohort: CohortPerArea
    endings: MatchEndings


def area_counts(scope: Scope, cohort: Cohort) -> AreaCounts:
    """The reach (every area of the programme), where the cohort stands and how the matches
    of the period ended (the scope's areas): one grouped query over the programme's
    trajectories, instead of one for each, which read the same rows three times."""
    all_areas = scope.all_areas()
    places = place_counts(cohort)
    counts = {
        **reach_counts(scope.last_year, scope.until),
        **match_ending_counts(since=scope.since, until=scope.until, on=today()),
        **{f"cohort_{name}": count for name, count in places.items()},
    }
    rows = trajectories_in(all_areas).values("household__area").annotate(**counts)
    by_area = {row.pop("household__area"): row for row in rows}
    chosen = [by_area.get(area.pk, {}) for area in scope.areas]
    cohort_rows = []
    for area in sorted(scope.areas, key=lambda a: a.name):
        row = by_area.get(area.pk)
        found = {name: row[f"cohort_{name}"] for name in places} if row else None
        cohort_rows.append((area, found or dict.fromkeys(places, 0)))
    return AreaCounts(
        reach=reach_from(
            scope.programme, all_areas, by_area, year=scope.last_year, until=scope.until
        ),
        cohort=CohortPerArea(cohort=cohort, rows=cohort_rows),
        endings=MatchEndings(
            over=sum(row.get("over", 0) for row in chosen),
            ended_early=sum(row.get("early", 0) for row in chosen),
        ),
    )


# The names of counts over a period (what ended in it, who took part in it), shared by the
# dashboard and the costs and benefits, so that the auditor sees one number where both show it.
PERIOD = "period_"


def journeys_per_area_table(
    areas: QuerySet[Area],
    *,
    since: dt.date | None,
    until: dt.date,
    caption: str,
    area_heading: str,
    counts: Sequence[tuple[str, str]],
    total: str,
    notes: Sequence[str] = (),
    measures: dict[str, str] | None = None,
) -> ReportTable:
    """A row per area (by name) with the journey counts named in `counts` (a name of
    `selectors.journey_counts` and its column heading), then a row of totals; before
    suppression. Two queries."""
    found = journey_per_area(areas, since=since, until=until)
    names = [name for name, _heading in counts]
    rows: list[list[Cell | Suppressed]] = [[a.name, *(getattr(a, n) for n in names)] for a in found]
    rows.append([total, *(sum(getattr(a, n) for a in found) for n in names)])
    last = len(rows) - 1
    return ReportTable(
        caption=caption,
        columns=[area_heading, *(heading for _name, heading in counts)],
        rows=rows,
        count_columns=frozenset(range(1, len(names) + 1)),
        total_labels=frozenset({total}),
        notes=list(notes),
        # `measures`: the name of a count's total, where another table shows the same number.
        measures={
            (last, names.index(name) + 1): measure for name, measure in (measures or {}).items()
        },
    )


def _journeys_table(scope: Scope) -> ReportTable:
    return journeys_per_area_table(
        Area.objects.filter(pk__in=[a.pk for a in scope.areas]),
        since=scope.since,
        until=scope.until,
        caption=_("Households per area"),
        area_heading=_("Area"),
        counts=[
            ("waiting", _("Waiting for a buddy")),
            ("active", _("In the active year")),
            ("aftercare", _("In aftercare")),
            ("started", _("Started in the period")),
            ("finished", _("Finished in the period")),
            ("dropped_out", _("Dropped out in the period")),
        ],
        total=_("Total"),
        measures={"finished": f"{PERIOD}finished", "dropped_out": f"{PERIOD}stopped"},
        notes=[
            _(
                "Waiting, active year and aftercare: on the last day of the period. Started, "
                "finished and dropped out: during the period."
            )
        ],
    )


def _cohort_table(per_area: "CohortPerArea") -> ReportTable:
    """Per area, where the cohort's households stand: the four places add up to "took part"."""
    cohort = per_area.cohort
    names = ["finished", "stopped_before", "stopped_during", "running", "took_part"]
    counts = [
        (
            area.name,
            [
                c["finished"],
                c["stopped_before"],
                c["stopped_during"],
                c["waiting"] + c["in_year"] + c["aftercare"],
                c["took_part"],
            ],
        )
        for area, c in per_area.rows
    ]
    total = _("Total")
    totals = [sum(numbers[i] for _name, numbers in counts) for i in range(len(names))]
    rows: list[list[Cell | Suppressed]] = [[name, *numbers] for name, numbers in counts]
    rows.append([total, *totals])
    last = len(rows) - 1
    return ReportTable(
        caption=_("Cohort %(years)s: where the households stand") % {"years": cohort.years},
        columns=[
            _("Area"),
            _("Finished"),
            _("Stopped before their year began"),
            _("Stopped during the year"),
            _("Still taking part"),
            _("Took part"),
        ],
        rows=rows,
        count_columns=frozenset({1, 2, 3, 4, 5}),
        total_labels=frozenset({total}),
        total_columns=frozenset({5}),
        measures={(last, c): name for c, name in enumerate(names, start=1)},
        notes=[cohort.definition()],
    )


def _cohort_sentence(cohort: Cohort, table: ReportTable) -> str:
    """ "Cohort 2019: 20 households took part = 17 finished + 1 stopped before … + 0 still
    taking part." From the (suppressed) totals row."""
    finished, before, during, running, took_part = table.rows[-1][1:6]
    return _(
        "Cohort %(years)s: %(took_part)s households took part = %(finished)s finished + "
        "%(before)s stopped before their year began + %(during)s stopped during the year + "
        "%(running)s still taking part."
    ) % {
        "years": cohort.years,
        "took_part": spoken(took_part, noun=True),
        "finished": spoken(finished),
        "before": spoken(before),
        "during": spoken(during),
        "running": spoken(running),
    }


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _share(part: int, whole: int) -> Percent | str:
    return Percent.of(part, whole) if whole else "–"


def _endings_table(endings) -> ReportTable:
    total = _("Matches whose first 12 months are over")
    return ReportTable(
        caption=_("Completion and early ending"),
        columns=[_("Matches"), _("Number"), _("Share")],
        rows=[
            [_("Completed 12 months"), endings.completed, _share(endings.completed, endings.over)],
            [
                _("Ended before 12 months"),
                endings.ended_early,
                _share(endings.ended_early, endings.over),
            ],
            [total, endings.over, _share(endings.over, endings.over)],
        ],
        count_columns=frozenset({1}),
        total_labels=frozenset({total}),
        derived_columns={2: 1},
        notes=[
            _(
                "Counted over the matches that began in the period and whose first 12 months "
                "are over today, or that ended sooner."
            )
        ],
    )


def _early_ending_sentence(table: ReportTable) -> str:
    share = table.rows[1][2]
    if isinstance(share, Suppressed):
        # Nothing of the hidden count, not even "fewer than 5": it may be hidden only because
        # it would give a small one away.
        return _(
            "Early ending: hidden here, like every figure from which a small number could be "
            "worked out. Published studies of mentoring programmes find %(published)s; lower "
            "is better."
        ) % {"published": PUBLISHED_EARLY_ENDING}
    return _(
        "Early ending: %(share)s of matches ended before 12 months. Published studies of "
        "mentoring programmes find %(published)s; lower is better."
    ) % {"share": cell_text(share), "published": PUBLISHED_EARLY_ENDING}


def _domains_table(scope: Scope) -> ReportTable:
    changes = domain_changes(scope.areas, since=scope.since, until=scope.until)
    return ReportTable(
        caption=_("Progress per life domain"),
        columns=[
            _("Life domain"),
            _("Participants"),
            _("Average at the start"),
            _("Average at the end"),
            _("Went up"),
            _("Stayed the same"),
            _("Went down"),
        ],
        rows=[
            [
                c.name,
                c.assessed,
                c.average_start,
                c.average_end,
                c.went_up,
                c.stayed,
                c.went_down,
            ]
            for c in changes
        ],
        count_columns=frozenset({1, 4, 5, 6}),
        total_columns=frozenset({1}),
        derived_columns={2: 1, 3: 1},
        notes=[
            _(
                "Participants whose end assessment was held in the period, start against end. "
                "Levels run from 1 upwards; higher is better."
            )
        ],
    )


def _doorbraak_table(scope: Scope, audience: Audience) -> ReportTable:
    figures = doorbraak_figures(scope.areas, since=scope.since, until=scope.until)
    lower = 0
    rows = []
    for days in LEAD_TIME_SPANS:
        label = _("Solved in %(low)s–%(high)s days") % {"low": lower, "high": days}
        rows.append([label, figures.solved_within[days]])
        lower = days + 1
    rows.append(
        [_("Solved in more than %(days)s days") % {"days": lower - 1}, figures.solved_longer]
    )
    rows.append([_("Not solved yet"), figures.still_open])
    total = _("Cases opened in the period")
    rows.append([total, figures.opened])
    median = (
        "–" if figures.median_days is None else _("%(days)s days") % {"days": figures.median_days}
    )
    costs = _("Costs of the solutions as recorded: € %(costs)s.") % {"costs": euros(figures.costs)}
    if audience.exact:
        costs += " " + _("Recorded on %(n)s of %(total)s cases.") % {
            "n": figures.with_costs,
            "total": figures.opened,
        }
    return ReportTable(
        caption=_("Doorbraak cases and lead times"),
        columns=[_("Cases"), _("Number")],
        rows=rows,
        count_columns=frozenset({1}),
        total_labels=frozenset({total}),
        notes=[
            _("Median lead time from opening to solution: %(median)s.") % {"median": median},
            costs,
        ],
    )


def _median_hidden_with_its_cases(doorbraak: ReportTable) -> ReportTable:
    """The median lead time of a few solved cases could point at one case: it goes when any
    count of solved cases is hidden (and so stays only when they add up in plain sight)."""
    solved_rows = doorbraak.rows[: len(LEAD_TIME_SPANS) + 1]
    if not any(isinstance(row[1], Suppressed) for row in solved_rows):
        return doorbraak
    hidden = _("Median lead time from opening to solution: hidden.")
    return replace(doorbraak, notes=[hidden, *doorbraak.notes[1:]])


def _average_hidden_with_its_buddies(buddies: ReportTable) -> ReportTable:
    """The average load, beside the buddies per load, could give a hidden count of buddies
    back: it goes when any of those counts is hidden."""
    if not any(isinstance(row[1], Suppressed) for row in buddies.rows):
        return buddies
    hidden = _("On the last day of the period. The average load is hidden with the counts.")
    return replace(buddies, notes=[hidden])


def _buddies_table(scope: Scope) -> ReportTable:
    load = buddy_load(scope.programme, scope.areas, on=scope.until)
    total = _("Active buddies")
    average = number(load.average) if load.average is not None else "–"
    return ReportTable(
        caption=_("Buddies and their load"),
        columns=[_("Buddies"), _("Number")],
        rows=[
            [_("Coaching no household"), load.by_households[0]],
            [_("Coaching 1 household"), load.by_households[1]],
            [_("Coaching 2 households"), load.by_households[2]],
            [_("Coaching 3 or more households"), load.by_households[3]],
            [total, load.buddies],
        ],
        count_columns=frozenset({1}),
        total_labels=frozenset({total}),
        notes=[
            _(
                "On the last day of the period. A busy buddy coaches %(average)s households on average."
            )
            % {"average": average}
        ],
    )


def _academy_table(scope: Scope) -> ReportTable:
    figures = academy_figures(scope.programme, since=scope.since, until=scope.until)
    return ReportTable(
        caption=_("Buddy Academie"),
        columns=[_("Training"), _("Number")],
        rows=[
            [_("Sessions the buddies attended"), figures.sessions_held],
            [_("Attendances"), figures.attendances],
            [_("Training hours"), Decimal(figures.training_hours)],
            [_("Buddies trained"), figures.buddies_trained],
            [_("External trainees in the same sessions"), figures.external_trainees],
        ],
        count_columns=frozenset({1}),
        notes=[_("For the whole programme, whatever area is chosen.")],
    )
