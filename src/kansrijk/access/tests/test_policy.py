"""visible_households: the one query every personal-data page starts from."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kansrijk.access import policy
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, ProgrammeRole

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def journeys(journey) -> dict[Phase, object]:
    """One household of programme A in every phase, all with the cast's buddy and backup, and
    the participant's consent for the backup to see the basic details."""
    return {phase: journey(phase) for phase in Phase}


def _opens(user, household) -> bool:
    try:
        policy.household_for_user_or_404(user, household.uuid)
    except Http404:
        return False
    return True


def _visible(user) -> set:
    """Asked both ways: the list, and the page of each household (a check of one row)."""
    listed = set(policy.visible_households(user))
    assert listed == {h for h in Household.objects.all() if _opens(user, h)}
    return listed


def test_a_coordinator_sees_every_household_of_their_programme_in_every_phase(cast, journeys):
    assert _visible(cast.coordinator) == {t.household for t in journeys.values()}


@pytest.mark.parametrize("who", ["buddy", "backup"])
def test_buddy_and_backup_see_their_households_only_once_paired_in_the_year_and_aftercare(
    cast, journeys, who
):
    """Paired: both said yes and the year is about to start (the buddy starts it), then the
    active year and the aftercare."""
    coached = {
        journeys[Phase.MATCHED].household,
        journeys[Phase.ACTIVE].household,
        journeys[Phase.AFTERCARE].household,
    }

    assert _visible(getattr(cast, who)) == coached


@pytest.mark.parametrize("who", ["funder", "other_coordinator", "stranger"])
def test_funders_other_coordinators_and_strangers_see_no_household(cast, journeys, who):
    assert _visible(getattr(cast, who)) == set()


def test_an_anonymous_visitor_sees_no_household(journeys):
    assert _visible(AnonymousUser()) == set()


def test_a_coordinator_whose_role_ended_sees_nothing(cast, journeys):
    ProgrammeRole.objects.filter(user=cast.coordinator).update(active=False)

    assert _visible(cast.coordinator) == set()


def test_the_reason_to_see_names_the_buddy_role_before_any_other(cast, journeys):
    ProgrammeRole.objects.create(user=cast.buddy, programme=cast.programme, role=Role.COORDINATOR)
    trajectory = journeys[Phase.ACTIVE]

    reason = policy.reason_to_see(cast.buddy, trajectory.household, trajectory)

    assert reason.role == Role.BUDDY
    assert "buddy" in reason.sentence


def test_the_reason_to_see_for_a_coordinator_names_the_programme(cast, journeys):
    trajectory = journeys[Phase.MATCHING]

    reason = policy.reason_to_see(cast.coordinator, trajectory.household, trajectory)

    assert reason.role == Role.COORDINATOR
    assert cast.programme.name in reason.sentence


def test_there_is_no_reason_to_see_a_closed_household_for_its_former_buddy(cast, journeys):
    trajectory = journeys[Phase.CLOSED]

    with pytest.raises(Http404):
        policy.reason_to_see(cast.buddy, trajectory.household, trajectory)


def test_household_for_user_or_404_refuses_a_household_of_another_programme(cast, journeys):
    household = journeys[Phase.ACTIVE].household

    with pytest.raises(Http404):
        policy.household_for_user_or_404(cast.other_coordinator, household.uuid)
    assert policy.household_for_user_or_404(cast.coordinator, household.uuid) == household
