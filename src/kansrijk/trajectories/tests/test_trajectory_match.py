"""Pairing a waiting household with a buddy and a backup professional: the household is matched,
its year waits for the first meeting."""

import datetime as dt

import pytest

from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole
from kansrijk.trajectories import services
from kansrijk.trajectories.choices import Phase
from tests.factories import ProgrammeRoleFactory, UserFactory


@pytest.fixture
def waiting(journey):
    """A household of programme A that had its intake and waits for a buddy."""
    return journey(Phase.MATCHING)


def _pair(trajectory, by, buddy, *, paired_on, backup=None, version=None):
    return services.trajectory_match(
        trajectory=trajectory,
        by=by,
        buddy=buddy,
        backup=backup,
        paired_on=paired_on,
        version=trajectory.version if version is None else version,
    )


def _buddy_capacity(cast, capacity: int) -> None:
    ProgrammeRole.objects.filter(user=cast.buddy, role=Role.BUDDY).update(capacity=capacity)


def test_coordinator_pairs_a_waiting_household_and_its_year_waits_for_the_first_meeting(
    cast, waiting, snapshot, frozen_today
):
    before = snapshot(waiting)

    _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today)

    after = before.assert_moved(to=Phase.MATCHED, by=cast.coordinator)
    assert (after.buddy, after.backup, after.paired_on) == (cast.buddy, cast.backup, frozen_today)
    assert after.matched_on is None
    assert after.phase_changes.last().note == str(cast.buddy)


def test_the_active_year_may_paired_on_an_earlier_day_after_the_referral(
    cast, waiting, snapshot, frozen_today
):
    # Recorded a few days late: the year starts on the day both said yes.
    before = snapshot(waiting)
    said_yes = frozen_today - dt.timedelta(days=3)

    _pair(waiting, cast.coordinator, cast.buddy, paired_on=said_yes)

    assert before.assert_moved(to=Phase.MATCHED, by=cast.coordinator).paired_on == said_yes


def test_a_chosen_backup_professional_replaces_the_buddys_usual_one(cast, waiting, frozen_today):
    colleague = UserFactory()
    ProgrammeRoleFactory(user=colleague, programme=cast.programme, role=Role.BACKUP)

    after = _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today, backup=colleague)

    assert after.backup == colleague


@pytest.mark.parametrize("phase", [Phase.MATCHED, Phase.ACTIVE, Phase.AFTERCARE])
def test_a_buddy_with_room_for_one_who_coaches_one_household_cannot_take_another(
    cast, journey, waiting, snapshot, frozen_today, phase
):
    journey(phase)
    before = snapshot(waiting)

    with pytest.raises(Refused, match="which is their maximum"):
        _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today)

    before.assert_unchanged()


def test_a_buddy_with_room_for_two_takes_a_second_household_but_not_a_third(
    cast, journey, snapshot, frozen_today
):
    _buddy_capacity(cast, 2)
    journey(Phase.ACTIVE)
    second, third = journey(Phase.MATCHING), journey(Phase.MATCHING)

    _pair(second, cast.coordinator, cast.buddy, paired_on=frozen_today)
    before = snapshot(third)
    with pytest.raises(Refused, match="already coaches 2 household"):
        _pair(third, cast.coordinator, cast.buddy, paired_on=frozen_today)

    before.assert_unchanged()
    assert services.buddy_load(cast.buddy) == 2


@pytest.mark.parametrize("ended", [Phase.CLOSED, Phase.DROPPED_OUT])
def test_a_household_whose_journey_ended_no_longer_counts_for_the_buddy(
    cast, journey, waiting, snapshot, frozen_today, ended
):
    journey(ended)
    before = snapshot(waiting)

    _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today)

    before.assert_moved(to=Phase.MATCHED, by=cast.coordinator)


def test_a_buddy_of_another_programme_cannot_be_paired(cast, waiting, snapshot, frozen_today):
    outsider = UserFactory()
    ProgrammeRoleFactory(user=outsider, programme=cast.other_programme, role=Role.BUDDY)
    before = snapshot(waiting)

    with pytest.raises(Refused, match="is not an active buddy in this programme"):
        _pair(waiting, cast.coordinator, outsider, paired_on=frozen_today, backup=cast.backup)

    before.assert_unchanged()


def test_a_buddy_whose_role_ended_cannot_be_paired(cast, waiting, snapshot, frozen_today):
    ProgrammeRole.objects.filter(user=cast.buddy).update(active=False)
    before = snapshot(waiting)

    with pytest.raises(Refused, match="is not an active buddy in this programme"):
        _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today)

    before.assert_unchanged()


def test_a_backup_professional_cannot_be_paired_as_the_buddy(cast, waiting, snapshot, frozen_today):
    before = snapshot(waiting)

    with pytest.raises(Refused, match="is not an active buddy"):
        _pair(waiting, cast.coordinator, cast.backup, paired_on=frozen_today)

    before.assert_unchanged()


def test_a_backup_professional_of_another_programme_cannot_be_chosen(
    cast, waiting, snapshot, frozen_today
):
    outsider = UserFactory()
    ProgrammeRoleFactory(user=outsider, programme=cast.other_programme, role=Role.BACKUP)
    before = snapshot(waiting)

    with pytest.raises(Refused, match="is not a backup professional in this programme"):
        _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today, backup=outsider)

    before.assert_unchanged()


def test_without_a_chosen_or_usual_backup_professional_the_pairing_is_refused(
    cast, waiting, snapshot, frozen_today
):
    ProgrammeRole.objects.filter(user=cast.buddy).update(default_backup=None)
    before = snapshot(waiting)

    with pytest.raises(Refused, match="Choose a backup professional"):
        _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today)

    before.assert_unchanged()


def test_both_cannot_say_yes_in_the_future(cast, waiting, snapshot, frozen_today):
    before = snapshot(waiting)

    with pytest.raises(Refused, match="cannot say yes on a future date"):
        _pair(
            waiting,
            cast.coordinator,
            cast.buddy,
            paired_on=frozen_today + dt.timedelta(days=1),
        )

    before.assert_unchanged()


def test_both_cannot_say_yes_before_the_referral(cast, waiting, snapshot):
    before = snapshot(waiting)

    with pytest.raises(Refused, match="cannot say yes before the referral"):
        _pair(
            waiting,
            cast.coordinator,
            cast.buddy,
            paired_on=waiting.referred_on - dt.timedelta(days=1),
        )

    before.assert_unchanged()


@pytest.mark.parametrize("who", ["buddy", "backup", "other_coordinator", "funder"])
def test_only_a_coordinator_of_the_programme_pairs(cast, waiting, snapshot, frozen_today, who):
    before = snapshot(waiting)

    with pytest.raises(Refused, match="Only a coordinator of this programme"):
        _pair(waiting, getattr(cast, who), cast.buddy, paired_on=frozen_today)

    before.assert_unchanged()


def test_a_pairing_on_an_old_version_is_refused(cast, waiting, snapshot, frozen_today):
    before = snapshot(waiting)

    with pytest.raises(Refused, match="Someone else changed"):
        _pair(waiting, cast.coordinator, cast.buddy, paired_on=frozen_today, version=7)

    before.assert_unchanged()
