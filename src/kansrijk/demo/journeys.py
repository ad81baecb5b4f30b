"""When each demo household went through each step. Dates only: nothing here touches the database.

Dates count back from today, so the demo always looks alive: some households were referred last
week, some are halfway through their year, some finished years ago. The Oost pilot cohort is the
exception: it happened in 2019–2021, as the pilot did.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from kansrijk.assessments.choices import Moment
from kansrijk.core.dates import add_months
from kansrijk.people.models import ProgrammeRole, User
from kansrijk.trajectories.choices import COACHING_PHASES, DropOutReason, Phase
from kansrijk.trajectories.models import ACTIVE_YEAR_MONTHS, AFTERCARE_MAX_MONTHS

from .texts import CLOSE_NOTES, DROP_OUT_NOTES, PILOT_CLOSE_NOTES, PILOT_YOUNG_CLOSE_NOTE

# A coached period that has not ended yet runs on, as far as buddy capacity is concerned.
ONGOING = dt.date.max
# Closed journeys started at least this long ago, so that even a full aftercare has ended.
CLOSED_MIN_DAYS_AGO = 560
# The first meeting, which starts the year, comes this long after both said yes.
FIRST_MEETING_AFTER = dt.timedelta(days=7)
# Attention on the dashboard: no contact for 14 days (settings.CONTACT_ATTENTION_DAYS).
QUIET_MIN_DAYS_AGO_MATCHED = 60


@dataclass
class Journey:
    """One household's trajectory as it will have happened: the day of each step it reached."""

    outcome: Phase
    referred_on: dt.date
    intake_started_on: dt.date | None = None
    intake_on: dt.date | None = None
    paired_on: dt.date | None = None
    matched_on: dt.date | None = None
    aftercare_on: dt.date | None = None
    ended_on: dt.date | None = None
    drop_reason: DropOutReason | None = None
    end_note: str = ""
    # Empty means: pick one later (see households.py).
    kind: str = ""
    referrer: str = ""
    buddy: User | None = None
    # No contact logged for weeks, and assessments left undone: "needs attention" material.
    quiet: bool = False
    skipped: set[Moment] = field(default_factory=set)

    @property
    def coached_period(self) -> tuple[dt.date, dt.date]:
        """From both saying yes: a buddy's room is taken from then on."""
        return (self.paired_on, self.ended_on or ONGOING)

    @property
    def is_coached_now(self) -> bool:
        return self.outcome in COACHING_PHASES


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _spread(index: int, count: int, low: int, high: int) -> int:
    """Evenly spaced numbers from low to high, so households are spread over time."""
    return low + (high - low) * index // max(count - 1, 1)


def waiting(rng: random.Random, referred_on: dt.date, outcome: Phase) -> Journey:
    """A journey that has got as far as referral, intake or matching."""
    journey = Journey(outcome=outcome, referred_on=referred_on)
    if outcome in (Phase.INTAKE, Phase.MATCHING):
        journey.intake_started_on = referred_on + _days(rng.randint(2, 6))
    if outcome == Phase.MATCHING:
        journey.intake_on = journey.intake_started_on + _days(rng.randint(5, 12))
    return journey


def coached(
    rng: random.Random, matched_on: dt.date, outcome: Phase, referred_on: dt.date | None = None
) -> Journey:
    """A journey that reached its active year on `matched_on`; referral, intake and both saying
    yes before it."""
    journey = waiting(rng, referred_on or matched_on - _days(rng.randint(35, 90)), Phase.MATCHING)
    journey.outcome = outcome
    journey.paired_on = matched_on - FIRST_MEETING_AFTER
    journey.matched_on = matched_on
    return journey


def _year_end(journey: Journey) -> dt.date:
    return add_months(journey.matched_on, ACTIVE_YEAR_MONTHS)


def _in_aftercare(journey: Journey) -> Journey:
    journey.aftercare_on = _year_end(journey)
    return journey


def _referred(rng, today, index, count, history_from) -> Journey:
    return waiting(rng, today - _days(_spread(index, count, 1, 18)), Phase.REFERRED)


def _intake(rng, today, index, count, history_from) -> Journey:
    return waiting(rng, today - _days(_spread(index, count, 8, 30)), Phase.INTAKE)


def _matching(rng, today, index, count, history_from) -> Journey:
    return waiting(rng, today - _days(_spread(index, count, 20, 110)), Phase.MATCHING)


