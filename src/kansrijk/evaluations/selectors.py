"""Reading evaluations: who is invited, what is still to collect, the answers, the counts.

Invited are the households whose journey ended after their year with a buddy began: those who
finished, and those who stopped during the year (their view teaches most about dropping out;
the reports keep them apart). Households that stopped before their year began had no buddy to
judge, so they are not asked. An invitation stays open for `OPEN_FOR` after the end.
"""

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from kansrijk.core.dates import today
from kansrijk.people.models import Household, Programme
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .choices import MARK_BANDS
from .models import Evaluation

# Half a year after the end, a memory of the year is no longer fresh: the invitation closes.
OPEN_FOR = dt.timedelta(days=183)
# Journeys that end with an invitation: finished, or stopped once the year had begun.
INVITED = Q(phase=Phase.CLOSED) | Q(phase=Phase.DROPPED_OUT, matched_on__isnull=False)


def is_invited(trajectory: Trajectory) -> bool:
    return trajectory.phase == Phase.CLOSED or (
        trajectory.phase == Phase.DROPPED_OUT and trajectory.matched_on is not None
    )


def is_open(trajectory: Trajectory) -> bool:
    """Invited, and the invitation still open today."""
    ended = trajectory.ended_on
    return is_invited(trajectory) and ended is not None and ended >= today() - OPEN_FOR


def _open_trajectories() -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(INVITED, ended_on__gte=today() - OPEN_FOR).filter(
        evaluation__isnull=True
    )


def open_invitation(household: Household) -> Trajectory | None:
    """The household's journey whose evaluation is asked now, if any."""
    return _open_trajectories().filter(household=household).order_by("-ended_on").first()


def own_evaluation(household: Household) -> Evaluation | None:
    """The household's latest evaluation (the participant's own portal)."""
    return (
        Evaluation.objects.filter(trajectory__household=household)
        .order_by("-created_at", "-id")
        .first()
    )


def to_collect(programme: Programme) -> QuerySet[Trajectory]:
    """The programme's open invitations, the latest ending first (the coordinator's list)."""
    return (
        _open_trajectories()
        .filter(programme=programme, household__erased_at__isnull=True)
        .select_related("household")
        .order_by("-ended_on", "-id")
    )


def answered(programme: Programme) -> QuerySet[Evaluation]:
    """The programme's evaluations, the latest first (erased households' are counted only)."""
    return (
        Evaluation.objects.filter(
            trajectory__programme=programme, trajectory__household__erased_at__isnull=True
        )
        .select_related("trajectory__household")
        .order_by("-created_at", "-id")
    )


def evaluation_in(programme: Programme, evaluation_uuid: UUID) -> Evaluation:
    """One evaluation of this programme, else 404."""
    return get_object_or_404(
        answered(programme).select_related("entered_by", "trajectory__buddy"),
        uuid=evaluation_uuid,
    )


@dataclass(frozen=True)
class EvaluationCounts:
    """For one way of ending (finished, or stopped during the year): how many were invited,
    how many answered, and how many answers fell in each band of `MARK_BANDS`."""

    invited: int
    answered: int
    bands: tuple[int, ...]
    # The sum of their marks, for the average.
    mark_total: int


def evaluation_counts(trajectories: QuerySet[Trajectory]) -> dict[str, EvaluationCounts]:
    """Of these trajectories, per way of ending ("finished", "stopped"): the counts. One query."""
    bands = {
        f"band_{i}": Count("pk", filter=Q(evaluation__mark__gte=low, evaluation__mark__lte=high))
        for i, (low, high) in enumerate(MARK_BANDS)
    }
    rows = (
        trajectories.filter(INVITED)
        .values("phase")
        .annotate(
            invited=Count("pk"),
            answered=Count("evaluation"),
            mark_total=Sum("evaluation__mark"),
            **bands,
        )
    )
    found = {row["phase"]: row for row in rows}
    answer = {}
    for name, phase in (("finished", Phase.CLOSED), ("stopped", Phase.DROPPED_OUT)):
        row = found.get(phase, {})
        answer[name] = EvaluationCounts(
            invited=row.get("invited", 0),
            answered=row.get("answered", 0),
            bands=tuple(row.get(f"band_{i}", 0) for i in range(len(MARK_BANDS))),
            mark_total=row.get("mark_total") or 0,
        )
    return answer
