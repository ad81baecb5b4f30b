"""Small-cell suppression: what funders and evaluators see of a table of counts.

A count of people below the programme's threshold could point at a person in a small area, so it
is shown as "< threshold" (a `Suppressed` cell). Hiding one cell is not enough when the table also
shows a total: the hidden value would be the total minus the other cells. So in every line that
adds up (a column with a total row, a row with a total column) that holds exactly one hidden cell,
the next-smallest visible cell of that line is hidden too, and this repeats until no line holds a
single hidden cell.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from .tables import ReportTable, Suppressed

DEFAULT_THRESHOLD = 5

Position = tuple[int, int]  # (row index, column index)


@dataclass(frozen=True)
class Hidden(Suppressed):
    """A figure computed from a hidden count (a share, an average, an amount): "hidden", since
    "< 5" would read as its value."""

    def __str__(self) -> str:
        return _("hidden")


def suppress(table: ReportTable, threshold: int) -> ReportTable:
    """A copy of `table` with small counts, and the cells that would give them away, hidden.

    Only integer cells in `table.count_columns` are touched; zero is shown (it points at nobody).
    A cell computed from a hidden count (`table.derived_columns`: a share, an average) is hidden
    with it.
    A threshold of 1 or less hides nothing.
    """
    rows = [list(row) for row in table.rows]
    if threshold <= 1:
        return replace(table, rows=rows)
    hidden = {
        (r, c)
        for r, row in enumerate(rows)
        for c in table.count_columns
        if _is_count(row, c) and 0 < row[c] < threshold
    }
    lines = list(_additive_lines(table, rows))
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for cell in line if cell in hidden) != 1:
                continue
            partner = _next_smallest(rows, [cell for cell in line if cell not in hidden])
            if partner is not None:
                hidden.add(partner)
                changed = True
    for r, c in hidden:
        rows[r][c] = Suppressed(threshold)
        for derived, source in table.derived_columns.items():
            if source == c and derived < len(rows[r]):
                rows[r][derived] = Hidden(threshold)
    return replace(table, rows=rows)


def suppression_note(threshold: int) -> str:
    """The sentence every suppressed report carries."""
    return _(
        "Counts below %(threshold)s are shown as “< %(threshold)s”, and so is a second count "
        "that would give them away through a total."
    ) % {"threshold": threshold}


def threshold_for(programme) -> int:
    """The programme's suppression threshold (set on its report settings), default 5."""
    from .models import ReportSettings

    value = (
        ReportSettings.objects.filter(programme=programme)
        .values_list("suppression_threshold", flat=True)
        .first()
    )
    return value if value is not None else DEFAULT_THRESHOLD


def _is_count(row: list, column: int) -> bool:
    value = row[column] if column < len(row) else None
    return isinstance(value, int) and not isinstance(value, bool)


def _additive_lines(table: ReportTable, rows: list[list]) -> Iterator[list[Position]]:
    """Sets of cells of which one is the sum of the others.

    A total row adds up the ordinary rows since the previous total row (all rows above it when it
    is the only one); a total column adds up the row's other count columns.
    """
    group: list[int] = []
    for r, row in enumerate(rows):
        if str(row[0]) in table.total_labels:
            for c in table.count_columns:
                line = [(g, c) for g in group if _is_count(rows[g], c)]
                if line and _is_count(row, c):
                    yield [*line, (r, c)]
            group = []
        else:
            group.append(r)
    parts = sorted(table.count_columns - table.total_columns)
    for r, row in enumerate(rows):
        for t in table.total_columns:
            line = [(r, c) for c in parts if _is_count(row, c)]
            if line and _is_count(row, t):
                yield [*line, (r, t)]


def _next_smallest(rows: list[list], cells: list[Position]) -> Position | None:
    """The visible cell to hide beside a lone hidden one: the smallest non-zero count first."""
    if not cells:
        return None
    return min(cells, key=lambda rc: (rows[rc[0]][rc[1]] == 0, rows[rc[0]][rc[1]], rc))
