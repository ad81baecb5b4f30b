"""The municipality's figures (as the funder's pages publish them) and her own data."""

import pytest

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.access.services import participant_account_create
from kansrijk.api.tests.conftest import bearer
from kansrijk.core.dates import today
from kansrijk.reports.publication import KINDS, audience_for, funder_cohort, published
from kansrijk.reports.scope import Scope
from kansrijk.reports.tables import Suppressed
from kansrijk.trajectories.choices import Phase
from tests.factories import trajectory_in

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def a_year_of_journeys(cast):
    for phase in (Phase.ACTIVE, Phase.CLOSED, Phase.DROPPED_OUT):
        trajectory_in(phase, household__programme=cast.programme, household__area=cast.area)


def test_the_figures_are_the_funders_cell_for_cell(client, cast, api_key, a_year_of_journeys):
    key = api_key("figures:read")
    year = today().year - 1
    response = client.get(f"/api/v1/programmes/oost/figures?year={year}", headers=bearer(key))
    assert response.status_code == 200, response.content
    body = response.json()
    scope = Scope(cast.programme, [cast.area], None, year, year, single_year=True)
    audience = audience_for(cast.programme, exact=False)
    cohort = funder_cohort(scope)
    assert [r["kind"] for r in body["reports"]] == KINDS
    suppressed = shown = 0
    for kind, got in zip(KINDS, body["reports"], strict=True):
        page = published(kind, scope, cohort, audience)  # what the funder's page shows
        assert got["title"] == str(page.title)
        for table, got_table in zip(page.tables, got["tables"], strict=True):
            for row, got_row in zip(table.rows, got_table["rows"], strict=True):
                for cell, got_cell in zip(row, got_row, strict=True):
                    if isinstance(cell, Suppressed):
                        assert got_cell == {"value": None, "suppressed": True}
                        suppressed += 1
                    else:
                        value = cell if cell is None or isinstance(cell, int | str) else str(cell)
                        assert got_cell == {"value": value, "suppressed": False}
                        shown += 1
    assert suppressed and shown
    assert body["threshold"] >= 2


def test_no_small_count_is_shown(client, cast, api_key, a_year_of_journeys):
    key = api_key("figures:read")
    body = client.get("/api/v1/programmes/oost/figures", headers=bearer(key)).json()
    threshold = body["threshold"]
    suppressed = 0
    for report in body["reports"]:
        for table in report["tables"]:
            for row in table["rows"]:
                suppressed += sum(cell["suppressed"] for cell in row)
    assert suppressed > 0  # three journeys: every count of them is below the threshold
    assert threshold > 3


@pytest.mark.parametrize("query", ["year=2999", "year=1900", "year=abc", "area=nowhere"])
def test_a_year_or_area_that_cannot_be_asked_is_a_400_problem(client, api_key, query):
    key = api_key("figures:read")
    response = client.get(f"/api/v1/programmes/oost/figures?{query}", headers=bearer(key))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_she_downloads_her_own_data_and_it_is_logged_as_her_export(client, cast):
    trajectory = trajectory_in(Phase.ACTIVE, household__programme=cast.programme)
    her = participant_account_create(
        household=trajectory.household,
        trajectory=trajectory,
        by=cast.coordinator,
        email="p@example.org",
    )
    client.force_login(her)
    response = client.get("/api/v1/me/data")
    assert response.status_code == 200
    assert response.json()["format"] == "kansrijk.household-export"
    assert response.json()["household"]["uuid"] == str(trajectory.household.uuid)
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).get()
    assert (entry.detail, entry.household) == ("json", trajectory.household)


def test_her_data_needs_her_login(client, cast):
    response = client.get("/api/v1/me/data")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    client.force_login(cast.coordinator)
    response = client.get("/api/v1/me/data")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
