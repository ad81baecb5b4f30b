"""The buddy's and the backup's four key pages read in a fixed, small number of
queries: measured with 1 and with 5 of everything a page lists, each under its own ceiling.

The ceilings are the counts these pages make now (`pytest -s` prints them): a new query on one
of them fails here first. Four of each count are the same on every page of the product: the
session, the user, their roles and the second factor's device; a page that asks who may see
what also reads the viewer's households once (`access.viewer`).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.people.choices import MemberRelation
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    AssessmentFactory,
    ContactFactory,
    GoalFactory,
    GoalProposalFactory,
    HouseholdMemberFactory,
    IntakeFactory,
    PhaseChangeFactory,
    ProgressNoteFactory,
    ReferralFactory,
    SignalFactory,
)

BUDDY_HOME, HOUSEHOLD, PLAN, BACKUP_HOME = 12, 23, 12, 9


def _count(client, url: str, ceiling: int, assert_max) -> int:
    with assert_max(ceiling), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _households(cast, journey, n: int) -> None:
    """n households coached now and n whose year is still to start, each with a full file."""
    for _ in range(n):
        trajectory = journey(Phase.ACTIVE)
        ContactFactory(trajectory=trajectory, on=trajectory.matched_on)
        AssessmentFactory(trajectory=trajectory)
        AppointmentFactory(trajectory=trajectory)
        GoalProposalFactory(trajectory=trajectory)
        SignalFactory(trajectory=trajectory)
        journey(Phase.MATCHED)


def _file(cast, trajectory, n: int) -> None:
    """n of every row the household and plan pages list."""
    for _ in range(n):
        HouseholdMemberFactory(household=trajectory.household, relation=MemberRelation.CHILD)
        ContactFactory(trajectory=trajectory)
        AssessmentFactory(trajectory=trajectory, moment=Moment.EXTRA)
        PhaseChangeFactory(trajectory=trajectory, by=cast.coordinator)
        AppointmentFactory(trajectory=trajectory)
        SignalFactory(trajectory=trajectory)
        goal = GoalFactory(trajectory=trajectory)
        ActionFactory(goal=goal)
        ProgressNoteFactory(goal=goal)
        GoalProposalFactory(trajectory=trajectory)


@pytest.mark.parametrize(
    ("who", "page", "ceiling"),
    [("buddy", "buddy_home", BUDDY_HOME), ("backup", "backup_home", BACKUP_HOME)],
)
def test_the_home_pages_make_as_many_queries_for_five_households_as_for_one(
    client, cast, journey, django_assert_max_num_queries, who, page, ceiling
):
    client.force_login(getattr(cast, who))
    url = reverse(page)
    _households(cast, journey, 1)
    one = _count(client, url, ceiling, django_assert_max_num_queries)
    _households(cast, journey, 4)

    five = _count(client, url, ceiling, django_assert_max_num_queries)

    print(f"\n{page}: {one} queries with 1 household, {five} with 5")
    assert one == five


@pytest.mark.parametrize(("page", "ceiling"), [("household", HOUSEHOLD), ("plan", PLAN)])
def test_the_household_and_plan_pages_make_as_many_queries_for_five_rows_as_for_one(
    client, cast, journey, django_assert_max_num_queries, page, ceiling
):
    trajectory = journey(Phase.ACTIVE)
    IntakeFactory(trajectory=trajectory)
    ReferralFactory(trajectory=trajectory, organisation=cast.organisation)
    client.force_login(cast.buddy)
    url = reverse(page, args=[trajectory.household.uuid])
    _file(cast, trajectory, 1)
    one = _count(client, url, ceiling, django_assert_max_num_queries)
    _file(cast, trajectory, 4)

    five = _count(client, url, ceiling, django_assert_max_num_queries)

    print(f"\n{page}: {one} queries with 1 of everything, {five} with 5")
    assert one == five
