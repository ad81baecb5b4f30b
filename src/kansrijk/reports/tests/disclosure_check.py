"""One check for every test of suppressed figures: nothing hidden can be worked out again."""

from kansrijk.reports.disclosure import audit
from kansrijk.reports.tables import Report, Suppressed


def hidden_cells(report: Report) -> set[tuple[int, int, int]]:
    return {
        (t, r, c)
        for t, table in enumerate(report.tables)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if isinstance(cell, Suppressed)
    }


def assert_nothing_disclosed(exact: Report, shown: Report, threshold: int) -> None:
    """The audit, run on the exact figures with the cells `shown` hides, finds nothing, and
    every count below the threshold is hidden."""
    hidden = hidden_cells(shown)
    assert not audit(exact.tables, hidden, threshold)
    for t, table in enumerate(exact.tables):
        for r, row in enumerate(table.rows):
            for c in table.count_columns:
                value = row[c] if c < len(row) else None
                if isinstance(value, int) and 0 < value < threshold:
                    assert (t, r, c) in hidden, (table.caption, row[0], value)


def assert_funder_year_discloses_nothing(programme, year: int, threshold: int) -> tuple[int, int]:
    """Every page a funder can open for `year` (every kind, all areas and each area), audited
    together as someone holding all of them would. Answers (counts checked, cells hidden)."""
    from django.http import QueryDict

    from kansrijk.reports.dashboard import Audience
    from kansrijk.reports.disclosure import _cross_links
    from kansrijk.reports.publication import KINDS
    from kansrijk.reports.publication import build as _build
    from kansrijk.reports.publication import funder_cohort as _funder_cohort
    from kansrijk.reports.publication import published as _published
    from kansrijk.reports.scope import scope_from

    scope, _form = scope_from(QueryDict(f"year={year}"), programme, single_year=True)
    areas = list(programme.areas.all())
    selections = [scope.with_area(None, areas), *(scope.with_area(a, areas) for a in areas)]
    funder = Audience(exact=False, threshold=threshold)
    cohort = _funder_cohort(scope)
    tables, hidden, links = [], set(), []
    for kind in KINDS:
        exact = [
            _build(kind, s, cohort, Audience(exact=True, threshold=0)).tables for s in selections
        ]
        offsets = [len(tables) + sum(len(s) for s in exact[:i]) for i in range(len(exact))]
        links.extend(_cross_links(exact, offsets))
        for offset, selection in zip(offsets, selections, strict=True):
            shown = _published(kind, selection, cohort, funder)
            hidden |= {(offset + t, r, c) for t, r, c in hidden_cells(shown)}
        tables.extend(table for selection in exact for table in selection)

    assert not audit(tables, hidden, threshold, links), (programme.slug, year)
    checked = 0
    for t, table in enumerate(tables):
        for r, row in enumerate(table.rows):
            for c in table.count_columns:
                value = row[c] if c < len(row) else None
                if isinstance(value, int) and not isinstance(value, bool):
                    checked += 1
                    if 0 < value < threshold:
                        assert (t, r, c) in hidden, (programme.slug, year, table.caption, row[0])
    return checked, len(hidden)
