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
