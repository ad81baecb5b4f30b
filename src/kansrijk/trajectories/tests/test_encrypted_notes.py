"""The note at the end of a trajectory is stored encrypted, and so is its copy in the phase change."""

from kansrijk.trajectories import services
from kansrijk.trajectories.choices import DropOutReason, Phase
from tests.encryption import assert_encrypted_at_rest


def test_the_close_note_and_its_copy_in_the_phase_change_are_encrypted_at_rest(
    cast, journey, frozen_today
):
    trajectory = journey(Phase.AFTERCARE)

    closed = services.trajectory_close(
        trajectory=trajectory,
        by=cast.coordinator,
        on=frozen_today,
        note="Debts are in order; the violence stopped.",
        version=trajectory.version,
    )

    assert_encrypted_at_rest(closed, "end_note", "Debts are in order; the violence stopped.")
    change = closed.phase_changes.last()
    assert_encrypted_at_rest(change, "note", "Debts are in order; the violence stopped.")


def test_the_explanation_of_a_drop_out_is_encrypted_at_rest(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)

    dropped = services.trajectory_drop_out(
        trajectory=trajectory,
        by=cast.coordinator,
        reason=DropOutReason.HEALTH,
        on=frozen_today,
        note="Admitted for addiction care.",
        version=trajectory.version,
    )

    assert_encrypted_at_rest(dropped, "end_note", "Admitted for addiction care.")
