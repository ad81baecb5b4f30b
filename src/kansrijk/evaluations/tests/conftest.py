"""Fixtures for the evaluations' tests: a household that finished, with a portal account."""

import pytest

from kansrijk.access.services import participant_account_create
from kansrijk.trajectories.choices import Phase


@pytest.fixture
def closed(journey):
    """A household of programme A that finished a month ago."""
    return journey(Phase.CLOSED)


@pytest.fixture
def participant(cast, closed):
    """The closed household's participant, with her portal account."""
    return participant_account_create(
        household=closed.household, trajectory=closed, by=cast.coordinator, email="p@example.org"
    )
