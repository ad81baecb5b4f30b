"""The journey's phase changes: referral → intake → matching → active → aftercare → closed,
the active year straight to closed near its end, and a drop-out from any open phase.

Pairing (matching → active) has its own file; the intake (intake → matching) lives in `intake`.
"""

import datetime as dt

import pytest

from kansrijk.core.dates import add_months
from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from kansrijk.trajectories import services
from kansrijk.trajectories.choices import OPEN_PHASES, DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import ProgrammeRoleFactory, UserFactory

# Today is Monday 16 June 2025 (the `frozen_today` fixture). An active year that started on
# 17 July 2024 ends on 17 July 2025: exactly 31 days ahead, the first day it may be rounded off.
LAST_START_NEARLY_OVER = dt.date(2024, 7, 17)


def _free_buddy(cast):
    """A buddy of programme A with room, whose usual backup is the cast's backup."""
    buddy = UserFactory()
    ProgrammeRoleFactory(
        user=buddy,
        programme=cast.programme,
        role=Role.BUDDY,
        capacity=2,
        default_backup=cast.backup,
    )
    return buddy


# Every phase change, as `act(trajectory, by, cast, day)`; `day` is the date it happens on.
ACTIONS = {
    "start the intake": lambda t, by, cast, day: services.trajectory_start_intake(
        trajectory=t, by=by, version=t.version
    ),
    "pair": lambda t, by, cast, day: services.trajectory_match(
        trajectory=t, by=by, buddy=_free_buddy(cast), backup=None, paired_on=day, version=t.version
    ),
    "start the year": lambda t, by, cast, day: services.trajectory_start_year(
        trajectory=t, by=by, start_on=day, version=t.version
    ),
    "start the aftercare": lambda t, by, cast, day: services.trajectory_start_aftercare(
        trajectory=t, by=by, start_on=day, version=t.version
    ),
    "close": lambda t, by, cast, day: services.trajectory_close(
        trajectory=t, by=by, on=day, note="", version=t.version
    ),
    "drop out": lambda t, by, cast, day: services.trajectory_drop_out(
        trajectory=t, by=by, reason=DropOutReason.MOVED, on=day, note="", version=t.version
    ),
}
# The phase each action starts from, with an active year that may be rounded off.
FROM_PHASE = {
    "start the intake": Phase.REFERRED,
    "pair": Phase.MATCHING,
    "start the year": Phase.MATCHED,
    "start the aftercare": Phase.ACTIVE,
    "close": Phase.AFTERCARE,
    "drop out": Phase.ACTIVE,
}


def _ready_for(journey, action: str) -> Trajectory:
    """A trajectory in the phase `action` starts from; an active year is nearly over."""
    phase = FROM_PHASE[action]
    if phase == Phase.ACTIVE:
        return journey(phase, matched_on=LAST_START_NEARLY_OVER)
    return journey(phase)


def test_coordinator_starts_the_intake_of_a_referral(cast, journey, snapshot):
    trajectory = journey(Phase.REFERRED)
    before = snapshot(trajectory)

    services.trajectory_start_intake(
        trajectory=trajectory, by=cast.coordinator, version=trajectory.version
    )

    before.assert_moved(to=Phase.INTAKE, by=cast.coordinator)


@pytest.mark.parametrize("who", ["buddy", "coordinator"])
def test_buddy_or_coordinator_starts_the_aftercare_when_the_year_is_over(
    cast, journey, snapshot, frozen_today, who
):
    trajectory = journey(Phase.ACTIVE, matched_on=add_months(frozen_today, -12))
    before = snapshot(trajectory)

    services.trajectory_start_aftercare(
        trajectory=trajectory, by=getattr(cast, who), start_on=frozen_today, version=1
    )

    after = before.assert_moved(to=Phase.AFTERCARE, by=getattr(cast, who))
    assert after.aftercare_started_on == frozen_today
    assert after.aftercare_ends_on == dt.date(2025, 12, 16)


def test_the_aftercare_may_start_up_to_a_month_before_the_year_ends(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.ACTIVE, matched_on=LAST_START_NEARLY_OVER)
    before = snapshot(trajectory)

    services.trajectory_start_aftercare(
        trajectory=trajectory, by=cast.buddy, start_on=frozen_today, version=1
    )

    before.assert_moved(to=Phase.AFTERCARE, by=cast.buddy)


