"""Upgrading a database whose intakes kept a first picture of the life domains: the picture had
no targets, so it cannot become a start assessment; its levels stay readable in the intake's
notes, and the picture step counts as not saved, so the start assessment is asked for again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kansrijk.intake.models import Intake
from kansrijk.trajectories.choices import Phase

BEFORE = [("intake", "0004_intake_steps")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_first_picture_saved_before_is_kept_in_words_in_the_intakes_notes(cast, journey):
    pictured, plain = journey(Phase.INTAKE), journey(Phase.INTAKE)
    try:
        old = _migrate(BEFORE)
        OldIntake = old.get_model("intake", "Intake")
        OldIntake.objects.create(
            trajectory_id=pictured.pk,
            first_picture={"finances": 1, "work": 3},
            notes="Was in hospital.",
            steps_saved=[1, 2, 3, 4],
            recorded_by_id=cast.coordinator.pk,
        )
        OldIntake.objects.create(
            trajectory_id=plain.pk, steps_saved=[1, 2], recorded_by_id=cast.coordinator.pk
        )

        _migrate(_latest())

        kept = Intake.objects.get(trajectory=pictured)
        assert kept.notes == "Was in hospital.\n\nEerste beeld bij de intake: financiën 1, werk 3"
        assert kept.steps_saved == [1, 2, 3]
        untouched = Intake.objects.get(trajectory=plain)
        assert (untouched.notes, untouched.steps_saved) == ("", [1, 2])
    finally:
        _migrate(_latest())
