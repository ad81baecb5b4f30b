"""Disclosure control: which counts an audience shown suppressed figures may see, proven.

Hiding the counts below the threshold (the primary cells) is not enough: a total, a sub-row that
adds up to its parent, a published benefit per household or the same figure in another table can
give a hidden count back. So the tables an audience sees together are protected together:

1. `audit` writes everything they publish as one integer linear programme, the way an attacker
   would: every visible count is a known number, every hidden count an unknown whole number of
   at least 0, every sum a reader can see an equation (total rows and columns, `Relation`s,
   cells that share a measure name). For every hidden count it then asks the solver for the
   smallest and the largest value consistent with all of that. A hidden count whose range is
   narrower than the threshold is disclosed.
2. `protect` hides the primary cells, then, while the audit finds a disclosed cell, hides one
   more visible figure that shares an equation with it (a count first, the smallest; else a
   published total or amount), and audits again.

A hidden cell reads "hidden" whatever its value, so the label itself tells nothing (a cell shown
as "< 5" would say its value is 1 to 4). Only equations that hold for the real figures are used:
an attacker's equation must be true, and one that happens to hold counts too.
"""

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np
from django.core.cache import cache
from scipy.optimize import Bounds, LinearConstraint, milp

from .tables import Position, ReportTable, Suppressed

# Above any count a programme holds: a range reaching it is unbounded.
UNBOUNDED = 10**7
# How long an audited pattern is kept. The key is the exact figures themselves, so a change in
# the data is a new key, never a stale answer.
CACHE_SECONDS = 24 * 60 * 60

CellRef = tuple[int, int, int]  # (table index, row, column)
# Across tables: the cell `total` is the sum of the cells `parts` (one part: the same number).
Link = tuple[CellRef, tuple[CellRef, ...]]


@dataclass(frozen=True)
class Disclosed:
    """A hidden count the published figures pin to a range narrower than the threshold."""

    cell: CellRef
    low: float
    high: float


@dataclass
class _Equation:
    """low ≤ Σ weight × variable ≤ high."""

    weights: dict[int, float]
    low: float
    high: float


@dataclass
class _Model:
    """The published figures as variables and equations."""

    values: list[float] = field(default_factory=list)
    is_count: list[bool] = field(default_factory=list)
    cells: dict[int, list[CellRef]] = field(default_factory=lambda: defaultdict(list))
    equations: list[_Equation] = field(default_factory=list)

    def add(self, value: float, is_count: bool) -> int:
        self.values.append(value)
        self.is_count.append(is_count)
        return len(self.values) - 1

    def touching(self, variables: Iterable[int]) -> list[_Equation]:
        """The equations that hold any of `variables` (an index, built once it is asked)."""
        if not hasattr(self, "_by_variable"):
            self._by_variable: dict[int, list[int]] = defaultdict(list)
            for i, equation in enumerate(self.equations):
                for v in equation.weights:
                    self._by_variable[v].append(i)
        found = sorted({i for v in variables for i in self._by_variable.get(v, ())})
        return [self.equations[i] for i in found]


def audit(
    tables: list[ReportTable], hidden: set[CellRef], threshold: int, links: Iterable[Link] = ()
) -> list[Disclosed]:
    """Every hidden count of `tables` (exact figures) that the visible ones pin down."""
    model, variable_of = _model(tables, links)
    hidden_vars = {variable_of[cell] for cell in hidden if cell in variable_of}
    return _disclosed(model, hidden_vars, threshold, set())


