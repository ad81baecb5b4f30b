"""Template helpers for `ReportTable`s: each cell with its column's heading (for phones)."""

from django import template

from kansrijk.reports.formatting import cell_text
from kansrijk.reports.tables import ReportTable, Suppressed

register = template.Library()


@register.filter
def labelled_rows(table: ReportTable) -> list[dict]:
    """Per row: its label, whether it holds totals, and its cells as (heading, text, hidden)."""
    return [
        {
            "label": row[0],
            "total": str(row[0]) in table.total_labels,
            "cells": [
                (heading, cell_text(cell), isinstance(cell, Suppressed))
                for heading, cell in zip(table.columns[1:], row[1:], strict=False)
            ],
        }
        for row in table.rows
    ]


def _is_number_column(table: ReportTable, column: int) -> bool:
    """A column of figures (aligned at its end) rather than of words ("how it is counted")."""
    return not any(
        isinstance(row[column], str) and any(c.isalpha() for c in row[column])
        for row in table.rows
        if column < len(row) and not isinstance(row[column], Suppressed)
    )


@register.filter
def printed_columns(table: ReportTable) -> list[dict]:
    """The column headings of a printed table, each with whether its column holds figures."""
    return [
        {"heading": heading, "number": index > 0 and _is_number_column(table, index)}
        for index, heading in enumerate(table.columns)
    ]


@register.filter
def printed_rows(table: ReportTable) -> list[dict]:
    """Per row of a printed table: its label, whether it holds totals, and its cells (text,
    hidden, whether its column holds figures)."""
    numbers = [_is_number_column(table, c) for c in range(len(table.columns))]
    return [
        {
            "label": row[0],
            "total": str(row[0]) in table.total_labels,
            "cells": [
                {
                    "text": cell_text(cell) if cell != "" else "",
                    "hidden": isinstance(cell, Suppressed),
                    "number": numbers[index] if index < len(numbers) else True,
                }
                for index, cell in enumerate(row[1:], start=1)
            ],
        }
        for row in table.rows
    ]


# The colours of the bar classes in kansrijk.css, for a chart printed in a PDF.
BAR_COLOURS = {"report-bar--0": "#0b5566", "report-bar--1": "#7fb8c2", "report-bar--2": "#c2571a"}


@register.filter
def bar_colour(css_class: str) -> str:
    return BAR_COLOURS.get(css_class, BAR_COLOURS["report-bar--0"])
