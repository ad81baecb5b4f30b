"""Figures per area: participants now, started, finished and dropped out in a period."""

import datetime as dt

from kansrijk.reports.selectors import area_figures
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory


def test_area_figures_count_each_area_over_the_period(cast, journey):
    lewenborg = AreaFactory(programme=cast.programme, name="Lewenborg", slug="lewenborg")
    journey(Phase.ACTIVE, matched_on=dt.date(2021, 3, 1))
    journey(Phase.CLOSED, matched_on=dt.date(2019, 5, 1), ended_on=dt.date(2020, 11, 1))
    journey(Phase.DROPPED_OUT, matched_on=dt.date(2020, 2, 1), ended_on=dt.date(2020, 6, 1))
    # Started before the period, still coached on its last day.
    journey(
        Phase.CLOSED,
        matched_on=dt.date(2020, 1, 1),
        ended_on=dt.date(2021, 6, 1),
        household__area=lewenborg,
    )
    # Outside the programme: never counted.
    journey(
        Phase.ACTIVE,
        household__programme=cast.other_programme,
        household__area=AreaFactory(programme=cast.other_programme),
    )

    beijum, lewen = area_figures(
        cast.programme, since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31)
    )

    assert (beijum.area, lewen.area) == (cast.area, lewenborg)
    assert (beijum.participants_now, beijum.started, beijum.finished, beijum.dropped_out) == (
        0,
        1,
        1,
        1,
    )
    assert (lewen.participants_now, lewen.started, lewen.finished, lewen.dropped_out) == (
        1,
        1,
        0,
        0,
    )


def test_without_a_start_the_period_runs_from_the_beginning(cast, journey):
    journey(Phase.CLOSED, matched_on=dt.date(2019, 5, 1), ended_on=dt.date(2020, 11, 1))
    journey(Phase.AFTERCARE, matched_on=dt.date(2024, 3, 1))
    journey(Phase.REFERRED)

    (beijum,) = area_figures(cast.programme, since=None, until=dt.date(2025, 6, 16))

    assert (beijum.participants_now, beijum.started, beijum.finished, beijum.dropped_out) == (
        1,
        2,
        1,
        0,
    )


def test_area_figures_take_two_queries_however_many_areas_and_households(
    cast, journey, django_assert_num_queries
):
    for _ in range(3):
        AreaFactory(programme=cast.programme)
        journey(Phase.ACTIVE)

    with django_assert_num_queries(2):  # the areas, and the trajectories grouped by area
        area_figures(cast.programme, since=None, until=dt.date(2025, 6, 16))