def _disclosed(model: _Model, hidden: set[int], threshold: int, safe: set[int]) -> list[Disclosed]:
    """The hidden counts pinned narrower than the threshold.

    `safe` holds the counts already proven to range wide enough, and gains those proven now.
    Hiding one more figure turns a known number into an unknown: every solution that held
    before still holds, so a range can only widen and a count once safe stays safe. A later
    round of the same model therefore solves only for the counts not yet proven safe.

    Every solution the solver finds is a set of figures consistent with everything visible,
    as the real figures are: a count that already takes values at least the threshold apart
    in those solutions is proven safe without a solve of its own."""
    found = []
    seen = _Seen(model)
    for v in sorted(hidden - safe):
        # A hidden zero worked out as zero tells nothing: it points at nobody.
        if not model.is_count[v] or model.values[v] == 0 or seen.spread(v) >= threshold:
            safe.add(v)
            continue
        low, high = _range(model, v, hidden, seen)
        if high - low < threshold:
            found.append(Disclosed(model.cells[v][0], low, high))
        else:
            safe.add(v)
    return found


class _Seen:
    """The smallest and largest value each figure took in the solutions found so far (the
    real figures are one of them)."""

    def __init__(self, model: _Model):
        self.model = model
        self.low: dict[int, float] = {}
        self.high: dict[int, float] = {}

    def spread(self, v: int) -> float:
        real = self.model.values[v]
        return self.high.get(v, real) - self.low.get(v, real)

    def add(self, unknowns: list[int], solution: np.ndarray) -> None:
        for v, value in zip(unknowns, solution, strict=True):
            real = self.model.values[v]
            self.low[v] = min(self.low.get(v, real), value)
            self.high[v] = max(self.high.get(v, real), value)


def protect(tables: list[ReportTable], threshold: int) -> list[ReportTable]:
    """Copies of `tables` with the small counts hidden, and as many more figures as the audit
    needs before it finds nothing. A threshold of 1 or less hides nothing."""
    if threshold <= 1:
        return [replace(table, rows=[list(row) for row in table.rows]) for table in tables]
    return _with_hidden(tables, hidden_pattern(tables, threshold), threshold)


def apply_pattern(
    tables: list[ReportTable], hidden: Iterable[tuple[int, int, int]], threshold: int
) -> list[ReportTable]:
    """Copies of `tables` with exactly the cells `hidden` hidden (from `selections_pattern`)."""
    return _with_hidden(tables, set(hidden), threshold)


def hidden_pattern(
    tables: list[ReportTable], threshold: int, links: Iterable[Link] = ()
) -> set[CellRef]:
    """The cells to hide so that the audit finds nothing; kept in the cache by exact figures."""
    links = list(links)
    return cache.get_or_set(
        _cache_key(tables, threshold, links),
        lambda: _hidden_cells(tables, threshold, links),
        CACHE_SECONDS,
    )


def selections_pattern(selections: list[list[ReportTable]], threshold: int) -> list[set[CellRef]]:
    """The hidden cells of each of several selections an audience can ask for (all areas and
    each area, say), protected together: a figure of one area's page is the same number on the
    page of all areas, and the areas' figures add up to it where they do.

    Cells are matched across selections by table caption, row label and column; a match
    becomes an equation only where the real figures make it true.
    """
    return pages_pattern([selections], threshold)[0]


def pages_pattern(pages: list[list[list[ReportTable]]], threshold: int) -> list[list[set[CellRef]]]:
    """`selections_pattern` for several pages at once (the dashboard, the results and the
    costs and benefits, each as its selections): one audit over all of them, so a number that
    stands on two pages (under one `measures` name) is hidden on both or on neither."""
    tables, links, spans = [], [], []
    for selections in pages:
        offsets = [
            len(tables) + sum(len(s) for s in selections[:i]) for i in range(len(selections))
        ]
        links.extend(_cross_links(selections, offsets))
        spans.append(list(zip(offsets, map(len, selections), strict=True)))
        tables.extend(table for selection in selections for table in selection)
    hidden = hidden_pattern(tables, threshold, links)
    return [
        [
            {(t - start, r, c) for t, r, c in hidden if start <= t < start + size}
            for start, size in page
        ]
        for page in spans
    ]


