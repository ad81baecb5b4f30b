"""A `Report` written as CSV, XLSX (openpyxl) or PDF (WeasyPrint): the same figures as the page.

Every file starts with the programme, the period and the suppression note, so a table that is
passed on keeps saying what it covers and what was hidden. Every CSV and XLSX row goes through
`core.spreadsheet`, so a name the programme typed never runs as a formula, and a number stays a
number: a CSV in the flavour asked for (Dutch Excel's or the international one), an XLSX cell
as a number with its number format (a hidden figure stays the text "hidden"). The PDF is
`reports/pdf/report.html` printed by `core.pdf`: tagged, in the active language, with the
dashboard's charts (each with its text alternative) above their tables.
"""

import io
import re
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kansrijk.core.charts import Chart
from kansrijk.core.pdf import render_pdf
from kansrijk.core.spreadsheet import DUTCH, CsvFlavour, append_row, csv_file

from .tables import Report, ReportTable

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def export(
    report: Report,
    file_format: str,
    *,
    flavour: CsvFlavour = DUTCH,
    charts: Sequence[Chart | None] = (),
) -> bytes:
    """The report as a file; `flavour` is the CSV's, `charts` (one per table, or none) the
    PDF's."""
    if file_format == "csv":
        return to_csv(report, flavour)
    if file_format == "xlsx":
        return to_xlsx(report)
    return to_pdf(report, charts=charts)


def _heading_lines(report: Report) -> list[tuple[str, str]]:
    lines = [(_("Programme"), report.programme), (_("Period"), report.period)]
    if report.suppression_note:
        lines.append((_("Suppression"), report.suppression_note))
    return lines


# ---- CSV ----


def to_csv(report: Report, flavour: CsvFlavour = DUTCH) -> bytes:
    rows: list[list] = [[report.title], *map(list, _heading_lines(report))]
    rows += [[paragraph] for paragraph in report.paragraphs]
    for table in report.tables:
        rows += [[], [table.caption], list(table.columns)]
        rows += [["" if cell is None else cell for cell in row] for row in table.rows]
        rows += [[note] for note in table.notes]
    if report.assumptions:
        rows += [[], [_("Assumptions")], *([line] for line in report.assumptions)]
    return csv_file(rows, flavour)


# ---- XLSX ----

SHEET_NAME_LENGTH = 31  # what Excel allows
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(caption: str, taken: set[str]) -> str:
    """A sheet name Excel accepts, as readable as may be: the caption without the characters
    Excel refuses, at most 31 characters (a longer one cut, mostly at a word, with "…"), and
    numbered when two come out alike (Excel ignores case there)."""
    words = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", caption).split()).strip("'") or _("Table")
    name = _cut(words, SHEET_NAME_LENGTH)
    number = 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        name = _cut(words, SHEET_NAME_LENGTH - len(suffix)) + suffix
        number += 1
    taken.add(name)
    return name


def _cut(text: str, length: int) -> str:
    """The text in at most `length` characters: whole, or cut with "…" at a word when that
    loses little, else right at the length."""
    if len(text) <= length:
        return text
    hard = text[: length - 1].rstrip()
    at_word = text[:length].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return (at_word if len(hard) - len(at_word) <= 8 else hard) + "…"


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    taken: set[str] = set()
    front = book.active
    front.title = sheet_name(_("Report"), taken)
    bold = Font(bold=True)
    append_row(front, [report.title])
    front["A1"].font = Font(bold=True, size=14)
    for label, value in _heading_lines(report):
        append_row(front, [label, value])
        front.cell(row=front.max_row, column=1).font = bold
    for paragraph in report.paragraphs:
        append_row(front, [paragraph])
    if report.assumptions:
        front.append([])
        append_row(front, [_("Assumptions")])
        front.cell(row=front.max_row, column=1).font = bold
        for line in report.assumptions:
            append_row(front, [line])
    front.column_dimensions["A"].width = 28
    front.column_dimensions["B"].width = 80
    for row in front.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for table in report.tables:
        _table_sheet(book, table, report.suppression_note, sheet_name(table.caption, taken))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table_sheet(book: Workbook, table: ReportTable, suppression_note: str, name: str) -> None:
    sheet = book.create_sheet(name)
    bold = Font(bold=True)
    append_row(sheet, [table.caption])
    sheet["A1"].font = Font(bold=True, size=12)
    append_row(sheet, table.columns)
    for cell in sheet[2]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        append_row(sheet, ["" if cell is None else cell for cell in row])
        if str(row[0]) in table.total_labels:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
    # A hidden figure ("hidden") is text: aligned with the numbers of its column.
    for row in sheet.iter_rows(min_row=3, max_row=2 + len(table.rows), min_col=2):
        for cell in row:
            if cell.data_type == "s":
                cell.alignment = Alignment(horizontal="right")
    for note in [*table.notes, suppression_note]:
        if note:
            append_row(sheet, [note])
    sheet.freeze_panes = "B3"
    sheet.column_dimensions["A"].width = 40
    for column in range(2, len(table.columns) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16


# ---- PDF ----


def to_pdf(report: Report, *, charts: Sequence[Chart | None] = ()) -> bytes:
    """The report printed from `reports/pdf/report.html`, each table after its chart."""
    title = f"{report.title}: {report.programme}, {report.period}"
    padded = [*charts, *[None] * (len(report.tables) - len(charts))]
    sections = list(zip(report.tables, padded, strict=False))
    return render_pdf(
        "reports/pdf/report.html",
        {"report": report, "sections": sections},
        title=title,
        footer=title,
    )
