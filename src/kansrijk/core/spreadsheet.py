"""Cells for the CSV and XLSX files people download: text never runs as a formula.

Names in those files are typed by a programme (its name, areas, outcome types, barrier tags), and a
spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula, which can
fetch a URL with the sheet's figures in it or start a program (CSV injection). Following OWASP's
advice such text gets a single quote in front: it then shows as the text it was, also after the
file is saved again as CSV. A number keeps its sign, and so does a number the report already
wrote as text ("-3", "-1.234,5"): nothing in it can be a formula, and a funder must be able to add
it up.

Every CSV and XLSX writer of the product writes its rows through `csv_writer` (or `csv_file`) or
`append_row`.

A CSV comes in two flavours, both UTF-8 with a byte-order mark (so a spreadsheet program reads the
euro sign and accents right): `DUTCH`, what Excel in Dutch opens as columns with a double click
(";" between cells, a decimal comma, dates as dd-mm-jjjj), and `INTERNATIONAL` ("," between cells,
a decimal point, ISO dates). Numbers are written plain, without grouping and with the hyphen as
their sign, so the program reads them as numbers (a share as "45%"). In an XLSX a number stays a
number, with a number format that shows it as a page does (`#,##0`, `0%`, `€ #,##0`, a real minus
sign for a negative one).
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet

from .numbers import MINUS, Euros, Percent, Ratio

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


@dataclass(frozen=True)
class CsvFlavour:
    """How a CSV file separates its cells and writes numbers and dates."""

    slug: str  # in the download's address: ?flavour=<slug>
    label: str | Promise  # what the download link says
    delimiter: str
    decimal_mark: str
    date_format: str

    def cell(self, value: Any) -> Any:
        """A number or date as this flavour writes it; anything else as it is."""
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, dt.datetime):
            return value.strftime(f"{self.date_format} %H:%M")
        if isinstance(value, dt.date):
            return value.strftime(self.date_format)
        if isinstance(value, Percent):
            return f"{value.whole_percent:f}%"
        if isinstance(value, Decimal):
            return f"{value:f}".replace(".", self.decimal_mark)
        if isinstance(value, float):
            return repr(value).replace(".", self.decimal_mark)
        return value


DUTCH = CsvFlavour(
    slug="nl",
    label=_("CSV (Excel, Dutch)"),
    delimiter=";",
    decimal_mark=",",
    date_format="%d-%m-%Y",
)
INTERNATIONAL = CsvFlavour(
    slug="international",
    label=_("CSV (international)"),
    delimiter=",",
    decimal_mark=".",
    date_format="%Y-%m-%d",
)
# The Dutch one first: it is the default, and the download offered first.
CSV_FLAVOURS = {flavour.slug: flavour for flavour in (DUTCH, INTERNATIONAL)}


def csv_flavour(slug: str | None) -> CsvFlavour | None:
    """The flavour a download asks for (`DUTCH` when it names none); None for an unknown one."""
    return CSV_FLAVOURS.get(slug or DUTCH.slug)


class SafeCsvWriter:
    """`csv.writer` with every cell guarded and quoted, numbers and dates in the flavour's way.

    Every cell is quoted as OWASP also advises, so that a separator inside a name (Excel in Dutch
    splits on ";", not ",") is plainly part of the cell.
    """

    def __init__(self, out, flavour: CsvFlavour) -> None:
        self._writer = csv.writer(out, delimiter=flavour.delimiter, quoting=csv.QUOTE_ALL)
        self._flavour = flavour

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(self._flavour.cell(value)) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, flavour: CsvFlavour = DUTCH) -> SafeCsvWriter:
    """A CSV writer on `out` (a text stream) whose cells cannot run as formulas."""
    return SafeCsvWriter(out, flavour)


def csv_file(rows: Iterable[Iterable[Any]], flavour: CsvFlavour = DUTCH) -> bytes:
    """The rows as a whole CSV file: UTF-8 with a byte-order mark, cells guarded."""
    out = io.StringIO()
    csv_writer(out, flavour).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _storable(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _negative(positive: str) -> str:
    """A number format whose negative section shows a real minus sign."""
    return f'{positive};"{MINUS}"{positive}'


EUROS_FORMAT = f'"€ "#,##0;"€ {MINUS}"#,##0'
PERCENT_FORMAT = _negative("0%")
RATIO_FORMAT = _negative("0.00")
COUNT_FORMAT = _negative("#,##0")
DATE_FORMAT = "dd-mm-yyyy"


def number_format(value: Any) -> str | None:
    """The XLSX number format a value is shown with; None for text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Euros):
        return EUROS_FORMAT
    if isinstance(value, Percent):
        return PERCENT_FORMAT
    if isinstance(value, Ratio):
        return RATIO_FORMAT
    if isinstance(value, int):
        return COUNT_FORMAT
    if isinstance(value, Decimal):
        places = max(0, -int(value.normalize().as_tuple().exponent))
        return _negative("#,##0" + ("." + "0" * places if places else ""))
    if isinstance(value, dt.date):
        return DATE_FORMAT
    return None


def _stored(value: Any) -> Any:
    """What openpyxl writes: a decimal as a float (a spreadsheet holds no other kind)."""
    return float(value) if isinstance(value, Decimal) else value


def append_row(sheet: Worksheet, row: Iterable[Any]) -> None:
    """Add a row to an XLSX sheet with every cell guarded; text is stored as text, a number as
    a number with its number format.

    openpyxl stores a str that starts with "=" as a formula and one such as "#N/A" as an error;
    marking each text cell as a string leaves no such reading. Control characters an XLSX file
    cannot hold (a name pasted with one) are left out, instead of failing the whole download.
    """
    values = [_storable(safe_cell(value)) for value in row]
    sheet.append([_stored(value) for value in values])
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=sheet.max_row, column=column)
        if isinstance(value, str):
            cell.data_type = TYPE_STRING
        elif (shown_as := number_format(value)) is not None:
            cell.number_format = shown_as
