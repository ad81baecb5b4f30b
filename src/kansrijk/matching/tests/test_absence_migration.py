"""Upgrading a database made while matching kept its own "away" and "trained": every holiday
becomes a break in the Academie, every "training not finished" a hold there, no row is lost,
and reminders and matching then see both. Backwards, the profiles get them back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kansrijk.academy.choices import Block, PauseReason
from kansrijk.academy.models import Pause, TrainingHold
from kansrijk.academy.selectors import is_paused, readiness
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole
from tests.factories import ProgrammeRoleFactory, UserFactory

BEFORE = [("matching", "0002_home_area_and_weights")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _buddy(cast, name: str) -> ProgrammeRole:
    return ProgrammeRoleFactory(
        user=UserFactory(first_name=name), programme=cast.programme, role=Role.BUDDY
    )


@pytest.mark.django_db(transaction=True)
def test_matchings_holidays_and_training_flags_move_to_the_academie_without_loss(
    cast, frozen_today
):
    away, back, untrained, ill = (_buddy(cast, n) for n in ("Amira", "Bart", "Carla", "Dirk"))
    existing = Pause.objects.create(
        user=ill.user,
        starts_on=frozen_today - dt.timedelta(days=2),
        ends_on=frozen_today + dt.timedelta(days=5),
        reason=PauseReason.ILLNESS,
        recorded_by=cast.coordinator,
    )
    try:
        old = _migrate(BEFORE)
        OldProfile = old.get_model("matching", "BuddyProfile")
        OldProfile.objects.create(
            role_id=away.pk, unavailable_until=frozen_today + dt.timedelta(days=10)
        )
        OldProfile.objects.create(
            role_id=back.pk, unavailable_until=frozen_today - dt.timedelta(days=30)
        )
        OldProfile.objects.create(role_id=untrained.pk, training_complete=False)
        OldProfile.objects.create(role_id=ill.pk)

        _migrate(_latest())

        moved = Pause.objects.exclude(pk=existing.pk)
        assert sorted(
            (p.user_id, p.starts_on, p.ends_on, p.reason, p.recorded_by_id) for p in moved
        ) == sorted(
            [
                (
                    away.user_id,
                    frozen_today,
                    frozen_today + dt.timedelta(days=10),
                    "holiday",
                    None,
                ),
                (
                    back.user_id,
                    frozen_today - dt.timedelta(days=30),
                    frozen_today - dt.timedelta(days=30),
                    "holiday",
                    None,
                ),
            ]
        )
        assert Pause.objects.get(pk=existing.pk).recorded_by == cast.coordinator
        assert list(TrainingHold.objects.values_list("role_id", flat=True)) == [untrained.pk]
        # The bug this merge ends: a buddy away in matching's profile still got reminders.
        assert is_paused(away.user) and not is_paused(back.user)
        assert readiness(cast.programme) == {
            away.user_id: Block.PAUSED,
            untrained.user_id: Block.UNTRAINED,
            ill.user_id: Block.PAUSED,
        }

        old = _migrate(BEFORE)
        OldProfile = old.get_model("matching", "BuddyProfile")
        assert sorted(
            OldProfile.objects.values_list("role_id", "unavailable_until", "training_complete")
        ) == sorted(
            [
                (away.pk, frozen_today + dt.timedelta(days=10), True),
                (back.pk, frozen_today - dt.timedelta(days=30), True),
                (untrained.pk, None, False),
                (ill.pk, None, True),
            ]
        )
        assert list(Pause.objects.values_list("pk", flat=True)) == [existing.pk]
    finally:
        _migrate(_latest())
