"""Upgrading a database with assessments made before frameworks existed: every assessment gets
the default framework's first version, every score its domain by code, nothing else changes."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kansrijk.assessments.models import Assessment
from kansrijk.frameworks.selectors import default_framework
from kansrijk.trajectories.choices import Phase
from tests.factories import trajectory_in

BEFORE = [("assessments", "0002_encrypt_notes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_scores_move_onto_the_default_framework_by_their_domain_code():
    trajectory = trajectory_in(Phase.ACTIVE)
    try:
        old = _migrate(BEFORE)
        OldAssessment = old.get_model("assessments", "Assessment")
        OldScore = old.get_model("assessments", "DomainScore")
        assessment = OldAssessment.objects.create(
            trajectory_id=trajectory.pk,
            moment="start",
            held_on=dt.date(2025, 1, 6),
            with_backup=True,
            recorded_by_id=trajectory.buddy_id,
        )
        for code, level in [("home", 2), ("finances", 1), ("work", 4)]:
            OldScore.objects.create(
                assessment=assessment, domain=code, level=level, wanted_level=level + 1
            )

        _migrate(_latest())

        migrated = Assessment.objects.get(pk=assessment.pk)
        assert migrated.framework == default_framework()
        assert (migrated.with_participant, migrated.with_buddy, migrated.with_backup) == (
            True,
            True,
            True,
        )
        scores = migrated.scores.select_related("domain__framework")
        assert sorted((s.domain.code, s.level, s.wanted_level) for s in scores) == [
            ("finances", 1, 2),
            ("home", 2, 3),
            ("work", 4, 5),
        ]
        assert {s.domain.framework.slug for s in scores} == {"kansrijk-five"}
    finally:
        _migrate(_latest())
