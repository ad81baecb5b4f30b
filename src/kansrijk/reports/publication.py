"""A report as its audience may see it: one place for the funder's pages and the API.

`published_all` builds the exact figures of every selection the audience can open for the same
year and hides, together, what would disclose a small count (`disclosure.pages_pattern`); the
pages (`views`, through `published`) and the API's figures (`kansrijk.api`) both call it, so
they show the same cells. The audience's whole set for a year is built once per change of the
programme's figures and kept in the cache (`snapshot`); so is each exact report a coordinator
opens.
"""

import datetime as dt
from dataclasses import replace

from django.http import Http404

from kansrijk.core.dates import today

from . import snapshot
from .cohort import Cohort
from .costbenefit import cost_benefit_report
from .dashboard import Audience, dashboard_report
from .disclosure import pages_pattern
from .results import results_report
from .scope import Scope
from .suppression import threshold_for
from .tables import Report


def audience_for(programme, exact: bool) -> Audience:
    return Audience(exact=exact, threshold=0 if exact else threshold_for(programme))


# Every kind of report a page or a download can ask for.
KINDS = ["dashboard", "results", "cost-benefit"]


def build(kind: str, scope: Scope, cohort: Cohort, audience: Audience) -> Report:
    """One kind of report (one of `KINDS`) as it is, for this audience's pattern."""
    if kind == "dashboard":
        return dashboard_report(scope, audience, cohort)
    if kind == "cost-benefit":
        return cost_benefit_report(scope, audience)
    return results_report(
        programme=scope.programme,
        # None for the whole programme: its period then needs no list of all areas.
        areas=[scope.area] if scope.area else None,
        cohort=cohort,
        threshold=None if audience.exact else audience.threshold,
        pattern=audience.pattern,
        programme_areas=scope.all_areas(),
    )


def _selections(scope: Scope) -> list[Scope]:
    """Every selection the audience can open for the scope's year: all areas, then each area."""
    areas = scope.all_areas()
    return [scope.with_area(None, areas), *(scope.with_area(a, areas) for a in areas)]


def build_published(scope: Scope, cohort: Cohort, audience: Audience) -> snapshot.Built:
    """Every kind of report of every selection of the year as this audience may see them, by
    selection (`snapshot.Built`): the cells to hide are worked out for all of them together."""
    selections = _selections(scope)
    exact = Audience(exact=True, threshold=0)
    patterns = pages_pattern(
        [[build(k, s, cohort, exact).tables for s in selections] for k in KINDS],
        audience.threshold,
    )
    return {
        (selection.area.pk if selection.area else None): [
            build(kind, selection, cohort, replace(audience, pattern=frozenset(patterns[k][i])))
            for k, kind in enumerate(KINDS)
        ]
        for i, selection in enumerate(selections)
    }


def published(kind: str, scope: Scope, cohort: Cohort, audience: Audience) -> Report:
    """The report as this audience may see it (see `published_all`)."""
    return published_all(scope, cohort, audience, kinds=[kind])[0]


def funder_cohort(scope: Scope) -> Cohort:
    """A funder's cohort: the households referred in the year they chose, where they stand at
    the end of the last whole year. Cohorts of their own choosing would overlap, and
    overlapping groups (or one group seen on two days) can be subtracted from each other."""
    last_ended = dt.date(today().year - 1, 12, 31)
    return Cohort(first_year=scope.first_year, last_year=scope.first_year, on=last_ended)


def published_all(
    scope: Scope, cohort: Cohort, audience: Audience, kinds: list[str] = KINDS
) -> list[Report]:
    """The reports of these kinds (all, in `KINDS` order, by default) as this audience may see
    them. Suppressed figures are protected together with everything else the audience can open
    for the same year: every kind of report, for all areas and for each area. So no figure can
    be worked out by laying two pages side by side."""
    if any(kind not in KINDS for kind in kinds):
        raise Http404
    if audience.exact:
        return [
            snapshot.cached_exact(
                kind, scope, cohort, lambda k=kind: build(k, scope, cohort, audience)
            )
            for kind in kinds
        ]
    reports = snapshot.cached(
        scope, cohort, audience, lambda: build_published(scope, cohort, audience)
    )
    return [reports[KINDS.index(kind)] for kind in kinds]
