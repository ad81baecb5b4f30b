"""Rules the database holds on its own, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction

from kansrijk.core.phases import Phase
from kansrijk.people.choices import MemberRelation, Role
from tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    ProgrammeRoleFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db


def test_a_child_is_recorded_without_a_family_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdMemberFactory(relation=MemberRelation.CHILD, family_name="Jansen")


def test_a_child_is_recorded_with_a_birth_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdMemberFactory(relation=MemberRelation.CHILD, birth_year=None)


def test_a_child_with_a_first_name_and_birth_year_is_fine():
    child = HouseholdMemberFactory(relation=MemberRelation.CHILD)

    assert (child.family_name, child.birth_year) == ("", 2015)


def test_an_adult_may_have_a_family_name_and_no_birth_year():
    partner = HouseholdMemberFactory(relation=MemberRelation.PARTNER, birth_year=None)

    assert partner.family_name == "Householdname"


@pytest.mark.parametrize("capacity", [0, 3])
def test_a_buddy_coaches_one_or_two_households_at_once(capacity):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeRoleFactory(role=Role.BUDDY, capacity=capacity)


def test_a_user_holds_each_role_once_per_programme():
    role = ProgrammeRoleFactory(role=Role.COORDINATOR)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeRoleFactory(user=role.user, programme=role.programme, role=Role.COORDINATOR)


def test_a_household_walks_one_open_journey_at_a_time():
    household = HouseholdFactory()
    TrajectoryFactory(household=household, matching=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectoryFactory(household=household)


def test_a_household_may_start_a_new_journey_after_the_last_one_ended():
    household = HouseholdFactory()
    TrajectoryFactory(household=household, dropped_out=True)

    again = TrajectoryFactory(household=household)

    assert again.phase == Phase.REFERRED


@pytest.mark.parametrize("phase", [Phase.ACTIVE, Phase.AFTERCARE])
def test_a_coached_journey_has_a_buddy_and_a_start_date(phase):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectoryFactory(phase=phase, buddy=None, matched_on=None)