def _cross_links(selections: list[list[ReportTable]], offsets: list[int]) -> Iterator[Link]:
    """The first selection is the whole; each other one a part of it."""
    where: list[dict[tuple, tuple[CellRef, int]]] = []
    for selection, offset in zip(selections, offsets, strict=True):
        found = {}
        for t, table in enumerate(selection):
            for r, c in _count_cells(table):
                found[(table.caption, str(table.rows[r][0]), c)] = (
                    (offset + t, r, c),
                    table.rows[r][c],
                )
        where.append(found)
    whole, parts = where[0], where[1:]
    for key, (cell, value) in whole.items():
        inside = [part[key] for part in parts if key in part]
        for part_cell, part_value in inside:
            if part_value == value:
                yield cell, (part_cell,)
        if len(inside) == len(parts) and sum(v for _, v in inside) == value:
            yield cell, tuple(part_cell for part_cell, _ in inside)


def _hidden_cells(tables: list[ReportTable], threshold: int, links: list[Link]) -> set[CellRef]:
    model, variable_of = _model(tables, links)
    hidden = {
        cell
        for v, cells in model.cells.items()
        if model.is_count[v] and 0 < model.values[v] < threshold
        for cell in cells
    }
    safe: set[int] = set()
    while True:
        hidden_vars = {variable_of[cell] for cell in hidden if cell in variable_of}
        disclosed = _disclosed(model, hidden_vars, threshold, safe)
        if not disclosed:
            return hidden
        partners = _partners(model, _pinned(disclosed, variable_of), hidden_vars, tables)
        if partners:
            hidden |= {cell for partner in partners for cell in model.cells[partner]}
            continue
        # Every figure its equations touch is hidden already: withhold the tables' counts.
        withheld = {
            (t, r, c)
            for t in {found.cell[0] for found in disclosed}
            for r, c in _count_cells(tables[t])
        }
        if withheld <= hidden:
            raise RuntimeError("Hiding every count did not protect the tables.")
        hidden |= withheld


def _partners(
    model: _Model, disclosed: set[int], hidden: set[int], tables: list[ReportTable]
) -> set[int]:
    """One more figure beside each disclosed count, chosen in one round; a count whose
    equations already gained a partner this round waits for the next audit, as that partner
    may well protect it too (so no more is hidden than needed). One partner a round for a whole
    group of linked counts took a round, and an audit, per hidden figure: at a programme of a
    thousand households that was hundreds of rounds."""
    chosen: set[int] = set()
    covered: set[int] = set()  # the equations (by identity) that hold a partner of this round
    for v in sorted(disclosed):
        if _equations_of(model, v) & covered:
            continue
        partner = _partner(model, {v}, hidden | chosen, tables)
        if partner is not None:
            chosen.add(partner)
            covered |= _equations_of(model, partner)
    return chosen


def _equations_of(model: _Model, v: int) -> set[int]:
    return {id(equation) for equation in model.touching([v])}


def _pinned(disclosed: list[Disclosed], variable_of: dict[CellRef, int]) -> set[int]:
    return {variable_of[found.cell] for found in disclosed}


def _partner(
    model: _Model, disclosed: set[int], hidden: set[int], tables: list[ReportTable]
) -> int | None:
    """The visible figure to hide next to the disclosed counts: from the equations that hold
    them, then from the equations of the hidden figures beside them. Counts before amounts,
    totals last, the smallest non-zero count first."""
    reached, frontier = set(disclosed), set(disclosed)
    while frontier:
        touching = model.touching(frontier)
        candidates = {v for e in touching for v in e.weights if v not in hidden}
        if candidates:
            return min(candidates, key=lambda v: _hiding_cost(model, v, tables))
        frontier = {v for e in touching for v in e.weights} - reached
        reached |= frontier
    return None


def _hiding_cost(model: _Model, v: int, tables: list[ReportTable]) -> tuple:
    value = model.values[v]
    is_total = any(
        str(tables[t].rows[r][0]) in tables[t].total_labels or c in tables[t].total_columns
        for t, r, c in model.cells[v]
    )
    return (not model.is_count[v], is_total, value == 0, abs(value), v)


