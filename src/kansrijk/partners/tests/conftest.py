import pytest

from kansrijk.people.choices import Role
from tests.factories import OrganisationFactory, ProgrammeRoleFactory, UserFactory


@pytest.fixture
def referrer(cast):
    """Petra of WIJ Beijum, who signs households up for programme A."""
    user = UserFactory(
        username="referrer",
        first_name="Petra",
        last_name="Verwijzer",
        organisation=cast.organisation,
    )
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.REFERRER)
    return user


@pytest.fixture
def other_referrer(cast):
    """A referrer of the same programme at another organisation."""
    user = UserFactory(
        username="other-referrer", first_name="Otto", organisation=OrganisationFactory()
    )
    ProgrammeRoleFactory(user=user, programme=cast.programme, role=Role.REFERRER)
    return user