def test_the_aftercare_cannot_start_more_than_a_month_before_the_year_ends(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.ACTIVE, matched_on=LAST_START_NEARLY_OVER + dt.timedelta(days=1))
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Aftercare starts when the active year ends"):
        services.trajectory_start_aftercare(
            trajectory=trajectory, by=cast.buddy, start_on=frozen_today, version=1
        )

    before.assert_unchanged()


def test_coordinator_closes_a_trajectory_after_its_aftercare(cast, journey, snapshot, frozen_today):
    trajectory = journey(Phase.AFTERCARE)
    before = snapshot(trajectory)

    services.trajectory_close(
        trajectory=trajectory,
        by=cast.coordinator,
        on=frozen_today,
        note="Debts are in order.",
        version=1,
    )

    after = before.assert_moved(to=Phase.CLOSED, by=cast.coordinator)
    assert (after.ended_on, after.end_note) == (frozen_today, "Debts are in order.")
    assert after.phase_changes.last().note == "Debts are in order."


def test_coordinator_closes_an_active_year_that_ends_within_a_month(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.ACTIVE, matched_on=LAST_START_NEARLY_OVER)
    before = snapshot(trajectory)

    services.trajectory_close(
        trajectory=trajectory, by=cast.coordinator, on=frozen_today, note="", version=1
    )

    assert before.assert_moved(to=Phase.CLOSED, by=cast.coordinator).ended_on == frozen_today


def test_an_active_year_cannot_be_closed_early_and_the_refusal_says_to_record_a_drop_out(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.ACTIVE, matched_on=LAST_START_NEARLY_OVER + dt.timedelta(days=1))
    before = snapshot(trajectory)

    with pytest.raises(Refused) as refusal:
        services.trajectory_close(
            trajectory=trajectory, by=cast.coordinator, on=frozen_today, note="", version=1
        )

    assert "runs until 18 July 2025" in refusal.value.message
    assert "record a drop-out" in refusal.value.message
    before.assert_unchanged()


@pytest.mark.parametrize("phase", OPEN_PHASES)
def test_coordinator_records_a_drop_out_from_every_open_phase(
    cast, journey, snapshot, frozen_today, phase
):
    trajectory = journey(phase)
    before = snapshot(trajectory)

    services.trajectory_drop_out(
        trajectory=trajectory,
        by=cast.coordinator,
        reason=DropOutReason.NO_CONTACT,
        on=frozen_today,
        note="Phone disconnected.",
        version=1,
    )

    after = before.assert_moved(to=Phase.DROPPED_OUT, by=cast.coordinator)
    assert after.drop_out_reason == DropOutReason.NO_CONTACT
    assert (after.ended_on, after.end_note) == (frozen_today, "Phone disconnected.")
    assert after.phase_changes.last().note == DropOutReason.NO_CONTACT.label


@pytest.mark.parametrize(
    ("phase", "action"),
    [
        (Phase.REFERRED, "close"),
        (Phase.INTAKE, "close"),
        (Phase.MATCHING, "close"),
        (Phase.REFERRED, "pair"),
        (Phase.INTAKE, "pair"),
        (Phase.MATCHED, "pair"),
        (Phase.MATCHING, "start the year"),
        (Phase.ACTIVE, "start the year"),
        (Phase.INTAKE, "start the intake"),
        (Phase.MATCHING, "start the intake"),
        (Phase.ACTIVE, "start the intake"),
        (Phase.REFERRED, "start the aftercare"),
        (Phase.MATCHING, "start the aftercare"),
        (Phase.AFTERCARE, "start the aftercare"),
        *[(ended, action) for ended in (Phase.CLOSED, Phase.DROPPED_OUT) for action in ACTIONS],
    ],
)
def test_a_move_that_does_not_follow_the_journey_is_refused(
    cast, journey, snapshot, frozen_today, phase, action
):
    trajectory = journey(phase)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="cannot move to"):
        ACTIONS[action](trajectory, cast.coordinator, cast, frozen_today)

    before.assert_unchanged()


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("buddy", "start the intake"),
        ("buddy", "pair"),
        ("backup", "start the year"),
        ("funder", "start the year"),
        ("buddy", "close"),
        ("buddy", "drop out"),
        ("backup", "start the aftercare"),
        ("backup", "close"),
        ("funder", "close"),
        ("stranger", "drop out"),
        *[("other_coordinator", action) for action in ACTIONS],
    ],
)
def test_only_the_right_people_change_the_phase(cast, journey, snapshot, frozen_today, who, action):
    trajectory = _ready_for(journey, action)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Only"):
        ACTIONS[action](trajectory, getattr(cast, who), cast, frozen_today)

    before.assert_unchanged()


