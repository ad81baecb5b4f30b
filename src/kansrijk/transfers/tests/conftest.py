"""Fixtures for the transfers' tests: programme B's areas and buddy, and a request to make."""

import pytest

from kansrijk.people.choices import Role
from kansrijk.transfers import services
from tests.factories import AreaFactory, ProgrammeRoleFactory, UserFactory


@pytest.fixture
def lewenborg(cast):
    """Another area of programme A."""
    return AreaFactory(programme=cast.programme, name="Lewenborg", slug="lewenborg")


@pytest.fixture
def selwerd(cast):
    """An area of programme B (the other coordinator's)."""
    return AreaFactory(programme=cast.other_programme, name="Selwerd", slug="selwerd")


@pytest.fixture
def b_buddy(cast):
    """A buddy of programme B with room and a usual backup there."""
    buddy, backup = UserFactory(first_name="Wim"), UserFactory(first_name="Wendy")
    ProgrammeRoleFactory(user=backup, programme=cast.other_programme, role=Role.BACKUP)
    ProgrammeRoleFactory(
        user=buddy, programme=cast.other_programme, role=Role.BUDDY, default_backup=backup
    )
    return buddy


@pytest.fixture
def request_to(cast):
    def make(trajectory, area, by=None, reason="The family moved house."):
        return services.transfer_request(
            household=trajectory.household, by=by or cast.coordinator, to_area=area, reason=reason
        )

    return make
