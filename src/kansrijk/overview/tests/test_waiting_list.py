"""The waiting list per neighbourhood: how many wait for their year to start, and how long."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.selectors import WAITING_ROWS_PER_AREA
from tests.factories import AreaFactory, days_ago

pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(cast) -> str:
    return reverse("waiting_list", args=[cast.programme.slug])


def _waiting(client, cast):
    client.force_login(cast.coordinator)
    response = client.get(_url(cast))
    assert response.status_code == 200
    return {waiting.area.name: waiting for waiting in response.context["areas"]}


def test_the_waiting_list_counts_and_measures_the_wait_per_area(client, cast, journey):
    selwerd = AreaFactory(programme=cast.programme, name="Selwerd")
    journey(Phase.REFERRED, referred_on=days_ago(10))
    journey(Phase.INTAKE, referred_on=days_ago(20))
    journey(Phase.MATCHING, referred_on=days_ago(60))
    journey(Phase.REFERRED, referred_on=days_ago(4), household__area=selwerd)
    journey(Phase.MATCHING, referred_on=days_ago(9), household__area=selwerd)
    # Not waiting: the year has started, or the journey ended.
    journey(Phase.ACTIVE, referred_on=days_ago(200))
    journey(Phase.DROPPED_OUT, referred_on=days_ago(300))

    areas = _waiting(client, cast)

    beijum, selwerd_ = areas["Beijum"], areas["Selwerd"]
    assert (beijum.count, beijum.median_days, beijum.longest_days) == (3, 20, 60)
    assert (selwerd_.count, selwerd_.median_days, selwerd_.longest_days) == (2, 6.5, 9)
    assert [t.referred_on for t in beijum.rows] == [days_ago(60), days_ago(20), days_ago(10)]


def test_an_area_where_nobody_waits_says_so(client, cast):
    areas = _waiting(client, cast)

    assert (areas["Beijum"].count, areas["Beijum"].median_days, areas["Beijum"].rows) == (
        0,
        None,
        [],
    )


def test_the_list_names_the_longest_waiting_fifty_and_counts_them_all(client, cast, journey):
    for days in range(WAITING_ROWS_PER_AREA + 2):
        journey(Phase.REFERRED, referred_on=days_ago(days), backup_consent=False)

    response_areas = _waiting(client, cast)

    beijum = response_areas["Beijum"]
    assert (beijum.count, len(beijum.rows)) == (WAITING_ROWS_PER_AREA + 2, WAITING_ROWS_PER_AREA)
    assert beijum.rows[0].referred_on == days_ago(WAITING_ROWS_PER_AREA + 1)


def test_the_dashboard_links_to_the_waiting_list(client, cast):
    client.force_login(cast.coordinator)

    response = client.get(reverse("programme", args=[cast.programme.slug]))

    assert _url(cast) in response.content.decode()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_sees_the_waiting_list(client, cast, journey, who):
    journey(Phase.REFERRED)
    client.force_login(getattr(cast, who))

    assert client.get(_url(cast)).status_code == 404


def test_the_waiting_list_reads_in_a_fixed_number_of_queries(client, cast, journey):
    selwerd = AreaFactory(programme=cast.programme, name="Selwerd")
    client.force_login(cast.coordinator)

    def count_queries(per_area: int) -> int:
        for area in (cast.area, selwerd):
            for phase in (Phase.REFERRED, Phase.INTAKE, Phase.MATCHING):
                for _ in range(per_area):
                    journey(phase, household__area=area, backup_consent=False)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(cast)).status_code == 200
        return len(queries)

    small = count_queries(5)
    large = count_queries(45)

    assert small == large
