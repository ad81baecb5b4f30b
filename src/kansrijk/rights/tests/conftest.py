"""A household with something in every part of its file, to export and to erase."""

import datetime as dt
import re

import pytest

from kansrijk.access.audit import audit
from kansrijk.access.choices import Recipient
from kansrijk.access.models import AuditAction
from kansrijk.assessments.choices import Domain, Moment
from kansrijk.contacts.models import ContactKind
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AssessmentFactory,
    ConsentFactory,
    ContactFactory,
    HouseholdMemberFactory,
    IntakeFactory,
    PhaseChangeFactory,
    ReferralFactory,
)

PARTICIPANT = "Ayşe Yılmaz"


@pytest.fixture
def full_household(cast, journey):
    """Ayşe's household: closed a month ago, with every part of the file filled in.

    Returns the closed trajectory; `.household` is the household.
    """
    trajectory = journey(
        Phase.CLOSED,
        household__display_name=PARTICIPANT,
        household__street_address="Beijumerweg 12",
        household__postcode="9736 AB",
        household__phone="06 12345678",
        household__email="ayse@example.org",
        household__languages="Turks, Nederlands",
        end_note="Ayşe heeft werk gevonden – een ‘mooie’ afsluiting…",
        drop_out_reason="",
    )
    household = trajectory.household
    HouseholdMemberFactory(
        household=household,
        relation=MemberRelation.PARTICIPANT,
        given_name="Ayşe",
        family_name="Yılmaz",
        birth_year=1988,
    )
    HouseholdMemberFactory(
        household=household, relation=MemberRelation.CHILD, given_name="Deniz", birth_year=2016
    )
    PhaseChangeFactory(trajectory=trajectory, to_phase=Phase.REFERRED, by=cast.coordinator)
    PhaseChangeFactory(
        trajectory=trajectory,
        from_phase=Phase.AFTERCARE,
        to_phase=Phase.CLOSED,
        by=cast.coordinator,
        note="Afgesloten na de nazorg.",
    )
    ReferralFactory(
        trajectory=trajectory,
        organisation=cast.organisation,
        referrer_name="Wendy van het WIJ-team",
        reason="Schulden en een brief over huisuitzetting.",
        stress_sources="Huurachterstand",
        preferences="Een vrouw, spreekt Turks",
        recorded_by=cast.coordinator,
    )
    IntakeFactory(
        trajectory=trajectory,
        stress_now="De huurachterstand.",
        stress_sources="debts,eviction",
        wishes="Een baan als kok.",
        strengths="Kookt graag",
        network="Haar zus, twee keer per week",
        availability="Dinsdagavond",
        notes="Heeft een zoon van negen.",
        recorded_by=cast.coordinator,
    )
    AssessmentFactory(
        trajectory=trajectory,
        moment=Moment.START,
        note="Veel zorgen over geld.",
        scores={Domain.FINANCES: (1, 3), Domain.WORK: (2, 4)},
    )
    AssessmentFactory(
        trajectory=trajectory,
        moment=Moment.END,
        held_on=trajectory.matched_on + dt.timedelta(days=365),
        scores={Domain.FINANCES: (3, 4), Domain.WORK: (4, 4)},
    )
    ContactFactory(
        trajectory=trajectory,
        on=trajectory.matched_on + dt.timedelta(days=7),
        kind=ContactKind.VISIT,
        minutes=90,
        note="Samen de post doorgenomen.",
    )
    ContactFactory(
        trajectory=trajectory,
        on=trajectory.matched_on + dt.timedelta(days=10),
        kind=ContactKind.APP,
        minutes=None,
    )
    ConsentFactory(
        household=household,
        recipient=Recipient.REFERRER,
        recorded_by=cast.coordinator,
        starts_on=trajectory.referred_on,
    )
    audit(
        actor=cast.coordinator,
        action=AuditAction.VIEW,
        household=household,
        detail="household page",
        purpose=Role.COORDINATOR,
        role=Role.COORDINATOR,
    )
    return trajectory


def pdf_title(content: bytes) -> str:
    """The document title from a PDF's info dictionary: (literal) or <UTF-16 hex>."""
    match = re.search(rb"/Title\s*(\((?P<literal>[^)]*)\)|<(?P<hex>[0-9a-fA-F]+)>)", content)
    assert match, "the PDF has no title"
    if match.group("hex"):
        return bytes.fromhex(match.group("hex").decode()).decode("utf-16")
    return match.group("literal").decode("latin-1")