@pytest.mark.parametrize("action", ACTIONS)
def test_the_right_person_may_do_each_move_in_the_right_phase(
    cast, journey, snapshot, frozen_today, action
):
    # The counterpart of the refusals above: the same move, by the coordinator, goes through.
    trajectory = _ready_for(journey, action)
    before = snapshot(trajectory)

    moved = ACTIONS[action](trajectory, cast.coordinator, cast, frozen_today)

    before.assert_moved(to=moved.phase, by=cast.coordinator)


@pytest.mark.parametrize("action", ACTIONS)
def test_a_change_made_on_an_old_version_is_refused_and_changes_nothing(
    cast, journey, snapshot, frozen_today, action
):
    trajectory = _ready_for(journey, action)
    # Someone else saved the trajectory after this user opened the form.
    Trajectory.objects.filter(pk=trajectory.pk).update(version=2)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Someone else changed this household in the meantime"):
        ACTIONS[action](trajectory, cast.coordinator, cast, frozen_today)

    before.assert_unchanged()


def test_of_two_coordinators_on_the_same_version_the_second_is_refused(
    cast, journey, snapshot, frozen_today
):
    colleague = UserFactory()
    ProgrammeRoleFactory(user=colleague, programme=cast.programme, role=Role.COORDINATOR)
    trajectory = journey(Phase.REFERRED)
    seen_by_colleague = Trajectory.objects.get(pk=trajectory.pk)
    services.trajectory_start_intake(trajectory=trajectory, by=cast.coordinator, version=1)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Someone else changed"):
        services.trajectory_drop_out(
            trajectory=seen_by_colleague,
            by=colleague,
            reason=DropOutReason.OTHER,
            on=frozen_today,
            note="",
            version=seen_by_colleague.version,
        )

    before.assert_unchanged()
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.INTAKE


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("pair", "Participant and buddy cannot say yes on a future date."),
        ("start the year", "The year cannot start in the future."),
        ("start the aftercare", "The aftercare cannot start in the future."),
        ("close", "A trajectory cannot be closed on a future date."),
        ("drop out", "A drop-out cannot be recorded on a future date."),
    ],
)
def test_a_phase_change_cannot_be_dated_in_the_future(
    cast, journey, snapshot, frozen_today, action, message
):
    trajectory = _ready_for(journey, action)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match=message):
        ACTIONS[action](trajectory, cast.coordinator, cast, frozen_today + dt.timedelta(days=1))

    before.assert_unchanged()


@pytest.mark.parametrize("phase", [Phase.INTAKE, Phase.ACTIVE])
def test_a_drop_out_cannot_be_dated_before_the_referral_or_the_start_of_the_year(
    cast, journey, snapshot, phase
):
    trajectory = journey(phase)
    before = snapshot(trajectory)
    started = trajectory.matched_on or trajectory.referred_on

    with pytest.raises(Refused, match="A drop-out cannot be before the start"):
        services.trajectory_drop_out(
            trajectory=trajectory,
            by=cast.coordinator,
            reason=DropOutReason.MOVED,
            on=started - dt.timedelta(days=1),
            note="",
            version=1,
        )

    before.assert_unchanged()


def test_an_aftercare_cannot_be_closed_on_a_day_before_it_began(cast, journey, snapshot):
    trajectory = journey(Phase.AFTERCARE)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="cannot be closed before its last phase began"):
        services.trajectory_close(
            trajectory=trajectory,
            by=cast.coordinator,
            on=trajectory.aftercare_started_on - dt.timedelta(days=1),
            note="",
            version=1,
        )

    before.assert_unchanged()


def test_a_drop_out_needs_one_of_the_known_reasons(cast, journey, snapshot, frozen_today):
    trajectory = journey(Phase.ACTIVE)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Choose a reason"):
        services.trajectory_drop_out(
            trajectory=trajectory,
            by=cast.coordinator,
            reason="bored",
            on=frozen_today,
            note="",
            version=1,
        )

    before.assert_unchanged()