def _matched(rng, today, index, count, history_from) -> Journey:
    # Both said yes in the last days; the first meeting has not been recorded yet.
    journey = waiting(rng, today - _days(_spread(index, count, 40, 90)), Phase.MATCHING)
    journey.outcome = Phase.MATCHED
    journey.paired_on = today - _days(_spread(index, count, 1, 6))
    return journey


def _active(rng, today, index, count, history_from) -> Journey:
    # From just started to nearly done: the last ones show under "year ending soon".
    days_ago = _spread(index, count, 10, 350) + rng.randint(0, 5)
    return coached(rng, today - _days(days_ago), Phase.ACTIVE)


def _aftercare(rng, today, index, count, history_from) -> Journey:
    year_ended = today - _days(_spread(index, count, 14, 170))
    matched_on = add_months(year_ended, -ACTIVE_YEAR_MONTHS)
    return _in_aftercare(coached(rng, matched_on, Phase.AFTERCARE))


def _history_days(today: dt.date, history_from: dt.date) -> int:
    # Leave room before the match for referral and intake, after the area joined.
    return (today - history_from).days - 95


def _closed(rng, today, index, count, history_from) -> Journey:
    days_ago = _spread(index, count, CLOSED_MIN_DAYS_AGO, _history_days(today, history_from))
    journey = coached(rng, today - _days(days_ago), Phase.CLOSED)
    journey.end_note = rng.choice(CLOSE_NOTES)
    if index % 3 == 2:
        # No aftercare needed: rounded off in the last weeks of the year.
        journey.ended_on = _year_end(journey) - _days(rng.randint(0, 20))
        return journey
    _in_aftercare(journey)
    months = rng.randint(3, AFTERCARE_MAX_MONTHS)
    journey.ended_on = add_months(journey.aftercare_on, months) - _days(rng.randint(0, 10))
    return journey


def _dropped_out(rng, today, index, count, history_from) -> Journey:
    latest = _history_days(today, history_from)
    stage = index % 3
    if stage == 0:
        journey = coached(rng, today - _days(_spread(index, count, 400, latest)), Phase.DROPPED_OUT)
        journey.ended_on = journey.matched_on + _days(rng.randint(60, 200))
        reason = rng.choice(
            [
                DropOutReason.PARTICIPANT_STOPPED,
                DropOutReason.HEALTH,
                DropOutReason.MOVED,
                DropOutReason.NO_CONTACT,
            ]
        )
    elif stage == 1:
        journey = waiting(rng, today - _days(_spread(index, count, 150, latest)), Phase.MATCHING)
        journey.ended_on = journey.intake_on + _days(rng.randint(40, 100))
        reason = rng.choice([DropOutReason.NO_MATCH, DropOutReason.MOVED])
    else:
        journey = waiting(rng, today - _days(_spread(index, count, 60, latest)), Phase.REFERRED)
        journey.ended_on = journey.referred_on + _days(rng.randint(14, 40))
        reason = rng.choice([DropOutReason.NO_CONTACT, DropOutReason.OTHER_HELP])
    return _dropped(journey, reason)


def _dropped(journey: Journey, reason: DropOutReason) -> Journey:
    journey.outcome = Phase.DROPPED_OUT
    journey.drop_reason = reason
    journey.end_note = DROP_OUT_NOTES[reason]
    return journey


Planner = Callable[[random.Random, dt.date, int, int, dt.date], Journey]

PLANNERS: dict[Phase, Planner] = {
    Phase.REFERRED: _referred,
    Phase.INTAKE: _intake,
    Phase.MATCHING: _matching,
    Phase.ACTIVE: _active,
    Phase.AFTERCARE: _aftercare,
    Phase.CLOSED: _closed,
    Phase.DROPPED_OUT: _dropped_out,
    Phase.MATCHED: _matched,
}


def plan_journeys(
    rng: random.Random, today: dt.date, phases: dict[Phase, int], history_from: dt.date
) -> list[Journey]:
    """So many journeys ending (for now) in each phase."""
    return [
        PLANNERS[phase](rng, today, index, count, history_from)
        for phase, count in phases.items()
        for index in range(count)
    ]


def demo_buddy_journeys(rng: random.Random, today: dt.date, buddy: User) -> list[Journey]:
    """The two households of the `buddy` login: one nearly halfway, one in aftercare."""
    halfway_soon = coached(rng, add_months(today, -6) + _days(12), Phase.ACTIVE)
    in_aftercare = _in_aftercare(coached(rng, add_months(today, -14), Phase.AFTERCARE))
    for journey in (halfway_soon, in_aftercare):
        journey.buddy = buddy
    return [halfway_soon, in_aftercare]


