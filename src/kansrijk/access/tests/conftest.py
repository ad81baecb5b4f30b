"""What the consent tests share: a coached household without consent, and recording one."""

import pytest

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.services import consent_record
from kansrijk.core.phases import Phase


@pytest.fixture
def coached(journey):
    """An active household whose participant has not (yet) given any consent."""
    return journey(Phase.ACTIVE, backup_consent=False)


def give_consent(trajectory, by, **kwargs):
    """Record a consent through the service: the backup sees the basic details unless told."""
    kwargs.setdefault("recipient", Recipient.BACKUP)
    kwargs.setdefault("parts", {FilePart.BASIC})
    kwargs.setdefault("starts_on", trajectory.referred_on)
    kwargs.setdefault("ends_on", None)
    kwargs.setdefault("method", ConsentMethod.IN_PERSON)
    return consent_record(household=trajectory.household, trajectory=trajectory, by=by, **kwargs)
