"""Fixtures for the outcomes' tests: a coached household and a way to record on it."""

import pytest

from kansrijk.outcomes import services
from kansrijk.outcomes.choices import OutcomeKind
from kansrijk.trajectories.choices import Phase
from tests.factories import outcome_type_of


@pytest.fixture
def coached(journey):
    """An active household of the cast's buddy; its backup sees the basic details."""
    return journey(Phase.ACTIVE)


@pytest.fixture
def kind_type(cast):
    def get(kind: OutcomeKind, programme=None):
        return outcome_type_of(programme or cast.programme, kind)

    return get


@pytest.fixture
def record(cast, kind_type, frozen_today):
    """Record an outcome through the service, by the coordinator unless `by=` says else."""

    def make(trajectory, kind=OutcomeKind.HOUSING_FOUND, *, by=None, details=None, **kwargs):
        kwargs.setdefault("reached_on", frozen_today)
        return services.outcome_record(
            trajectory=trajectory,
            by=by or cast.coordinator,
            outcome_type=kind_type(kind, trajectory.household.programme),
            details=details,
            **kwargs,
        )

    return make
