"""Every report a funder can open on the demo programmes discloses no hidden count.

For each programme, each year a funder can choose and each kind of report, the pages of all
areas and of each area are audited together, the way someone holding all of them would: the
audit finds no hidden count pinned to a range narrower than the threshold, and every count
below the threshold is hidden. A heavy matrix: it runs once, on SQLite.
"""

from dataclasses import replace

import pytest
from django.db import connection

from kansrijk.people.models import Programme
from kansrijk.reports.scope import ended_years
from kansrijk.reports.suppression import threshold_for
from kansrijk.reports.tests.disclosure_check import assert_funder_year_discloses_nothing

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="a heavy matrix: it runs once, on SQLite"
    ),
]


@pytest.mark.usefixtures("loaded_demo")
@pytest.mark.parametrize(
    "slug", ["kansrijk-oost", "kansrijk-west", "kansrijk-oosterpark", "kansrijk-zuid"]
)
def test_no_hidden_count_of_any_funder_page_can_be_worked_out(slug):
    programme = Programme.objects.get(slug=slug)
    threshold = threshold_for(programme)
    checked = hidden = 0
    for year in ended_years(programme):
        found = assert_funder_year_discloses_nothing(programme, year, threshold)
        checked, hidden = checked + found[0], hidden + found[1]
    assert checked and hidden  # the demo has small counts to hide


@pytest.mark.usefixtures("loaded_demo")
def test_a_funder_cannot_ask_for_overlapping_periods(client):
    """Years overlap only with themselves: 2021–2022 against 2021 would give 2022 back."""
    programme = Programme.objects.get(slug="kansrijk-oost")
    funder = programme.roles.filter(role="funder").first().user
    client.force_login(funder)

    response = client.get(f"/programmes/{programme.slug}/report/?from=2021&to=2022")

    scope = response.context["scope"]
    assert scope.first_year == scope.last_year
    assert "from" not in response.context["form"].fields
    assert replace(scope, area=None).single_year