def _range(
    model: _Model, target: int, hidden: set[int], seen: _Seen | None = None
) -> tuple[float, float]:
    """The smallest and largest value of `target` consistent with everything visible; the
    solutions found on the way go into `seen`."""
    unknowns = _connected(model, target, hidden)
    index = {v: i for i, v in enumerate(unknowns)}
    equations = model.touching(unknowns)
    if not equations:
        return 0.0, math.inf
    rows, lows, highs = [], [], []
    for equation in equations:
        row = np.zeros(len(unknowns))
        known = 0.0
        for v, weight in equation.weights.items():
            if v in index:
                row[index[v]] = weight
            else:
                known += weight * model.values[v]
        rows.append(row)
        lows.append(equation.low - known)
        highs.append(equation.high - known)
    integral = np.array([1 if model.is_count[v] else 0 for v in unknowns])
    bounds = Bounds(
        [0 if model.is_count[v] else -UNBOUNDED for v in unknowns], [UNBOUNDED] * len(unknowns)
    )
    constraints = [LinearConstraint(np.array(rows), lows, highs)] if rows else []
    found = []
    for sign in (1, -1):
        objective = np.zeros(len(unknowns))
        objective[index[target]] = sign
        result = milp(objective, constraints=constraints, integrality=integral, bounds=bounds)
        if not result.success:
            raise RuntimeError(f"The published figures contradict each other: {result.message}")
        found.append(sign * result.fun)
        if seen is not None:
            seen.add(unknowns, result.x)
    low, high = found
    return low, (math.inf if high >= UNBOUNDED - 1 else high)


def _connected(model: _Model, target: int, hidden: set[int]) -> list[int]:
    """The hidden figures linked to `target` through equations: only they bear on its range."""
    reached, frontier = {target}, {target}
    while frontier:
        touching = model.touching(frontier)
        frontier = {v for e in touching for v in e.weights if v in hidden} - reached
        reached |= frontier
    return sorted(reached)


# ---- the published figures as a model ----


def _model(
    tables: list[ReportTable], links: Iterable[Link] = ()
) -> tuple[_Model, dict[CellRef, int]]:
    model = _Model()
    variable_of: dict[CellRef, int] = {}
    by_measure: dict[str, int] = {}

    def variable(cell: CellRef, value: float, is_count: bool) -> int:
        if cell in variable_of:
            return variable_of[cell]
        measure = tables[cell[0]].measures.get((cell[1], cell[2]))
        if measure is not None and measure in by_measure:
            v = by_measure[measure]
            # Same name, another value: not the same number after all, so keep them apart.
            if model.values[v] != value:
                v = model.add(value, is_count)
        else:
            v = model.add(value, is_count)
            if measure is not None:
                by_measure[measure] = v
        variable_of[cell] = v
        model.cells[v].append(cell)
        return v

    for t, table in enumerate(tables):
        for r, c in _count_cells(table):
            variable((t, r, c), float(table.rows[r][c]), True)
    for t, table in enumerate(tables):
        for total, parts, weights, exact in _sums(table):
            if not _is_number(table, total) or not all(_is_number(table, p) for p in parts):
                continue
            total_var = variable((t, *total), float(table.rows[total[0]][total[1]]), False)
            part_vars = [variable((t, *p), float(table.rows[p[0]][p[1]]), False) for p in parts]
            model.equations.extend(
                _equations(model, total_var, part_vars, weights, exact, _precision(table, total))
            )
    for total, parts in links:
        if total in variable_of and all(p in variable_of for p in parts):
            model.equations.extend(
                _equations(
                    model,
                    variable_of[total],
                    [variable_of[p] for p in parts],
                    (1.0,) * len(parts),
                    True,
                    0.0,
                )
            )
    return model, variable_of


