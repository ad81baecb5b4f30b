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
