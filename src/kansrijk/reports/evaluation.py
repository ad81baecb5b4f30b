"""The participants' evaluation in figures: how many were asked, how many answered, and their
marks in bands. Never a word they wrote: the answers in words stay with the coordinator.

Those who finished and those who stopped during the year are counted apart: a mark after a
year that ended early says something else. The table goes through the dashboard's suppression
with the others; its average mark is shown only while none of its counts is hidden (an average
times the answers is a sum, which could give a hidden band back).
"""

from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext as _

from kansrijk.evaluations.choices import MARK_BANDS
from kansrijk.evaluations.selectors import evaluation_counts

from .formatting import number
from .scope import Scope
from .selectors import _in_period, trajectories_in
from .tables import Cell, Relation, ReportTable, Suppressed

# Rows of the table: invited, answered, then one per band of marks.
INVITED, ANSWERED, FIRST_BAND = 0, 1, 2


def _band_label(low: int, high: int) -> str:
    if low == high:
        return _("Mark %(mark)s") % {"mark": low}
    return _("Mark %(low)s–%(high)s") % {"low": low, "high": high}


def _average(mark_total: int, answered: int) -> str:
    if not answered:
        return "–"
    return number((Decimal(mark_total) / answered).quantize(Decimal("0.1")))


def evaluation_table(scope: Scope, finished_measure: str) -> ReportTable:
    """Of the journeys that ended in the period (per way of ending): invited, answered and the
    marks in bands; before suppression. One query. `finished_measure` names the count of
    journeys that finished in the period, which the households table shows too."""
    ended = trajectories_in(scope.areas).filter(_in_period("ended_on", scope.since, scope.until))
    counts = evaluation_counts(ended)
    finished, stopped = counts["finished"], counts["stopped"]

    def row(label: str, a: int, b: int) -> list[Cell | Suppressed]:
        return [label, a, b, a + b]

    rows = [
        row(_("Invited to evaluate"), finished.invited, stopped.invited),
        row(_("Answered"), finished.answered, stopped.answered),
        *(
            row(_band_label(low, high), finished.bands[i], stopped.bands[i])
            for i, (low, high) in enumerate(MARK_BANDS)
        ),
    ]
    bands = tuple(range(FIRST_BAND, FIRST_BAND + len(MARK_BANDS)))
    relations = []
    for column in (1, 2, 3):
        relations.append(Relation((ANSWERED, column), tuple((r, column) for r in bands)))
        relations.append(Relation((INVITED, column), ((ANSWERED, column),), exact=False))
    return ReportTable(
        caption=_("The participants' evaluation"),
        columns=[_("Evaluation"), _("Finished"), _("Stopped during the year"), _("Total")],
        rows=rows,
        count_columns=frozenset({1, 2, 3}),
        total_columns=frozenset({3}),
        relations=relations,
        measures={(INVITED, 1): finished_measure},
        notes=[
            _(
                "Participants whose journey ended in the period, after their year with a buddy "
                "began, are asked for a mark from 1 to 10 and their view in words. Only the "
                "coordinator reads the words."
            ),
            _("Average mark: %(finished)s finished, %(stopped)s stopped, %(all)s in all.")
            % {
                "finished": _average(finished.mark_total, finished.answered),
                "stopped": _average(stopped.mark_total, stopped.answered),
                "all": _average(
                    finished.mark_total + stopped.mark_total, finished.answered + stopped.answered
                ),
            },
        ],
    )


def average_hidden_with_its_counts(table: ReportTable) -> ReportTable:
    """The average marks go when any count of the table is hidden."""
    if not any(isinstance(cell, Suppressed) for row in table.rows for cell in row[1:]):
        return table
    hidden = _("Average mark: hidden with the counts.")
    return replace(table, notes=[*table.notes[:-1], hidden])
