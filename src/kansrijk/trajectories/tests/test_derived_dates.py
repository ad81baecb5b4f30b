"""Dates the journey derives from the start of the active year and of the aftercare."""

import datetime as dt

from kansrijk.trajectories.models import Trajectory


def test_the_active_year_ends_twelve_months_after_it_started():
    trajectory = Trajectory(matched_on=dt.date(2025, 3, 3))

    assert trajectory.active_year_ends_on == dt.date(2026, 3, 3)


def test_halfway_is_six_months_after_the_start():
    trajectory = Trajectory(matched_on=dt.date(2025, 3, 3))

    assert trajectory.halfway_on == dt.date(2025, 9, 3)


def test_halfway_of_a_year_that_started_on_31_august_is_the_end_of_february():
    trajectory = Trajectory(matched_on=dt.date(2024, 8, 31))

    assert trajectory.halfway_on == dt.date(2025, 2, 28)
    assert trajectory.active_year_ends_on == dt.date(2025, 8, 31)


def test_a_year_that_started_on_29_february_ends_on_28_february():
    trajectory = Trajectory(matched_on=dt.date(2024, 2, 29))

    assert trajectory.active_year_ends_on == dt.date(2025, 2, 28)


def test_the_aftercare_lasts_at_most_six_months():
    trajectory = Trajectory(aftercare_started_on=dt.date(2025, 8, 31))

    assert trajectory.aftercare_ends_on == dt.date(2026, 2, 28)


def test_a_journey_that_has_not_started_has_no_derived_dates():
    trajectory = Trajectory(referred_on=dt.date(2025, 3, 3))

    assert trajectory.halfway_on is None
    assert trajectory.active_year_ends_on is None
    assert trajectory.aftercare_ends_on is None
