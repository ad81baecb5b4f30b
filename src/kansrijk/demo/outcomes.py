"""The demo's outcomes: what closed households reached, told by their close notes.

Each close note of the demo (texts.py) says what the household reached; the outcomes recorded
here say the same, so the file and the figures agree. Kansrijk Oost's 2019 pilot reproduces the
pilot's published list: of 17 participants who finished, 2 found good housing; 6 found work,
4 fully and 2 mostly out of welfare (bijstand); 1 started her own business in care; 6 follow
education at MBO (5) or HBO (1) level; the young participant went back to school, has
part-time work and earned his MBO diploma. Recorded through the services, by the coordinator.
"""

import datetime as dt
from dataclasses import dataclass, field

from kansrijk.core.dates import add_months
from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Sector, Welfare
from kansrijk.outcomes.models import ClosureCheck
from kansrijk.outcomes.services import Details, outcome_record, outcome_types_seed
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.people.models import HouseholdMember, Programme, ProgrammeRole
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .texts import CLOSE_NOTES, PILOT_CLOSE_NOTES, PILOT_YOUNG_CLOSE_NOTE


@dataclass(frozen=True)
class Reached:
    kind: OutcomeKind
    details: Details = field(default_factory=Details)
    # Months after the start of the active year; None: shortly before the closure.
    after_months: int | None = None


def _work(hours: Hours, welfare: Welfare) -> Reached:
    return Reached(OutcomeKind.PAID_WORK, Details(hours=hours, welfare=welfare))


def _study(level: Level) -> Reached:
    return Reached(OutcomeKind.EDUCATION_STARTED, Details(level=level), after_months=8)


FULL_AND_OFF = _work(Hours.FULL_TIME, Welfare.ENDED)
PART_AND_MOSTLY_OFF = _work(Hours.PART_TIME, Welfare.REDUCED)
HOUSING = Reached(OutcomeKind.HOUSING_FOUND, after_months=9)
DEBT_ARRANGEMENT = Reached(OutcomeKind.DEBT_ARRANGEMENT, after_months=3)

# What each close note of the pilot tells, in the order of PILOT_CLOSE_NOTES.
PILOT_OUTCOMES: tuple[tuple[Reached, ...], ...] = (
    (HOUSING,),
    (DEBT_ARRANGEMENT, FULL_AND_OFF),
    (_study(Level.MBO),),
    (Reached(OutcomeKind.BUSINESS_STARTED, Details(sector=Sector.CARE)),),
    (PART_AND_MOSTLY_OFF,),
    (_study(Level.HBO),),
    (FULL_AND_OFF,),
    (_study(Level.MBO),),
    (HOUSING,),
    (FULL_AND_OFF,),
    (_study(Level.MBO),),
    (DEBT_ARRANGEMENT, Reached(OutcomeKind.NETWORK_GROWN)),
    (PART_AND_MOSTLY_OFF,),
    (_study(Level.MBO),),
    (FULL_AND_OFF,),
    (Reached(OutcomeKind.VOLUNTEER_WORK, after_months=6),),
)
PILOT_YOUNG_OUTCOMES = (
    Reached(OutcomeKind.BACK_TO_SCHOOL, after_months=3),
    _work(Hours.PART_TIME, Welfare.NONE),
    Reached(OutcomeKind.EDUCATION_COMPLETED, Details(level=Level.MBO, diploma=True)),
)
# The other programmes' close notes, in the order of CLOSE_NOTES.
CLOSE_OUTCOMES: tuple[tuple[Reached, ...], ...] = (
    (DEBT_ARRANGEMENT, PART_AND_MOSTLY_OFF),
    (Reached(OutcomeKind.EVICTION_PREVENTED, after_months=2),),
    (_study(Level.MBO),),
    (Reached(OutcomeKind.VOLUNTEER_WORK, after_months=5), Reached(OutcomeKind.NETWORK_GROWN)),
    (FULL_AND_OFF,),
    (Reached(OutcomeKind.CARE_ARRANGED, after_months=4),),
    (),
    (),
)
# Households still coached: calm at the base comes first.
DURING_THE_YEAR = (Reached(OutcomeKind.DEBT_FREEZE, after_months=2),)

BY_NOTE: dict[str, tuple[Reached, ...]] = {
    **dict(zip(CLOSE_NOTES, CLOSE_OUTCOMES, strict=True)),
    **dict(zip(PILOT_CLOSE_NOTES, PILOT_OUTCOMES, strict=True)),
    PILOT_YOUNG_CLOSE_NOTE: PILOT_YOUNG_OUTCOMES,
}


def _reached_on(trajectory: Trajectory, reached: Reached) -> dt.date:
    last = trajectory.ended_on or add_months(trajectory.matched_on, 12)
    if reached.after_months is None:
        return max(trajectory.matched_on, last - dt.timedelta(days=21))
    return min(add_months(trajectory.matched_on, reached.after_months), last)


def record_demo_outcomes() -> int:
    """Record the outcomes the demo's close notes tell; a debt freeze for every second household
    in aftercare. Households with outcomes already are left alone. Answers how many were made."""
    made = 0
    for programme in Programme.objects.all():
        types = {t.kind: t for t in outcome_types_seed(programme)}
        role = ProgrammeRole.objects.filter(
            programme=programme, role=Role.COORDINATOR, active=True
        ).first()
        if role is None:
            continue
        trajectories = (
            Trajectory.objects.filter(
                household__programme=programme,
                phase__in=[Phase.CLOSED, Phase.AFTERCARE],
                outcomes__isnull=True,
            )
            .select_related("household")
            .order_by("referred_on", "pk")
        )
        participants = {
            m.household_id: m
            for m in HouseholdMember.objects.filter(
                household__programme=programme, relation=MemberRelation.PARTICIPANT
            )
        }
        checks = []
        for index, trajectory in enumerate(trajectories):
            if trajectory.phase == Phase.CLOSED:
                outcomes = BY_NOTE.get(trajectory.end_note, ())
                checks.append(
                    ClosureCheck(
                        trajectory=trajectory,
                        checked_by=role.user,
                        nothing_reached=not outcomes,
                    )
                )
            else:
                outcomes = DURING_THE_YEAR if index % 2 == 0 else ()
            for reached in outcomes:
                outcome_record(
                    trajectory=trajectory,
                    by=role.user,
                    outcome_type=types[reached.kind],
                    reached_on=_reached_on(trajectory, reached),
                    member=participants.get(trajectory.household_id),
                    details=reached.details,
                    at_closure=trajectory.phase == Phase.CLOSED and reached.after_months is None,
                )
                made += 1
        ClosureCheck.objects.bulk_create(checks, ignore_conflicts=True)
    return made