def _equations(
    model: _Model,
    total: int,
    parts: list[int],
    weights: tuple[float, ...],
    exact: bool,
    tolerance: float,
) -> Iterator[_Equation]:
    """The equations a sum gives a reader, when they hold for the real figures."""
    if exact:
        coefficients: dict[int, float] = defaultdict(float)
        for v, weight in zip(parts, weights, strict=True):
            coefficients[v] += weight
        coefficients[total] -= 1
        real = sum(w * model.values[v] for v, w in coefficients.items())
        if abs(real) <= tolerance + 1e-9:
            yield _Equation(dict(coefficients), -tolerance, tolerance)
        return
    for v in parts:
        if v != total and model.values[v] <= model.values[total]:
            yield _Equation({v: 1.0, total: -1.0}, -math.inf, 0.0)
    # Parts that may leave some out, but here cover the total exactly: a reader who guesses
    # they always do ("education 6 = MBO 5 + HBO ?") would be right, so the audit guesses too.
    if sum(model.values[v] for v in parts) == model.values[total]:
        yield from _equations(model, total, parts, weights, True, tolerance)


def _sums(table: ReportTable) -> Iterator[tuple[Position, list[Position], tuple[float, ...], bool]]:
    """(total, parts, weights, exact) for every sum the table shows a reader."""
    for line in _additive_lines(table):
        *parts, total = line
        yield total, parts, (1.0,) * len(parts), True
    for relation in table.relations:
        weights = relation.weights or (Decimal(1),) * len(relation.parts)
        yield (
            relation.total,
            list(relation.parts),
            tuple(float(w) for w in weights),
            relation.exact,
        )


def _additive_lines(table: ReportTable) -> Iterator[list[Position]]:
    """Total rows (of the ordinary rows since the previous total row) and total columns (of
    the row's other count columns); the total is the last cell of each line."""
    rows = table.rows
    group: list[int] = []
    for r, row in enumerate(rows):
        if str(row[0]) in table.total_labels:
            for c in table.count_columns:
                line = [(g, c) for g in group if _is_count(table, g, c)]
                if line and _is_count(table, r, c):
                    yield [*line, (r, c)]
            group = []
        else:
            group.append(r)
    parts = sorted(table.count_columns - table.total_columns)
    for r in range(len(rows)):
        for t in table.total_columns:
            line = [(r, c) for c in parts if _is_count(table, r, c)]
            if line and _is_count(table, r, t):
                yield [*line, (r, t)]


def _count_cells(table: ReportTable) -> Iterator[Position]:
    for r in range(len(table.rows)):
        for c in sorted(table.count_columns):
            if _is_count(table, r, c):
                yield r, c


def _is_count(table: ReportTable, r: int, c: int) -> bool:
    value = table.rows[r][c] if c < len(table.rows[r]) else None
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(table: ReportTable, cell: Position) -> bool:
    r, c = cell
    value = table.rows[r][c] if c < len(table.rows[r]) else None
    return isinstance(value, int | Decimal | float) and not isinstance(value, bool)


def _precision(table: ReportTable, cell: Position) -> float:
    """Half the last shown digit of a total: a rounded figure holds within that much."""
    value = table.rows[cell[0]][cell[1]]
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return 0.5 * 10.0 ** int(exponent) if isinstance(exponent, int) else 0.0
    return 0.0


# ---- applying the pattern ----


def _with_hidden(
    tables: list[ReportTable], hidden: set[CellRef], threshold: int
) -> list[ReportTable]:
    protected = []
    for t, table in enumerate(tables):
        rows = [list(row) for row in table.rows]
        for tt, r, c in hidden:
            if tt != t:
                continue
            rows[r][c] = Suppressed(threshold)
            for derived, source in table.derived_columns.items():
                if source == c and derived < len(rows[r]):
                    rows[r][derived] = Suppressed(threshold)
        protected.append(replace(table, rows=rows))
    return protected


def _cache_key(tables: Iterable[ReportTable], threshold: int, links: list[Link]) -> str:
    """The exact figures and the shape of every table, so equal figures share one audit."""
    digest = hashlib.sha256(repr((threshold, links)).encode())
    for table in tables:
        parts = (
            table.rows,
            sorted(table.count_columns),
            sorted(table.total_labels),
            sorted(table.total_columns),
            table.relations,
            sorted(table.measures.items()),
        )
        digest.update(repr(parts).encode())
    return f"disclosure:{digest.hexdigest()}"
