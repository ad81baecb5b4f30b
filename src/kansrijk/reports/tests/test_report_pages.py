"""The programme report, costs and benefits, and their downloads: who may see what."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.people.choices import Role
from kansrijk.reports.charts import report_charts
from kansrijk.reports.formatting import cell_text
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory
from tests.pdfs import assert_tagged, read_pdf

PERIOD = {"from": "2024", "to": "2025"}


def _url(name, cast, **kwargs):
    return reverse(name, kwargs={"programme_slug": cast.programme.slug, **kwargs})


@pytest.fixture
def some_households(cast, journey):
    """Eight households started in 2024, two of them dropped out early."""
    made = [journey(Phase.ACTIVE, matched_on=dt.date(2024, 9, 1)) for _ in range(6)]
    made += [
        journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 3, 1), ended_on=dt.date(2024, 6, 1))
        for _ in range(2)
    ]
    return made


def _cell(report, caption, label, column):
    table = next(t for t in report.tables if t.caption == caption)
    row = next(r for r in table.rows if r[0] == label)
    return row[column]


def test_the_coordinator_sees_exact_counts(client, cast, some_households):
    client.force_login(cast.coordinator)

    response = client.get(_url("programme_report", cast), PERIOD)

    assert response.status_code == 200
    report = response.context["report"]
    assert _cell(report, "Households per area", "Beijum", 4) == 8
    assert _cell(report, "Households per area", "Beijum", 6) == 2
    assert not report.suppression_note


def test_the_funder_sees_small_counts_hidden_with_a_note(client, cast, some_households):
    client.force_login(cast.funder)

    response = client.get(_url("programme_report", cast), PERIOD)

    report = response.context["report"]
    assert _cell(report, "Households per area", "Beijum", 4) == 8
    assert str(_cell(report, "Households per area", "Beijum", 6)) == "hidden"
    assert "fewer than 5" in report.suppression_note
    html = response.content.decode()
    for trajectory in some_households:
        assert trajectory.household.display_name not in html
        assert str(trajectory.household.uuid) not in html


@pytest.mark.parametrize("page", ["programme_report", "cost_benefit"])
@pytest.mark.parametrize("who", ["buddy", "backup", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_and_funders_open_its_reports(client, cast, who, page):
    client.force_login(getattr(cast, who))

    assert client.get(_url(page, cast)).status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize("kind", ["dashboard", "cost-benefit", "results"])
def test_a_funder_downloads_every_report_and_the_export_is_logged(client, cast, kind, file_format):
    client.force_login(cast.funder)

    response = client.get(_url("report_download", cast, report_kind=kind, file_format=file_format))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor, entry.household) == (cast.funder, None)


@pytest.mark.parametrize("who", ["buddy", "backup", "other_coordinator", "stranger"])
def test_nobody_else_downloads_a_report(client, cast, who):
    client.force_login(getattr(cast, who))

    url = _url("report_download", cast, report_kind="dashboard", file_format="pdf")

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("kind", "file_format"), [("weather", "pdf"), ("dashboard", "docx")])
def test_an_unknown_report_or_format_is_not_found(client, cast, kind, file_format):
    client.force_login(cast.coordinator)

    url = _url("report_download", cast, report_kind=kind, file_format=file_format)

    assert client.get(url).status_code == 404


PAGES = {"dashboard": "programme_report", "cost-benefit": "cost_benefit", "results": "results"}


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_xlsx_holds_the_figures_of_the_page(client, cast, some_households, kind):
    client.force_login(cast.funder)
    page = client.get(_url(PAGES[kind], cast), PERIOD).context["report"]

    download = client.get(
        _url("report_download", cast, report_kind=kind, file_format="xlsx"), PERIOD
    )

    book = load_workbook(io.BytesIO(download.content))
    front = list(book.worksheets[0].iter_rows(values_only=True))
    assert ("Programme", "Kansrijk Oost") in [row[:2] for row in front]
    assert ("Period", page.period) in [row[:2] for row in front]
    assert ("Suppression", page.suppression_note) in [row[:2] for row in front]
    for table, sheet in zip(page.tables, book.worksheets[1:], strict=True):
        rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
        expected = [[_plain(cell) for cell in row] for row in table.rows]
        assert [r[: len(table.columns)] for r in rows[: len(table.rows)]] == expected


def _plain(cell):
    from decimal import Decimal

    if cell is None or cell == "":
        return None
    if isinstance(cell, Decimal):
        return float(cell)
    if isinstance(cell, int):
        return cell
    return str(cell)


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_pdf_names_the_programme_period_and_suppression_and_holds_the_figures(
    client, cast, some_households, kind
):
    client.force_login(cast.funder)
    page = client.get(_url(PAGES[kind], cast), PERIOD).context["report"]

    download = client.get(
        _url("report_download", cast, report_kind=kind, file_format="pdf"), PERIOD
    )

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    text = " ".join(text.split())
    assert f"Kansrijk Oost · {page.period}" in " ".join(text.split())
    assert " ".join(page.suppression_note.split()) in text
    for table in page.tables:
        assert table.caption in text
        for row in table.rows:
            if len(table.columns) <= 3:  # wide tables wrap their cells over lines
                assert " ".join(t for c in row if (t := cell_text(c)) not in ("", "–")) in text


@pytest.mark.parametrize(
    ("query", "separator", "decimal_mark"),
    [({}, ";", ","), ({"flavour": "nl"}, ";", ","), ({"flavour": "international"}, ",", ".")],
)
def test_the_csv_holds_the_figures_of_the_page(
    client, cast, some_households, query, separator, decimal_mark
):
    client.force_login(cast.coordinator)
    page = client.get(_url("cost_benefit", cast), PERIOD).context["report"]

    download = client.get(
        _url("report_download", cast, report_kind="cost-benefit", file_format="csv"),
        {**PERIOD, **query},
    )

    assert download.content.startswith("\ufeff".encode())
    text = download.content.decode("utf-8-sig")
    for table in page.tables:
        for row in table.rows:
            assert separator.join(_csv(c, decimal_mark) for c in row) in text
    for line in page.assumptions:
        assert line in text
    # Amounts are plain numbers a spreadsheet adds up: no grouping, the hyphen as their sign.
    summary = page.tables[0].rows
    assert f'"{summary[2][2]:f}"' in text
    assert f'"{summary[3][2]:f}"'.replace(".", decimal_mark) in text


def test_an_unknown_csv_flavour_is_not_found(client, cast):
    client.force_login(cast.funder)

    url = _url("report_download", cast, report_kind="dashboard", file_format="csv")

    assert client.get(url, {"flavour": "excel"}).status_code == 404


def _csv(cell, decimal_mark: str) -> str:
    """A cell as the CSV writes it: every cell quoted (see core.spreadsheet), a number plain."""
    from decimal import Decimal

    from kansrijk.core.numbers import Percent

    if isinstance(cell, Percent):
        text = f"{cell.whole_percent}%"
    elif isinstance(cell, Decimal):
        text = f"{cell:f}".replace(".", decimal_mark)
    else:
        text = "" if cell is None else str(cell)
    return '"' + text.replace('"', '""') + '"'


def test_a_user_who_is_coordinator_and_funder_sees_exact_counts(client, cast, some_households):
    ProgrammeRoleFactory(user=cast.coordinator, programme=cast.programme, role=Role.FUNDER)
    client.force_login(cast.coordinator)

    report = client.get(_url("programme_report", cast), PERIOD).context["report"]

    assert _cell(report, "Households per area", "Beijum", 6) == 2


def test_the_funders_start_page_leads_to_the_report(client, cast):
    client.force_login(cast.funder)

    html = client.get(reverse("figures")).content.decode()

    assert _url("programme_report", cast) in html


def test_an_inverted_period_is_explained_and_the_whole_programme_shown(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(_url("programme_report", cast), {"from": "2025", "to": "2024"})

    assert response.status_code == 200
    assert "The first year must not come after the last year." in response.content.decode()


def test_a_funder_chooses_one_whole_year_that_has_ended(client, cast, some_households):
    """A running year changes daily and two ranges overlap: both could be subtracted."""
    client.force_login(cast.funder)

    running = client.get(_url("programme_report", cast), {"year": "2025"})
    a_range = client.get(_url("programme_report", cast), {"from": "2023", "to": "2024"})

    assert running.context["form"].errors
    assert (running.context["scope"].first_year, running.context["scope"].last_year) == (
        2024,
        2024,
    )
    assert a_range.context["scope"].first_year == a_range.context["scope"].last_year == 2024
    assert "from" not in a_range.context["form"].fields


def test_before_its_first_year_has_ended_a_funder_is_told_when_to_come_back(
    client, cast, frozen_today
):
    cast.programme.started_on = dt.date(2025, 1, 1)
    cast.programme.save()
    client.force_login(cast.funder)

    page = client.get(_url("programme_report", cast))
    download = client.get(_url("report_download", cast, report_kind="dashboard", file_format="csv"))

    assert page.status_code == 200
    assert "from 1 January" in page.content.decode()
    assert download.status_code == 404


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_council_pdf_is_tagged_in_the_language_and_holds_the_figures(
    client, cast, some_households, kind, language
):
    client.force_login(cast.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.get(_url(PAGES[kind], cast), PERIOD).context["report"]

    download = client.get(
        _url("report_download", cast, report_kind=kind, file_format="pdf"), PERIOD
    )

    pdf = read_pdf(download.content)
    assert_tagged(pdf, lang=language, title=f"{page.title}: Kansrijk Oost, {page.period}")
    assert {"H1", "H2", "Table", "TH", "TD"} <= set(pdf.tags)
    for table in page.tables:
        assert table.caption in pdf.text
        for row in table.rows:
            if len(table.columns) <= 3:  # wide tables wrap their cells over lines
                assert " ".join(cell_text(c) for c in row if c != "") in pdf.text


def test_the_dashboard_pdf_draws_its_charts_with_a_text_alternative(client, cast, some_households):
    client.force_login(cast.funder)
    report = client.get(_url("programme_report", cast), PERIOD).context["report"]

    download = client.get(
        _url("report_download", cast, report_kind="dashboard", file_format="pdf"), PERIOD
    )

    charts = [chart for chart in report_charts("dashboard", report) if chart]
    pdf = read_pdf(download.content)
    assert charts and pdf.alts == [chart.description for chart in charts]


def _sheet(content: bytes, caption: str):
    book = load_workbook(io.BytesIO(content))
    return next(s for s in book.worksheets if s["A1"].value == caption)


def test_the_xlsx_stores_counts_and_shares_as_numbers_with_their_formats(
    client, cast, some_households
):
    client.force_login(cast.coordinator)

    download = client.get(
        _url("report_download", cast, report_kind="dashboard", file_format="xlsx"), PERIOD
    )

    per_area = _sheet(download.content, "Households per area")
    beijum = next(row for row in per_area.iter_rows(min_row=3) if row[0].value == "Beijum")
    assert (beijum[4].value, beijum[4].data_type, beijum[4].number_format) == (
        8,
        "n",
        '#,##0;"−"#,##0',
    )
    endings = _sheet(download.content, "Completion and early ending")
    total = next(row for row in endings.iter_rows(min_row=3) if row[0].value.startswith("Matches"))
    assert total[2].data_type == "n" and total[2].value == 1
    assert total[2].number_format.startswith("0%")


def test_the_xlsx_keeps_a_hidden_count_as_text_and_euros_as_numbers(client, cast, some_households):
    client.force_login(cast.funder)

    dashboard = client.get(
        _url("report_download", cast, report_kind="dashboard", file_format="xlsx"), PERIOD
    )
    costs = client.get(
        _url("report_download", cast, report_kind="cost-benefit", file_format="xlsx"), PERIOD
    )

    per_area = _sheet(dashboard.content, "Households per area")
    beijum = next(row for row in per_area.iter_rows(min_row=3) if row[0].value == "Beijum")
    assert (beijum[6].value, beijum[6].data_type) == ("hidden", "s")
    summary = _sheet(costs.content, "Summary")
    rows = {row[0].value: row for row in summary.iter_rows(min_row=3, max_row=6)}
    net = rows["Net benefit (€)"][2]
    assert net.data_type == "n" and net.value < 0
    assert net.number_format == '"€ "#,##0;"€ −"#,##0'
    [ratio] = [label for label in rows if label.startswith("Benefit per euro")]
    assert "€" not in ratio and "€" not in rows[ratio][2].number_format


def test_the_xlsx_sheet_names_are_readable_unique_and_short_enough(client, cast, some_households):
    client.force_login(cast.funder)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"

    download = client.get(
        _url("report_download", cast, report_kind="results", file_format="xlsx"), PERIOD
    )

    names = load_workbook(io.BytesIO(download.content)).sheetnames
    assert names[:3] == ["Rapportage", "Waar de huishoudens staan", "Eerder gestopt, naar reden"]
    assert all(len(name) <= 31 for name in names)
    assert len({name.casefold() for name in names}) == len(names)


@pytest.mark.parametrize("who", ["coordinator", "funder"])
def test_an_unknown_kind_of_report_is_not_found(client, cast, who):
    client.force_login(getattr(cast, who))

    url = _url("report_download", cast, report_kind="bogus", file_format="csv")

    assert client.get(url).status_code == 404
