"""A `Report` written as CSV, XLSX (openpyxl) or PDF (fpdf2): the same figures as the page.

Every file starts with the programme, the period and the suppression note, so a table that is
passed on keeps saying what it covers and what was hidden. Every CSV and XLSX row goes through
`core.spreadsheet`, so a name the programme typed never runs as a formula. The PDF embeds the DejaVu font named by
settings.RIGHTS_PDF_FONT (as the participant's own export does) so every letter prints; without
it, Helvetica with the text folded to Latin-1.
"""

import io
import logging
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Font

from kansrijk.core.pdf import GREY, HEADING_FILL, Document
from kansrijk.core.spreadsheet import append_row, csv_writer

from .formatting import cell_text
from .tables import Report, ReportTable, Suppressed

# fontTools logs every table it trims from the embedded font at INFO: one PDF would fill the log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def export(report: Report, file_format: str) -> bytes:
    return {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}[file_format](report)


def _heading_lines(report: Report) -> list[tuple[str, str]]:
    lines = [(_("Programme"), report.programme), (_("Period"), report.period)]
    if report.suppression_note:
        lines.append((_("Suppression"), report.suppression_note))
    return lines


def _text(cell) -> str:
    return "" if cell is None else cell_text(cell)


def _sheet_value(cell):
    if isinstance(cell, Suppressed):
        return str(cell)
    if isinstance(cell, Decimal):
        return float(cell)
    return cell


# ---- CSV ----


def to_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([report.title])
    writer.writerows(_heading_lines(report))
    for paragraph in report.paragraphs:
        writer.writerow([paragraph])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([table.caption])
        writer.writerow(table.columns)
        writer.writerows([_text(cell) for cell in row] for row in table.rows)
        for note in table.notes:
            writer.writerow([note])
    if report.assumptions:
        writer.writerow([])
        writer.writerow([_("Assumptions")])
        writer.writerows([line] for line in report.assumptions)
    # A byte-order mark, so spreadsheet programs read the euro sign and accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---- XLSX ----


def _sheet_title(caption: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", caption)[:28] or "Sheet"
    base, n = title, 2
    while title in taken:
        title = f"{base[:26]} {n}"
        n += 1
    taken.add(title)
    return title


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    front = book.active
    front.title = _sheet_title(_("Report"), taken := set())
    bold = Font(bold=True)
    append_row(front, [report.title])
    front["A1"].font = Font(bold=True, size=14)
    for label, value in _heading_lines(report):
        append_row(front, [label, value])
    for paragraph in report.paragraphs:
        append_row(front, [paragraph])
    if report.assumptions:
        front.append([])
        append_row(front, [_("Assumptions")])
        front.cell(row=front.max_row, column=1).font = bold
        for line in report.assumptions:
            append_row(front, [line])
    front.column_dimensions["A"].width = 28
    front.column_dimensions["B"].width = 60
    for table in report.tables:
        sheet = book.create_sheet(_sheet_title(table.caption, taken))
        append_row(sheet, [table.caption])
        sheet["A1"].font = bold
        append_row(sheet, table.columns)
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            append_row(sheet, [_sheet_value(cell) for cell in row])
        for note in table.notes:
            append_row(sheet, [note])
        if report.suppression_note:
            append_row(sheet, [report.suppression_note])
        sheet.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---- PDF ----

MARGIN = 16  # mm


def to_pdf(report: Report, *, compress: bool = True) -> bytes:
    title = f"{report.title}: {report.programme}, {report.period}"
    pdf = Document(footer_line=title, margin=MARGIN)
    pdf.set_compression(compress)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(pdf.body_font, "B", 18)
    pdf.multi_cell(0, 9, report.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.body_font, "B", 12)
    pdf.multi_cell(
        0, 7, f"{report.programme} · {report.period}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_font(pdf.body_font, "", 10)
    pdf.ln(2)
    for paragraph in report.paragraphs:
        _paragraph(pdf, paragraph)
    if report.suppression_note:
        _paragraph(pdf, report.suppression_note, muted=True)
    for table in report.tables:
        _table(pdf, table)
    if report.assumptions:
        _heading(pdf, _("Assumptions"))
        for line in report.assumptions:
            _paragraph(pdf, f"• {line}")
    return bytes(pdf.output())


def _paragraph(pdf: Document, text: str, *, muted: bool = False) -> None:
    if muted:
        pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    pdf.ln(1)


def _heading(pdf: Document, text: str) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(pdf.body_font, "B", 13)
    pdf.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.body_font, "", 10)
    pdf.ln(1)


def _is_text_column(table: ReportTable, column: int) -> bool:
    """A column of words (e.g. "how it is counted") reads left-aligned; numbers right."""
    return any(
        isinstance(row[column], str)
        and " " in row[column]
        and any(c.isalpha() for c in row[column])
        for row in table.rows
        if column < len(row) and not isinstance(row[column], Suppressed)
    )


def _table(pdf: Document, table: ReportTable) -> None:
    _heading(pdf, table.caption)
    columns = len(table.columns)
    first = 0.6 if columns <= 2 else 0.34 if columns <= 4 else 0.22
    widths = (first, *[(1 - first) / (columns - 1)] * (columns - 1))
    align = ["LEFT"] + ["LEFT" if _is_text_column(table, c) else "RIGHT" for c in range(1, columns)]
    pdf.set_font(pdf.body_font, "", 9 if columns <= 5 else 8)
    with pdf.table(
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        text_align=tuple(align),
        v_align="TOP",
        padding=1.5,
        line_height=4.5,
        width=pdf.epw,
    ) as grid:
        grid.row(table.columns)
        for row in table.rows:
            total = str(row[0]) in table.total_labels
            style = FontFace(emphasis="BOLD") if total else None
            grid.row([_text(cell) for cell in row], style=style)
    pdf.set_font(pdf.body_font, "", 10)
    pdf.ln(1)
    for note in table.notes:
        _paragraph(pdf, note, muted=True)
