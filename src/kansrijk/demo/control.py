"""The demo participant's control over her own page: a goal she proposed, and a Doorbraak case
that was solved for her (her network map comes from `network.py`, as her buddy's households'
do). Run after the plans, escalation and network demos; adds nothing twice."""

import datetime as dt

from django.db import transaction

from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import ParticipantAccount
from kansrijk.access.services import consent_record
from kansrijk.core.dates import today
from kansrijk.core.phases import COACHING_PHASES
from kansrijk.escalation import case_services
from kansrijk.escalation.models import DoorbraakCase
from kansrijk.people.models import User
from kansrijk.plans import services as plans
from kansrijk.plans.models import GoalProposal
from kansrijk.trajectories.models import Trajectory

from .loader import DEMO_LOGINS, DEMO_PARTICIPANT

# Days into her year when the case was opened, and how long the solution took.
CASE_OPENED_AFTER, CASE_TOOK = 40, 18


def control_demo() -> None:
    account = (
        ParticipantAccount.objects.filter(user__username=DEMO_PARTICIPANT)
        .select_related("user", "household")
        .first()
    )
    if account is None:
        return
    trajectory = (
        Trajectory.objects.filter(household=account.household, phase__in=COACHING_PHASES)
        .select_related("household")
        .first()
    )
    if trajectory is None:
        return
    with transaction.atomic():
        if not GoalProposal.objects.filter(trajectory=trajectory).exists():
            plans.proposal_create(
                trajectory=trajectory,
                by=account.user,
                text="Ik wil dat mijn kinderen zwemles krijgen voor de zomer.",
            )
        if not DoorbraakCase.objects.filter(trajectory=trajectory).exists():
            _solved_case(trajectory)


def _solved_case(trajectory: Trajectory) -> None:
    coordinator = User.objects.get(username=DEMO_LOGINS[0].username)
    opened_on = trajectory.matched_on + dt.timedelta(days=CASE_OPENED_AFTER)
    solved_on = opened_on + dt.timedelta(days=CASE_TOOK)
    if solved_on > today():
        return
    if not trajectory.household.consents.filter(recipient=Recipient.DOORBRAAK).exists():
        consent_record(
            household=trajectory.household,
            trajectory=trajectory,
            by=coordinator,
            recipient=Recipient.DOORBRAAK,
            parts={FilePart.BASIC},
            starts_on=opened_on,
            ends_on=None,
            method=ConsentMethod.IN_PERSON,
        )
    case = case_services.case_open(
        trajectory=trajectory,
        by=coordinator,
        barrier="De huurtoeslag werd stopgezet omdat een oude brief niet was beantwoord.",
        blocking_rule="Toeslagen stopt automatisch zonder antwoord binnen zes weken.",
        opened_on=opened_on,
    )
    case_services.case_update(
        case=case,
        by=coordinator,
        version=case.version,
        barrier=case.barrier,
        blocking_rule=case.blocking_rule,
        solution="De toeslag loopt weer, met terugwerkende kracht. Tot het geld er is, "
        "betaalt de gemeente een voorschot.",
        decided_by="Doorbraak Groningen",
        opened_on=opened_on,
        solved_on=solved_on,
        lesson="Een automatische stop zonder persoonlijk contact treft juist wie post mist.",
    )
