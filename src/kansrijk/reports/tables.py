"""A report as plain data: what a page shows and every export (CSV, XLSX, PDF) writes.

One shape for all reports keeps the page and its downloads equal by construction: the view builds a
`Report` once and hands it to the template or to an exporter.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext, pgettext

Cell = int | Decimal | str | None


@dataclass(frozen=True)
class Suppressed:
    """A count hidden because it (or a cell that would give it away) is below the threshold."""

    threshold: int

    def __str__(self) -> str:
        # The same word whatever the value: "< 5" would tell the reader it is 1 to 4.
        return gettext("hidden")


def spoken(cell: "Cell | Suppressed", *, noun: bool = False) -> "Cell | str":
    """A count as a sentence says it. A hidden one reads "a hidden number" ("a hidden number of"
    before a noun: "a hidden number of households took part"), never a bare "hidden", which
    would read as if the households were hidden."""
    if not isinstance(cell, Suppressed):
        return cell
    if noun:
        return pgettext("a hidden count in a sentence, before a noun", "a hidden number of")
    return pgettext("a hidden count in a sentence", "a hidden number")


Position = tuple[int, int]  # (row index, column index) in a table's rows


@dataclass(frozen=True)
class Relation:
    """What a reader knows binds some counts of one table: `total` is the sum of `parts`.

    With `exact=False` the parts may overlap or leave some out (a participant may count under two
    kinds of work, or under none), so the reader only knows each part is at most the total.
    With `weights`, the total is an amount: the sum of each part times its published weight (the
    benefits of the cost-benefit page: households × value per year × years). Total rows and
    total columns (`total_labels`, `total_columns`) need no relation: they are read as ones.
    """

    total: Position
    parts: tuple[Position, ...]
    exact: bool = True
    weights: tuple[Decimal, ...] | None = None


@dataclass
class ReportTable:
    """A table: a caption, column headings, rows of cells; the first cell of a row is its label.

    `count_columns` names the columns that hold counts of people, the only ones suppression
    touches. A row whose label is in `total_labels` holds totals of the rows above it, so hiding a
    small cell also hides a second cell in its column (and row) that would let it be recovered.
    """

    caption: str
    columns: list[str]
    rows: list[list[Cell | Suppressed]]
    count_columns: frozenset[int] = frozenset()
    total_labels: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)
    # Count columns that hold the sum of the row's other count columns (e.g. "total"), so
    # suppression also protects along the row.
    total_columns: frozenset[int] = frozenset()
    # Columns computed from a count column of the same row (a share, an average): column →
    # the count column it comes from. Hidden wherever that count is hidden.
    derived_columns: dict[int, int] = field(default_factory=dict)
    # Further sums a reader can see (sub-rows that add up to their parent row, …).
    relations: list[Relation] = field(default_factory=list)
    # What a count cell counts, where the same number stands in another table of the same
    # selection (e.g. "finished" in the participants table and in the results list): cells that
    # share a name are one number to the disclosure audit, so hiding one hides all.
    measures: dict[Position, str] = field(default_factory=dict)


@dataclass
class Report:
    """A whole report: its title, the programme and period it covers, text, and tables."""

    title: str
    programme: str
    period: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    # Filled by whoever applied suppression, the sentence of `suppression.suppression_note`.
    suppression_note: str = ""
    # Assumptions printed beside figures (the cost-benefit analysis uses them).
    assumptions: list[str] = field(default_factory=list)
