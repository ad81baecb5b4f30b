"""The dates of generated journeys: pure Python, no database, so they can be checked quickly.

A journey is planned as a whole (referral, intake, matching, active year, aftercare, closure,
or a drop-out somewhere on the way) and then cut off at today: whatever lies in the future has
not happened yet, and the phase is that of the last step before today. So every phase is
consistent with its dates, and the mix of phases follows from how long each phase lasts.
"""

import datetime as dt
import heapq
import random
from dataclasses import dataclass

from kansrijk.core.dates import add_months
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import ACTIVE_YEAR_MONTHS, AFTERCARE_MAX_MONTHS

DROP_OUT_SHARE = 0.15
# Where a drop-out happens, with the reasons that fit there.
DROP_OUT_POINTS = (
    (Phase.REFERRED, (DropOutReason.NO_CONTACT, DropOutReason.OTHER_HELP)),
    (Phase.MATCHING, (DropOutReason.NO_MATCH, DropOutReason.PARTICIPANT_STOPPED)),
    (Phase.ACTIVE, (DropOutReason.PARTICIPANT_STOPPED, DropOutReason.MOVED, DropOutReason.HEALTH)),
    (Phase.AFTERCARE, (DropOutReason.NO_CONTACT, DropOutReason.MOVED)),
)
DROP_OUT_WEIGHTS = (2, 3, 4, 1)


@dataclass
class PlannedJourney:
    referred_on: dt.date
    intake_started_on: dt.date | None = None
    intake_on: dt.date | None = None
    matched_on: dt.date | None = None
    aftercare_on: dt.date | None = None
    ended_on: dt.date | None = None
    phase: Phase = Phase.REFERRED
    drop_out_reason: str = ""
    # The day coaching ends as planned (even when that is after today): buddies are booked
    # until then, so nobody coaches more households than their capacity, now or later.
    coached_until: dt.date | None = None
    buddy_index: int | None = None

    @property
    def is_coached(self) -> bool:
        return self.matched_on is not None

    def steps(self) -> list[tuple[Phase, Phase, dt.date]]:
        """Every phase change that happened: (from, to, on)."""
        changes: list[tuple[Phase | str, Phase, dt.date]] = [("", Phase.REFERRED, self.referred_on)]
        for to_phase, day in (
            (Phase.INTAKE, self.intake_started_on),
            (Phase.MATCHING, self.intake_on),
            (Phase.ACTIVE, self.matched_on),
            (Phase.AFTERCARE, self.aftercare_on),
        ):
            if day is not None:
                changes.append((changes[-1][1], to_phase, day))
        if self.ended_on is not None:
            changes.append((changes[-1][1], self.phase, self.ended_on))
        return changes


def plan_journey(rng: random.Random, referred_on: dt.date, today: dt.date) -> PlannedJourney:
    """One household's journey from `referred_on`, as far as it got by `today`."""
    days = dt.timedelta
    intake_started = referred_on + days(rng.randint(2, 20))
    intake_on = intake_started + days(rng.randint(0, 14))
    matched_on = intake_on + days(rng.randint(10, 70))
    aftercare_on = add_months(matched_on, ACTIVE_YEAR_MONTHS) + days(rng.randint(0, 14))
    closed_on = min(
        aftercare_on + days(rng.randint(30, 183)),
        add_months(aftercare_on, AFTERCARE_MAX_MONTHS),
    )
    plan = [
        (Phase.INTAKE, intake_started),
        (Phase.MATCHING, intake_on),
        (Phase.ACTIVE, matched_on),
        (Phase.AFTERCARE, aftercare_on),
        (Phase.CLOSED, closed_on),
    ]
    drop_reason = ""
    if rng.random() < DROP_OUT_SHARE:
        point, reasons = rng.choices(DROP_OUT_POINTS, DROP_OUT_WEIGHTS)[0]
        drop_reason = rng.choice(reasons)
        # Drop out somewhere inside the phase `point`: keep the steps up to it, end there.
        phases = [Phase.REFERRED, *(p for p, _ in plan)]
        keep = phases.index(point)
        start = referred_on if keep == 0 else plan[keep - 1][1]
        end = plan[keep][1]
        dropped_on = start + days(rng.randint(1, max(1, (end - start).days - 1)))
        plan = [*plan[:keep], (Phase.DROPPED_OUT, dropped_on)]

    journey = PlannedJourney(referred_on=referred_on)
    coached_until = None
    for phase, day in plan:
        if phase in (Phase.CLOSED, Phase.DROPPED_OUT) and journey.matched_on is not None:
            coached_until = day
        if day > today:
            continue
        if phase == Phase.INTAKE:
            journey.intake_started_on = day
        elif phase == Phase.MATCHING:
            journey.intake_on = day
        elif phase == Phase.ACTIVE:
            journey.matched_on = day
        elif phase == Phase.AFTERCARE:
            journey.aftercare_on = day
        else:
            journey.ended_on = day
            if phase == Phase.DROPPED_OUT:
                journey.drop_out_reason = drop_reason
        journey.phase = phase
    if journey.matched_on is not None:
        journey.coached_until = coached_until
    return journey


def plan_programme(
    rng: random.Random, households: int, first_day: dt.date, today: dt.date
) -> list[PlannedJourney]:
    """`households` journeys referred between `first_day` and `today`, oldest first."""
    span = (today - first_day).days
    referred = sorted(
        first_day + dt.timedelta(days=rng.randint(0, span)) for _ in range(households)
    )
    return [plan_journey(rng, day, today) for day in referred]


@dataclass
class BuddyPlan:
    capacity: int
    first_day: dt.date


def assign_buddies(rng: random.Random, journeys: list[PlannedJourney]) -> list[BuddyPlan]:
    """Give every coached journey a buddy with room for the whole coached period.

    A buddy has 1 or 2 places; a place is free again the day after its household ended. A new
    buddy joins when no place is free: so the programme has as many buddies as it needs.
    """
    buddies: list[BuddyPlan] = []
    places: list[tuple[dt.date, int, int]] = []  # (free from, buddy index, place number)
    for journey in sorted((j for j in journeys if j.matched_on), key=lambda j: j.matched_on):
        if places and places[0][0] <= journey.matched_on:
            _free, index, place = heapq.heappop(places)
        else:
            index, place = len(buddies), 0
            capacity = 2 if rng.random() < 0.6 else 1
            buddies.append(BuddyPlan(capacity, journey.matched_on))
            for extra in range(1, capacity):
                heapq.heappush(places, (journey.matched_on, index, extra))
        journey.buddy_index = index
        busy_until = journey.coached_until or dt.date.max - dt.timedelta(days=2)
        heapq.heappush(places, (busy_until + dt.timedelta(days=1), index, place))
    return buddies
