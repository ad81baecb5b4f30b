"""Who opens a Doorbraak case: the professionals whose consent a case reaches, not the buddy."""

import pytest

from kansrijk.access import policy
from kansrijk.access.choices import Recipient
from kansrijk.escalation import rules
from kansrijk.trajectories.choices import Phase
from tests.factories import ConsentFactory, ProgrammeRoleFactory, UserFactory


@pytest.mark.parametrize(
    ("who", "may"),
    [("coordinator", True), ("backup", True), ("buddy", False), ("funder", False)],
)
def test_professionals_open_doorbraak_cases_not_the_buddy(cast, journey, who, may):
    trajectory = journey(Phase.ACTIVE)

    assert rules.may_open_case(getattr(cast, who), trajectory) is may


@pytest.mark.parametrize(
    ("recipient", "may"), [(Recipient.DOORBRAAK, True), (Recipient.ORGANISATION, False)]
)
def test_a_consent_opens_cases_only_for_the_recipients_a_case_reaches(
    cast, journey, recipient, may
):
    """A Doorbraak professional with consent opens a case; a consent naming an organisation
    never lets its people open one (`access.parts` names the backup and Doorbraak as the
    recipients)."""
    trajectory = journey(Phase.ACTIVE, backup_consent=False)
    user = UserFactory(organisation=cast.organisation)
    if recipient == Recipient.DOORBRAAK:
        ProgrammeRoleFactory(user=user, programme=cast.programme, role="doorbraak")
    named = cast.organisation if recipient == Recipient.ORGANISATION else None
    ConsentFactory(
        household=trajectory.household,
        recipient=recipient,
        organisation=named,
        plan=True,
        sensitive=True,
    )

    household = trajectory.household
    assert policy.consented_as(user, household, trajectory) == {recipient}  # they read the file
    assert rules.may_open_case(user, trajectory) is may
