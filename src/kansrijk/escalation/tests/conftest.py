"""The cast of the escalation tests: a coached household, a covering colleague, a Doorbraak
professional, and the participant's consent for Doorbraak when a test asks for it."""

import pytest

from kansrijk.access.choices import Recipient
from kansrijk.escalation import services
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    ConsentFactory,
    HouseholdMemberFactory,
    ProgrammeRoleFactory,
    UserFactory,
)

PARTICIPANT = "Fatima El Amrani"


@pytest.fixture
def coached(journey):
    """Fatima's household in its active year; she lets the backup see the basic details."""
    trajectory = journey(Phase.ACTIVE, household__display_name=PARTICIPANT)
    HouseholdMemberFactory(
        household=trajectory.household,
        relation=MemberRelation.PARTICIPANT,
        given_name="Fatima",
        family_name="El Amrani",
    )
    HouseholdMemberFactory(
        household=trajectory.household,
        relation=MemberRelation.CHILD,
        given_name="Nour",
        birth_year=2014,
    )
    return trajectory


@pytest.fixture
def colleague(cast):
    """Another backup professional of programme A, who covers when the cast's backup is away."""
    user = UserFactory(username="colleague", first_name="Cor", last_name="Collega")
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.BACKUP)
    return user


@pytest.fixture
def doorbraak_pro(cast):
    user = UserFactory(username="doorbraak", first_name="Ruud", last_name="Kuipers")
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.DOORBRAAK)
    return user


@pytest.fixture
def doorbraak_consent(cast):
    """Record that the participant lets Doorbraak professionals see the basic details."""

    def give(trajectory):
        return ConsentFactory(
            household=trajectory.household,
            recipient=Recipient.DOORBRAAK,
            assessments=False,
            recorded_by=cast.coordinator,
            starts_on=trajectory.referred_on,
        )

    return give


@pytest.fixture
def raised(cast, coached):
    """A signal the buddy raised about Fatima's household: `raised(kind="urgent")`."""

    def make(kind: str = "question", description: str = "De huurtoeslag is gestopt."):
        return services.signal_raise(
            trajectory=coached, by=cast.buddy, kind=kind, description=description
        )

    return make
