"""When assessments are due, and which are overdue."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from kansrijk.core.dates import add_months, today
from kansrijk.trajectories.choices import COACHING_PHASES, Phase
from kansrijk.trajectories.models import Trajectory

from .choices import Moment
from .models import Assessment

# Months after the start of the active year at which each assessment is due.
DUE_AFTER_MONTHS = {Moment.START: 0, Moment.HALFWAY: 6, Moment.END: 12}
# Days after the due date before an assessment counts as overdue.
GRACE_DAYS = 28


@dataclass(frozen=True)
class DueAssessment:
    moment: Moment
    due_on: dt.date
    done: Assessment | None

    @property
    def overdue(self) -> bool:
        return self.done is None and today() > self.due_on + dt.timedelta(days=GRACE_DAYS)

    @property
    def upcoming(self) -> bool:
        return (
            self.done is None
            and not self.overdue
            and self.due_on <= today() + dt.timedelta(days=30)
        )


def assessments_with_scores(trajectory: Trajectory) -> list[Assessment]:
    return list(trajectory.assessments.prefetch_related("scores").select_related("recorded_by"))


def due_assessments(trajectory: Trajectory, done: list[Assessment]) -> list[DueAssessment]:
    """The start, halfway and end assessments with their derived due dates."""
    if trajectory.matched_on is None:
        return []
    by_moment = {a.moment: a for a in done if a.moment != Moment.EXTRA}
    return [
        DueAssessment(moment, add_months(trajectory.matched_on, months), by_moment.get(moment))
        for moment, months in DUE_AFTER_MONTHS.items()
    ]


def _missing(moment: Moment) -> Exists:
    return ~Exists(Assessment.objects.filter(trajectory=OuterRef("pk"), moment=moment))


def with_overdue_assessment(trajectories: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """Narrow to coached trajectories with at least one overdue assessment, in one query."""
    moment_overdue = Q()
    for moment, months in DUE_AFTER_MONTHS.items():
        started_before = add_months(today() - dt.timedelta(days=GRACE_DAYS), -months)
        moment_overdue |= Q(matched_on__lt=started_before) & _missing(moment)
    # The end assessment may still be made in aftercare; start and halfway only matter before.
    return trajectories.filter(phase__in=COACHING_PHASES).filter(
        moment_overdue & (Q(phase=Phase.ACTIVE) | _missing(Moment.END))
    )
