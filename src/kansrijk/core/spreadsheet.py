"""Cells for the CSV and XLSX files people download: text never runs as a formula.

Names in those files are typed by a programme (its name, areas, outcome types, barrier tags), and a
spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula, which can
fetch a URL with the sheet's figures in it or start a program (CSV injection). Following OWASP's
advice such text gets a single quote in front: it then shows as the text it was, also after the
file is saved again as CSV. A number keeps its sign, and so does a number the report already
wrote as text ("-3", "-1.234,5"): nothing in it can be a formula, and a funder must be able to add
it up.

Every CSV and XLSX writer of the product writes its rows through `csv_writer` or `append_row`.
"""

import csv
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet

# What a spreadsheet program reads as the start of a formula (OWASP's list): tab and carriage
# return too, because a program that skips leading white space reads the next character as first;
# and a line feed, which is what a carriage return becomes on its way through gettext or XML.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A plain number written as text: an optional sign, digits with the grouping and decimal marks of
# either language, perhaps a percent sign. No letters, brackets or operators after the sign.
_NUMBER = re.compile(r"[-+]?\d[\d.,]*%?")
# Values a spreadsheet stores as what they are; bool is an int.
_KEPT = (int, float, Decimal, dt.date, dt.time)


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet must get it: text that could start a formula gets a quote.

    Numbers, dates and empty cells stay as they are; anything else is written as its text (a
    lazy translation, a hidden count), so it is guarded as text.
    """
    if value is None or isinstance(value, _KEPT):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeCsvWriter:
    """`csv.writer` with every cell guarded and quoted.

    Every cell is quoted as OWASP also advises, so that a separator inside a name (Excel in Dutch
    splits on ";", not ",") is plainly part of the cell.
    """

    def __init__(self, out) -> None:
        self._writer = csv.writer(out, quoting=csv.QUOTE_ALL)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out) -> SafeCsvWriter:
    """A CSV writer on `out` (a text stream) whose cells cannot run as formulas."""
    return SafeCsvWriter(out)


def _storable(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def append_row(sheet: Worksheet, row: Iterable[Any]) -> None:
    """Add a row to an XLSX sheet with every cell guarded; text is stored as text.

    openpyxl stores a str that starts with "=" as a formula and one such as "#N/A" as an error;
    marking each text cell as a string leaves no such reading. Control characters an XLSX file
    cannot hold (a name pasted with one) are left out, instead of failing the whole download.
    """
    values = [_storable(safe_cell(value)) for value in row]
    sheet.append(values)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            sheet.cell(row=sheet.max_row, column=column).data_type = TYPE_STRING
