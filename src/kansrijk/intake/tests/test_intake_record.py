"""Recording the intake: the household then waits for a buddy."""

import datetime as dt

import pytest

from kansrijk.core.errors import Refused
from kansrijk.intake.models import Intake
from kansrijk.intake.services import intake_record
from kansrijk.trajectories.choices import Phase


def _record(trajectory, by, *, held_on, version=None):
    return intake_record(
        trajectory=trajectory,
        by=by,
        held_on=held_on,
        stress_now="The energy bill.",
        wishes="To sleep without worrying.",
        strengths="Good with numbers.",
        availability="Tuesday evenings",
        version=trajectory.version if version is None else version,
    )


def test_the_intake_is_recorded_and_the_household_moves_to_matching(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.INTAKE)
    before = snapshot(trajectory)

    intake = _record(trajectory, cast.coordinator, held_on=frozen_today)

    before.assert_moved(to=Phase.MATCHING, by=cast.coordinator)
    assert (intake.held_on, intake.wishes, intake.recorded_by) == (
        frozen_today,
        "To sleep without worrying.",
        cast.coordinator,
    )


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "The intake cannot be held on a future date."),
        (-31, "The intake cannot be held before the referral."),
    ],
)
def test_an_intake_dated_in_the_future_or_before_the_referral_is_refused(
    cast, journey, snapshot, frozen_today, days, message
):
    trajectory = journey(Phase.INTAKE)  # referred 30 days ago
    before = snapshot(trajectory)

    with pytest.raises(Refused, match=message):
        _record(trajectory, cast.coordinator, held_on=frozen_today + dt.timedelta(days=days))

    before.assert_unchanged()
    assert not Intake.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_a_coordinator_of_the_programme_records_the_intake(
    cast, journey, snapshot, frozen_today, who
):
    trajectory = journey(Phase.INTAKE)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Only a coordinator of this programme"):
        _record(trajectory, getattr(cast, who), held_on=frozen_today)

    before.assert_unchanged()
    assert not Intake.objects.exists()


@pytest.mark.parametrize("phase", [Phase.REFERRED, Phase.MATCHING, Phase.CLOSED])
def test_an_intake_outside_the_intake_phase_is_refused(
    cast, journey, snapshot, frozen_today, phase
):
    trajectory = journey(phase)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="cannot move to"):
        _record(trajectory, cast.coordinator, held_on=frozen_today)

    before.assert_unchanged()
    assert not Intake.objects.exists()


def test_an_intake_on_an_old_version_is_refused_and_nothing_is_saved(
    cast, journey, snapshot, frozen_today
):
    trajectory = journey(Phase.INTAKE)
    before = snapshot(trajectory)

    with pytest.raises(Refused, match="Someone else changed"):
        _record(trajectory, cast.coordinator, held_on=frozen_today, version=9)

    before.assert_unchanged()
    assert not Intake.objects.exists()
