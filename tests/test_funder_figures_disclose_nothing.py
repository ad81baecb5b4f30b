"""Every report a funder can open on the demo programmes discloses no hidden count.

For each programme, each year a funder can choose and each kind of report, the pages of all
areas and of each area are audited together, the way someone holding all of them would: the
audit finds no hidden count pinned to a range narrower than the threshold, and every count
below the threshold is hidden. A heavy matrix: it runs once, on SQLite.
"""

import io
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.http import QueryDict

from kansrijk.core.dates import today
from kansrijk.people.models import Programme
from kansrijk.reports.dashboard import Audience
from kansrijk.reports.disclosure import _cross_links, audit
from kansrijk.reports.scope import scope_from
from kansrijk.reports.suppression import threshold_for
from kansrijk.reports.tables import Suppressed
from kansrijk.reports.views import _build, _published

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="a heavy matrix: it runs once, on SQLite"
    ),
]

KINDS = ["dashboard", "results", "cost-benefit"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo programmes, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


def _selections(programme: Programme, year: int):
    scope, _form = scope_from(QueryDict(f"year={year}"), programme, single_year=True)
    areas = list(programme.areas.all())
    return [scope.with_area(None, areas), *(scope.with_area(area, areas) for area in areas)]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("kind", KINDS)
def test_no_hidden_count_of_any_funder_page_can_be_worked_out(kind):
    exact_audience = Audience(exact=True, threshold=0)
    checked = hidden_total = 0
    for programme in Programme.objects.order_by("slug"):
        threshold = threshold_for(programme)
        audience = Audience(exact=False, threshold=threshold)
        for year in range(programme.started_on.year, today().year + 1):
            selections = _selections(programme, year)
            exact = [_build(kind, s, exact_audience).tables for s in selections]
            shown = [_published(kind, s, audience).tables for s in selections]
            tables = [table for selection in exact for table in selection]
            hidden = set()
            offset = 0
            for selection in shown:
                for t, table in enumerate(selection):
                    for r, row in enumerate(table.rows):
                        for c, cell in enumerate(row):
                            checked += isinstance(cell, int | Suppressed)
                            if isinstance(cell, Suppressed):
                                hidden.add((offset + t, r, c))
                offset += len(selection)
            hidden_total += len(hidden)
            offsets = [sum(len(s) for s in exact[:i]) for i in range(len(exact))]
            links = list(_cross_links(exact, offsets))

            assert not audit(tables, hidden, threshold, links), (programme.slug, year)
            for t, table in enumerate(tables):
                for r, row in enumerate(table.rows):
                    for c in table.count_columns:
                        value = row[c] if c < len(row) else None
                        if isinstance(value, int) and 0 < value < threshold:
                            assert (t, r, c) in hidden, (programme.slug, year, table.caption)
    assert checked and hidden_total  # the demo has small counts to hide


@pytest.mark.usefixtures("demo")
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
