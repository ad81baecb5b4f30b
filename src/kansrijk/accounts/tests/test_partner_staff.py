"""A person of a partner organisation reads files by consent, so they are staff: they set up
the second factor like other professionals. A participant is never staff."""

import pytest

from kansrijk.access.services import participant_account_create
from kansrijk.accounts.selectors import counts_as_staff
from kansrijk.core.phases import Phase
from tests.factories import UserFactory


@pytest.mark.usefixtures("frozen_today")
def test_a_person_of_an_organisation_needs_a_second_factor_a_participant_does_not(cast, journey):
    coached = journey(Phase.ACTIVE)
    assert counts_as_staff(UserFactory(organisation=cast.organisation))
    assert not counts_as_staff(UserFactory())

    participant = participant_account_create(
        household=coached.household, trajectory=coached, by=coached.buddy, email="fa@example.nl"
    )
    participant.organisation = cast.organisation
    participant.save()
    assert not counts_as_staff(participant)
