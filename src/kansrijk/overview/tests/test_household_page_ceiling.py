"""The household page reads a full file in at most 10 queries (the 4 every logged-in page pays
included), for everyone who may open it, and no more when the file grows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.choices import Recipient
from kansrijk.assessments.choices import Moment
from kansrijk.core.dates import today
from kansrijk.escalation.choices import SignalKind
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.trajectories.choices import Phase
from kansrijk.transfers.choices import TransferStatus
from tests.factories import (
    ActionFactory,
    AppointmentFactory,
    AssessmentFactory,
    ConsentFactory,
    ContactFactory,
    DocumentFactory,
    DoorbraakCaseFactory,
    GoalFactory,
    HouseholdMemberFactory,
    IntakeFactory,
    OutcomeFactory,
    PhaseChangeFactory,
    ProgrammeRoleFactory,
    ReferralFactory,
    SignalFactory,
    TransferFactory,
    UserFactory,
)

CEILING = 10


def _add(trajectory, cast, count: int) -> None:
    """`count` more of every part of the file."""
    household = trajectory.household
    for _ in range(count):
        HouseholdMemberFactory(household=household, relation=MemberRelation.CHILD)
        ContactFactory(trajectory=trajectory, note="Samen naar de Kredietbank.")
        AssessmentFactory(trajectory=trajectory, moment=Moment.EXTRA)
        PhaseChangeFactory(trajectory=trajectory, by=cast.coordinator)
        ActionFactory(goal=GoalFactory(trajectory=trajectory))
        DocumentFactory(household=household)
        SignalFactory(trajectory=trajectory, kind=SignalKind.URGENT)
        DoorbraakCaseFactory(trajectory=trajectory)
        OutcomeFactory(trajectory=trajectory)
        AppointmentFactory(trajectory=trajectory)
        TransferFactory(
            household=household,
            status=TransferStatus.ACCEPTED,
            decided_by=cast.coordinator,
            decided_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        )


@pytest.fixture
def full_file(cast, journey):
    trajectory = journey(Phase.ACTIVE, active_year_extended_to=today() + dt.timedelta(days=400))
    IntakeFactory(trajectory=trajectory)
    ReferralFactory(trajectory=trajectory)
    TransferFactory(household=trajectory.household)  # one waits for an answer
    AssessmentFactory(trajectory=trajectory)
    return trajectory


def _doorbraak_professional(cast, household):
    professional = UserFactory(username="doorbraak")
    ProgrammeRoleFactory(user=professional, programme=cast.programme, role=Role.DOORBRAAK)
    ConsentFactory(
        household=household,
        recipient=Recipient.DOORBRAAK,
        plan=True,
        sensitive=True,
        recorded_by=cast.coordinator,
    )
    return professional


@pytest.mark.parametrize("viewer", ["buddy", "coordinator", "backup", "doorbraak"])
def test_the_household_page_stays_under_ten_queries_however_full(client, cast, full_file, viewer):
    if viewer == "doorbraak":
        user = _doorbraak_professional(cast, full_file.household)
    else:
        user = getattr(cast, viewer)
    client.force_login(user)
    url = reverse("household", args=[full_file.household.uuid])
    client.get(url)  # a flushed test database sets up the shipped framework on first use

    _add(full_file, cast, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _add(full_file, cast, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)

    assert response.status_code == 200
    assert len(small) == len(large), [q["sql"][:120] for q in large]
    assert len(large) <= CEILING, "\n".join(q["sql"][:160] for q in large)