PILOT_FIRST_REFERRAL = dt.date(2019, 5, 13)
PILOT_SIZE = 20
PILOT_REFERRERS = (
    "WIJ Beijum",
    "WIJ Lewenborg",
    "OBS De Bolster",
    "De Oude Bieb",
    "Leger des Heils",
)
PILOT_KINDS = {3: "working_poor", 9: "young", 14: "working_poor"}
# Three of the twenty stopped early: one was never matched, two stopped during the year.
PILOT_DROP_OUTS = {
    5: DropOutReason.NO_MATCH,
    11: DropOutReason.HEALTH,
    16: DropOutReason.MOVED,
}
# The pilot ended in 2021: every finished household was closed that year.
PILOT_CLOSED_FROM = dt.date(2021, 1, 11)


def pilot_journeys(rng: random.Random) -> list[Journey]:
    """Kansrijk Oost's pilot: 20 households referred in 2019; 17 closed in 2021, 3 dropped out."""
    notes = iter(PILOT_CLOSE_NOTES)
    journeys = []
    for index in range(PILOT_SIZE):
        referred_on = PILOT_FIRST_REFERRAL + _days(7 * index + rng.randint(0, 3))
        kind = PILOT_KINDS.get(index, "")
        reason = PILOT_DROP_OUTS.get(index)
        if reason == DropOutReason.NO_MATCH:
            journey = waiting(rng, referred_on, Phase.MATCHING)
            journey.ended_on = journey.intake_on + _days(60)
            _dropped(journey, reason)
        else:
            matched_on = referred_on + _days(rng.randint(56, 84))
            journey = coached(rng, matched_on, Phase.CLOSED, referred_on=referred_on)
        if reason in (DropOutReason.HEALTH, DropOutReason.MOVED):
            journey.ended_on = journey.matched_on + _days(rng.randint(120, 220))
            _dropped(journey, reason)
        if reason is None:
            _in_aftercare(journey)
            longest = add_months(journey.aftercare_on, AFTERCARE_MAX_MONTHS)
            usual = add_months(journey.aftercare_on, 4)
            journey.ended_on = min(longest, max(usual, PILOT_CLOSED_FROM))
            journey.end_note = PILOT_YOUNG_CLOSE_NOTE if kind == "young" else next(notes)
        journey.kind = kind
        journey.referrer = PILOT_REFERRERS[index % len(PILOT_REFERRERS)]
        journeys.append(journey)
    return journeys


def mark_attention(
    rng: random.Random, journeys: list[Journey], today: dt.date, quiet: int, missing_start: int
) -> None:
    """Leave a few coached households without recent contact or without a start assessment."""
    free = [j for j in journeys if j.is_coached_now and j.buddy is None]
    long_enough = [j for j in free if (today - j.matched_on).days > QUIET_MIN_DAYS_AGO_MATCHED]
    for journey in rng.sample(long_enough, quiet):
        journey.quiet = True
    unstarted = [
        j
        for j in free
        if j.outcome == Phase.ACTIVE and not j.quiet and 40 <= (today - j.matched_on).days <= 200
    ]
    for journey in rng.sample(unstarted, missing_start):
        journey.skipped.add(Moment.START)


def _peak_load(periods: list[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> int:
    """The most periods that overlap at any one day between start and end."""
    days = [start, *(s for s, _ in periods if start <= s <= end)]
    return max(sum(1 for s, e in periods if s <= day <= e) for day in days)


def assign_buddies(
    rng: random.Random, journeys: list[Journey], buddy_roles: list[ProgrammeRole]
) -> None:
    """Give every coached journey a buddy who had room for it during its whole coached period.

    Journeys with a buddy already (the demo login's) keep it and are counted first.
    """
    periods: dict[int, list[tuple[dt.date, dt.date]]] = {r.user_id: [] for r in buddy_roles}
    coached_journeys = [j for j in journeys if j.paired_on is not None]
    for journey in sorted(coached_journeys, key=lambda j: j.buddy is None):
        start, end = journey.coached_period
        if journey.buddy is None:
            with_room = [
                r for r in buddy_roles if _peak_load(periods[r.user_id], start, end) < r.capacity
            ]
            if not with_room:
                raise RuntimeError(f"No demo buddy has room for a household from {start}.")
            journey.buddy = rng.choice(with_room).user
        periods[journey.buddy.pk].append((start, end))
