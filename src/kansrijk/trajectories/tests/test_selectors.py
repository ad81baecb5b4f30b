"""Reads about trajectories: the current one, the waiting list, years ending soon, counts."""

import datetime as dt

import pytest

from kansrijk.core.dates import add_months
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import (
    buddy_roles_with_load,
    current_trajectory,
    ending_soon,
    phase_counts,
    waiting_list,
)
from tests.factories import HouseholdFactory, ProgrammeRoleFactory, TrajectoryFactory


@pytest.fixture
def household(cast):
    return HouseholdFactory(programme=cast.programme, area=cast.area)


def test_the_current_trajectory_is_the_open_one_after_an_earlier_one_ended(household, frozen_today):
    TrajectoryFactory(household=household, dropped_out=True, referred_on=dt.date(2024, 1, 8))
    reopened = TrajectoryFactory(household=household, referred_on=dt.date(2024, 3, 4))

    assert current_trajectory(household) == reopened


def test_without_an_open_trajectory_the_current_one_is_the_one_that_ended_last(
    household, frozen_today
):
    TrajectoryFactory(household=household, dropped_out=True, ended_on=dt.date(2023, 5, 1))
    latest = TrajectoryFactory(household=household, closed=True, ended_on=dt.date(2025, 5, 1))
    TrajectoryFactory(household=household, dropped_out=True, ended_on=dt.date(2024, 5, 1))

    assert current_trajectory(household) == latest


def test_a_household_without_a_trajectory_has_no_current_one(household):
    assert current_trajectory(household) is None


def test_the_waiting_list_holds_referral_intake_and_matching_longest_waiting_first(
    journey, frozen_today
):
    matching = journey(Phase.MATCHING, referred_on=dt.date(2025, 1, 6))
    referred = journey(Phase.REFERRED, referred_on=dt.date(2025, 5, 5))
    intake = journey(Phase.INTAKE, referred_on=dt.date(2025, 3, 3))
    for phase in (Phase.ACTIVE, Phase.AFTERCARE, Phase.CLOSED, Phase.DROPPED_OUT):
        journey(phase)

    assert list(waiting_list(Trajectory.objects.all())) == [matching, intake, referred]


def test_years_and_aftercare_that_end_within_a_month_are_ending_soon(journey, frozen_today):
    year_ends_in_a_month = journey(Phase.ACTIVE, matched_on=dt.date(2024, 7, 16))
    journey(Phase.ACTIVE, matched_on=dt.date(2024, 7, 18))
    aftercare_ends_in_a_month = journey(
        Phase.AFTERCARE, aftercare_started_on=add_months(frozen_today, -5)
    )
    journey(Phase.AFTERCARE, aftercare_started_on=add_months(frozen_today, -4))
    journey(Phase.CLOSED)

    soon = set(ending_soon(Trajectory.objects.all()))

    assert soon == {year_ends_in_a_month, aftercare_ends_in_a_month}


def test_phase_counts_name_every_phase_even_when_empty(journey):
    journey(Phase.ACTIVE)
    journey(Phase.ACTIVE)
    journey(Phase.REFERRED)

    counts = phase_counts(Trajectory.objects.all())

    assert counts == {**dict.fromkeys(Phase, 0), Phase.ACTIVE: 2, Phase.REFERRED: 1}


def test_buddies_are_listed_with_the_households_they_coach_now(cast, journey):
    journey(Phase.ACTIVE)
    journey(Phase.CLOSED)
    free = ProgrammeRoleFactory(programme=cast.programme, role=Role.BUDDY, user__first_name="Aad")

    loads = {role.user: role.load for role in buddy_roles_with_load(cast.programme)}

    assert loads == {cast.buddy: 1, free.user: 0}


def test_a_journey_keeps_its_households_programme(cast, journey):
    trajectory = journey(Phase.REFERRED)

    trajectory.refresh_from_db()

    assert trajectory.programme == trajectory.household.programme == cast.programme
