"""A programme's outcome types start with the defaults when the programme is made, and a
programme made before that gets them from a data migration: reading them never installs them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from kansrijk.outcomes.choices import DEFAULT_TYPES, OutcomeKind
from kansrijk.outcomes.models import OutcomeType
from kansrijk.outcomes.selectors import outcome_types
from tests.factories import ProgrammeFactory

BEFORE = [("outcomes", "0001_initial")]


def _kinds(programme) -> list[str]:
    return list(
        OutcomeType.objects.filter(programme=programme)
        .order_by("position")
        .values_list("kind", flat=True)
    )


def test_a_new_programme_starts_with_the_default_outcome_types(db):
    programme = ProgrammeFactory()
    assert _kinds(programme) == list(DEFAULT_TYPES)


def test_reading_the_outcome_types_installs_nothing(cast):
    OutcomeType.objects.filter(programme=cast.programme).delete()
    with CaptureQueriesContext(connection) as captured:
        assert outcome_types(cast.programme, active_only=False) == []
    assert not [q for q in captured.captured_queries if q["sql"].startswith("INSERT")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_older_programmes_the_defaults_and_leaves_others_alone():
    older, own = ProgrammeFactory(), ProgrammeFactory()
    try:
        _migrate(BEFORE)
        # Made before the change: one programme never had its types shown, so it has none;
        # the other chose its own, which the migration must leave exactly as they are.
        OutcomeType.objects.filter(programme=older).delete()
        OutcomeType.objects.filter(programme=own).exclude(kind=OutcomeKind.PAID_WORK).delete()

        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

        assert _kinds(older) == list(DEFAULT_TYPES)
        assert _kinds(own) == [OutcomeKind.PAID_WORK]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
