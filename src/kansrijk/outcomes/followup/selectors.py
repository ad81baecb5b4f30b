"""Reads of follow-ups: which are due, a household's follow-ups, and the sustained counts.

Due dates derive from the day the trajectory ended (closed trajectories only, never a drop-out):
the 6-month follow-up falls due 6 months after `ended_on`, the 12-month one 12 months after.
Each stays on the list for `DUE_FOR_MONTHS`; once the 12-month one is due, the 6-month one is no
longer asked. Household reads start from `access.policy`; the counts are one query.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kansrijk.access import policy
from kansrijk.core.dates import add_months, today
from kansrijk.people.models import Household, Programme, User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from ..models import Outcome
from .choices import DUE_FOR_MONTHS, Answer, Moment
from .models import FollowUp, FollowUpAnswer


def due_on(trajectory: Trajectory, moment: int) -> dt.date | None:
    """The day the follow-up of `moment` falls due, for a closed trajectory."""
    if trajectory.phase != Phase.CLOSED or trajectory.ended_on is None:
        return None
    return add_months(trajectory.ended_on, moment)


def _ended_between(moment: int, on: dt.date) -> Q:
    """Trajectories whose follow-up of `moment` is due on `on` and still on the list."""
    return Q(
        ended_on__lte=add_months(on, -moment),
        ended_on__gt=add_months(on, -(moment + DUE_FOR_MONTHS)),
    )


def moment_due(trajectory: Trajectory, *, on: dt.date | None = None) -> int | None:
    """The moment to ask about now: the latest one that fell due (however long ago), or None
    while none did. Once the 12-month follow-up is due, the 6-month one is not asked any more."""
    on = on or today()
    for moment in sorted(Moment.values, reverse=True):
        day = due_on(trajectory, moment)
        if day is not None and day <= on:
            return moment
    return None


def follow_ups_of(trajectory: Trajectory) -> list[FollowUp]:
    """The trajectory's recorded follow-ups with their answers, the earliest moment first."""
    return list(
        FollowUp.objects.filter(trajectory=trajectory)
        .select_related("recorded_by")
        .prefetch_related("answers__outcome__outcome_type")
        .order_by("moment")
    )


def open_follow_up(trajectory: Trajectory | None) -> int | None:
    """The moment whose follow-up can be recorded now (due and not yet recorded), or None."""
    if trajectory is None or not trajectory.outcomes.exists():
        return None
    moment = moment_due(trajectory)
    if moment is None or trajectory.follow_ups.filter(moment=moment).exists():
        return None
    return moment


def outcomes_to_follow(trajectory: Trajectory) -> list[Outcome]:
    """The outcomes a follow-up asks about, in the order they were reached."""
    return list(
        trajectory.outcomes.select_related("outcome_type", "member").order_by("reached_on", "id")
    )


@dataclass(frozen=True)
class DueFollowUp:
    trajectory: Trajectory
    household: Household
    moment: int
    due_on: dt.date


def follow_ups_due(user: User, programme: Programme) -> QuerySet[Trajectory]:
    """The closed trajectories of the programme (that this user may open) with a follow-up due
    and not yet recorded, whose households reached something, the longest waiting first."""
    on = today()
    due = Q()
    for moment in Moment.values:
        recorded = FollowUp.objects.filter(trajectory=OuterRef("pk"), moment=moment)
        due |= _ended_between(moment, on) & ~Q(Exists(recorded))
    return (
        Trajectory.objects.filter(
            household__in=policy.visible_in_programme(user, programme),
            phase=Phase.CLOSED,
            ended_on__isnull=False,
        )
        .filter(due)
        .filter(Exists(Outcome.objects.filter(trajectory=OuterRef("pk"))))
        .select_related("household")
        .order_by("ended_on", "pk")
    )


def as_due(trajectory: Trajectory) -> DueFollowUp:
    moment = moment_due(trajectory) or Moment.SIX
    return DueFollowUp(
        trajectory, trajectory.household, moment, add_months(trajectory.ended_on, moment)
    )


# ---- counts for the reports ----


def _answered(moment: int, answer: str):
    return FollowUpAnswer.objects.filter(moment=moment, answer=answer).values("outcome")


def sustained(trajectories: QuerySet[Trajectory], conditions: dict[str, Q], *, moment: int = 12):
    """Per named condition on outcomes (e.g. "housing": kind housing found), the households of
    these trajectories that reached it, of whom it still holds at `moment`, and of whom it no
    longer holds (none of its outcomes holds, at least one was answered "no longer"). The rest
    is not known (not asked yet, not reachable, or not recorded). One query.

    Answers `{name: (reached, holds, lost)}`."""
    row = Outcome.objects.filter(trajectory__in=trajectories.values("pk")).aggregate(
        **sustained_aggregates(conditions, moment=moment)
    )
    return sustained_from(row, conditions)


def sustained_aggregates(conditions: dict[str, Q], *, moment: int) -> dict[str, Count]:
    """The aggregates of `sustained` over the outcomes of the trajectories, to count beside
    other figures in one query (`sustained_from` reads them back)."""
    holds = Q(pk__in=_answered(moment, Answer.HOLDS))
    lost = Q(pk__in=_answered(moment, Answer.LOST))
    aggregates = {}
    for name, condition in conditions.items():
        holding = Outcome.objects.filter(condition, holds).values("trajectory")
        aggregates[f"{name}__reached"] = Count("trajectory", distinct=True, filter=condition)
        aggregates[f"{name}__holds"] = Count("trajectory", distinct=True, filter=condition & holds)
        aggregates[f"{name}__lost"] = Count(
            "trajectory",
            distinct=True,
            filter=condition & lost & ~Q(trajectory__in=holding),
        )
    return aggregates


def sustained_from(row: dict, conditions: dict[str, Q]) -> dict[str, tuple[int, int, int]]:
    return {
        name: (row[f"{name}__reached"], row[f"{name}__holds"], row[f"{name}__lost"])
        for name in conditions
    }


def lasting_share(trajectories: QuerySet[Trajectory], *, moment: int = 12) -> tuple[int, int]:
    """Of the outcomes of these trajectories answered at `moment` (still holds or no longer
    holds; "not reachable" is no answer), how many still held, and how many were answered.
    One query."""
    row = FollowUpAnswer.objects.filter(
        outcome__trajectory__in=trajectories.values("pk"),
        moment=moment,
        answer__in=[Answer.HOLDS, Answer.LOST],
    ).aggregate(
        holds=Count("pk", filter=Q(answer=Answer.HOLDS)),
        answered=Count("pk"),
    )
    return row["holds"], row["answered"]
