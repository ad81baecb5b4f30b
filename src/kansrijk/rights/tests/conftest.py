"""A household with something in every part of its file, to export and to erase."""

import datetime as dt

import pytest
from django.utils import timezone

from kansrijk.access.audit import audit
from kansrijk.access.choices import Recipient
from kansrijk.access.models import AuditAction
from kansrijk.assessments.choices import Moment
from kansrijk.contacts.models import ContactKind
from kansrijk.network.tests.conftest import make_map, make_tie, start_map
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.plans.tests.conftest import coached, domains, make_action, make_goal, participant
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    ConsentFactory,
    ContactFactory,
    DocumentFactory,
    DoorbraakCaseFactory,
    EvaluationFactory,
    FollowUpFactory,
    GoalFactory,
    HouseholdMemberFactory,
    IntakeFactory,
    NetworkMapFactory,
    OutcomeFactory,
    PartnerReferralFactory,
    PhaseChangeFactory,
    ProgressNoteFactory,
    ReferralFactory,
    SignalFactory,
    TieFactory,
    TrajectoryExtensionFactory,
    outcome_type_of,
)

# The network's and the plan's fixtures, for the tests of their place in the download and in
# erasure (test_network_in_the_file.py, test_plan_in_the_file.py).
__all__ = [
    "coached",
    "domains",
    "make_action",
    "make_goal",
    "make_map",
    "make_tie",
    "participant",
    "start_map",
]

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
        household__language="nl",
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
    TrajectoryExtensionFactory(
        trajectory=trajectory,
        by=cast.coordinator,
        note="Verlengd: de schuldregeling was nog niet rond.",
    )
    # The partner's referral that started this journey, accepted (partners).
    PartnerReferralFactory(
        area=trajectory.household.area,
        organisation=cast.organisation,
        trajectory=trajectory,
        status="accepted",
        given_name="Ayşe",
        family_name="Yılmaz",
        email="ayse@example.org",
        reason="Schulden bij de energieleverancier.",
        stress_sources="De huur.",
        preferences="Een vrouw, spreekt Turks.",
        decline_reason="",
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
        scores={"finances": (1, 3), "work": (2, 4)},
        scores__notes={"finances": "Een schuld bij het energiebedrijf."},
    )
    AssessmentFactory(
        trajectory=trajectory,
        moment=Moment.END,
        held_on=trajectory.matched_on + dt.timedelta(days=365),
        scores={"finances": (3, 4), "work": (4, 4)},
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
    signal = SignalFactory(
        trajectory=trajectory,
        description="Ayşe is bang dat de deurwaarder komt.",
        response="Samen de Kredietbank gebeld.",
    )
    DoorbraakCaseFactory(
        trajectory=trajectory,
        signal=signal,
        barrier="De toeslag stopt voordat het loon van de nieuwe baan komt.",
        blocking_rule="Terugvordering bij werkaanvaarding",
        solution="Een overbruggingsbedrag van de gemeente.",
        opened_on=trajectory.matched_on + dt.timedelta(days=30),
        lesson="Laat de toeslag doorlopen tot het eerste loon er is.",
    )
    work = OutcomeFactory(
        trajectory=trajectory,
        outcome_type=outcome_type_of(household.programme, "paid_work"),
        hours="part_time",
        evidence="Ayşe kookt drie dagen per week in het buurthuis.",
        recorded_by=cast.coordinator,
    )
    EvaluationFactory(
        trajectory=trajectory,
        mark=9,
        helped="Dat Bas naast me stond bij de Kredietbank.",
        bond="very_good",
        bond_words="Hij luisterde echt.",
        improve="Sneller een buddy.",
        entered_by=cast.coordinator,
        entered="paper",
        paper_dated=trajectory.ended_on,
    )
    follow_up = FollowUpFactory(
        trajectory=trajectory, moment=6, note="Kookt nu vier dagen.", recorded_by=cast.coordinator
    )
    follow_up.answers.create(outcome=work, answer="holds", moment=6)
    # She came from another area of the programme during her year; a later move was declined.
    from kansrijk.transfers.models import Transfer
    from tests.factories import AreaFactory

    Transfer.objects.create(
        household=trajectory.household,
        household_name=trajectory.household.display_name,
        phase=Phase.ACTIVE,
        from_programme=cast.programme,
        from_area=AreaFactory(programme=cast.programme),
        to_programme=cast.programme,
        to_area=trajectory.household.area,
        reason="Verhuisd na een brand in de flat.",
        requested_by=cast.coordinator,
        status="declined",
        decided_by=cast.coordinator,
        decided_at=timezone.now(),
        decline_reason="Geen plek in de wijk.",
    )
    network_map = NetworkMapFactory(
        trajectory=trajectory, strengths="Ayşe kookt voor de hele straat."
    )
    TieFactory(network_map=network_map, name="zus Elif", note="Past op Deniz.")
    TieFactory(network_map=network_map, name="WIJ-team", kind="help", is_organisation=True)
    goal = GoalFactory(
        trajectory=trajectory,
        text="Een baan als kok, eerst een paar uur per week",
        status="adjusted",
        status_reason="Eerst de schulden op orde.",
        created_by=cast.buddy,
    )
    ActionFactory(goal=goal, what="Solliciteren bij de lunchroom", created_by=cast.buddy)
    ProgressNoteFactory(goal=goal, text="Ayşe kookte voor het buurthuis!", author=cast.buddy)
    ProgressNoteFactory(
        goal=goal,
        text="Eerst de schulden op orde.",
        is_success=False,
        status_change="adjusted",
        previous_text="Een baan als kok",
        author=cast.buddy,
    )
    DocumentFactory(household=household, name="Brief Belastingdienst.pdf", uploaded_by=cast.buddy)
    ConsentFactory(
        household=household,
        recipient=Recipient.ORGANISATION,
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
