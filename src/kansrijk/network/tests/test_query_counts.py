"""The network's pages read a map in a fixed number of queries, however many ties it has
(measured with 2 and with 20 ties per map)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.network.choices import Flow, Moment, Strength, TieKind

pytestmark = pytest.mark.usefixtures("frozen_today")

CEILING = 20


def _fill(network_map, make_tie, count: int, start: int = 0) -> None:
    kinds, strengths, flows = TieKind.values, Strength.values, Flow.values
    for n in range(start, start + count):
        make_tie(
            network_map,
            f"naam {n}",
            kind=kinds[n % len(kinds)],
            strength=strengths[n % 3],
            flow=flows[n % 3],
            is_organisation=n % 4 == 0,
            note=f"notitie {n}",
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["network", "network_compare", "network_tie_new"])
@pytest.mark.parametrize("who", ["buddy", "backup"])
def test_the_network_pages_do_not_query_per_tie(
    client,
    cast,
    coached,
    make_map,
    make_tie,
    plan_consent,
    page,
    who,
    django_assert_max_num_queries,
):
    start = make_map(coached)
    later = make_map(coached, moment=Moment.OTHER, copy_from=start)
    client.force_login(getattr(cast, who))
    args = [coached.household.uuid] + ([later.uuid] if page == "network_tie_new" else [])
    url = reverse(page, args=args)
    _fill(start, make_tie, 2)
    _fill(later, make_tie, 2)
    small = _count(client, url)
    _fill(start, make_tie, 18, start=2)
    _fill(later, make_tie, 18, start=2)

    with django_assert_max_num_queries(CEILING):
        large = _count(client, url)

    print(f"\n{page} as {who}: {small} queries with 2 ties per map, {large} with 20")
    assert large == small
