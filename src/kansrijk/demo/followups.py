"""The demo's follow-ups after closure: did what the households reached last?

Kansrijk Oost's pilot (17 finished in 2021) was asked 6 and 12 months after closure. Twelve
months on: both homes still hold; of the 6 who found work, 4 still work, 1 lost her job and 1
could not be reached; the business in care still runs; of the 6 in education, 5 still study or
earned their diploma and 1 stopped; the young participant is still at school; the volunteer
work stopped. The other programmes' older closures were asked too (mostly still holding); the
closures whose follow-up is due now are left open, so the coordinator's list and the reminder
show them. Recorded through the service, by the coordinator, on the day it fell due.
"""

import datetime as dt

from django.utils import timezone

from kansrijk.core.dates import add_months, today
from kansrijk.outcomes.followup.choices import DUE_FOR_MONTHS, Answer, Moment
from kansrijk.outcomes.followup.models import FollowUp
from kansrijk.outcomes.followup.services import follow_up_record
from kansrijk.outcomes.models import Outcome
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .texts import PILOT_CLOSE_NOTES, PILOT_YOUNG_CLOSE_NOTE

H, L, U = Answer.HOLDS, Answer.LOST, Answer.UNREACHABLE
# Twelve months on, per pilot close note (in the order of PILOT_CLOSE_NOTES): the answer for
# each of its outcomes in the order they were reached; None: the household was not reachable.
PILOT_AT_12: tuple[tuple[str, ...] | None, ...] = (
    (H,),  # good housing
    (H, H),  # debt arrangement, full-time work
    (H,),  # MBO
    (H,),  # own business in care
    (L,),  # part-time work: the contract was not renewed
    (H,),  # HBO
    (H,),  # full-time work
    (L,),  # MBO: stopped the study
    (H,),  # good housing
    None,  # full-time work: moved, not reachable
    (H,),  # MBO
    (H, H),  # debt arrangement, network
    (H,),  # part-time work
    (H,),  # MBO
    (H,),  # full-time work
    (L,),  # volunteer work stopped
)
PILOT = dict(zip(PILOT_CLOSE_NOTES, PILOT_AT_12, strict=True))
PILOT[PILOT_YOUNG_CLOSE_NOTE] = (H, H, H)  # back to school, part-time work, MBO diploma
NOTE_12 = "Telefonisch gesproken; gaat goed, blij met de nazorg van destijds."


def _answers(outcomes: list[Outcome], pattern: tuple[str, ...] | None) -> dict[int, str]:
    if pattern is None:
        return {}
    return {o.pk: pattern[min(i, len(pattern) - 1)] for i, o in enumerate(outcomes)}


def _record(trajectory: Trajectory, by, moment: int, pattern, note: str = "") -> None:
    outcomes = list(trajectory.outcomes.order_by("reached_on", "id"))
    follow_up = follow_up_record(
        trajectory=trajectory,
        by=by,
        moment=moment,
        answers=_answers(outcomes, pattern),
        reachable=pattern is not None,
        note=note,
    )
    day = add_months(trajectory.ended_on, moment) + dt.timedelta(days=9)
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))
    FollowUp.objects.filter(pk=follow_up.pk).update(recorded_at=at)


def _past_its_list(trajectory: Trajectory, moment: int) -> bool:
    """Due so long ago that it is no longer on the coordinator's list: asked back then."""
    return add_months(trajectory.ended_on, moment + DUE_FOR_MONTHS) <= today()


def record_demo_follow_ups() -> int:
    """Record the demo's follow-ups; trajectories followed up already are left alone. Answers
    how many were made."""
    made = 0
    for programme in Programme.objects.all():
        role = ProgrammeRole.objects.filter(
            programme=programme, role=Role.COORDINATOR, active=True
        ).first()
        if role is None:
            continue
        closed = (
            Trajectory.objects.filter(
                household__programme=programme,
                phase=Phase.CLOSED,
                outcomes__isnull=False,
                follow_ups__isnull=True,
            )
            .distinct()
            .select_related("household")
            .order_by("ended_on", "pk")
        )
        for index, trajectory in enumerate(closed):
            if trajectory.end_note in PILOT:
                at_6 = at_12 = PILOT[trajectory.end_note]
                if at_12 is not None and L in at_12:
                    at_6 = tuple(H for _ in at_12)  # it still held half a year on
            else:
                # Most results hold; every third household lost one on the way.
                at_6 = (H,)
                at_12 = (H,) if index % 3 else (H, L)
            for moment, pattern in ((Moment.SIX, at_6), (Moment.TWELVE, at_12)):
                if _past_its_list(trajectory, moment):
                    _record(trajectory, role.user, moment, pattern, NOTE_12 if index == 0 else "")
                    made += 1
    return made
