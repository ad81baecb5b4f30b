"""Aggregate figures for funders and evaluators: counts only, never a person."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from kansrijk.core.phases import Phase
from kansrijk.people.models import Programme
from kansrijk.trajectories.models import Trajectory


@dataclass
class YearFigures:
    started: int = 0
    closed: int = 0
    dropped_out: int = 0


@dataclass
class ProgrammeFigures:
    programme: Programme
    phases: dict[Phase, int]
    years: dict[int, YearFigures] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.phases.values())


def programme_figures(programmes: QuerySet[Programme]) -> list[ProgrammeFigures]:
    """Trajectories per phase and per year for each programme, in three grouped queries."""
    programmes = list(programmes)
    trajectories = Trajectory.objects.filter(household__programme__in=programmes).order_by()
    phase_rows = trajectories.values_list("household__programme", "phase").annotate(n=Count("pk"))
    phases: dict[int, dict[Phase, int]] = defaultdict(lambda: dict.fromkeys(Phase, 0))
    for programme_id, phase, n in phase_rows:
        phases[programme_id][Phase(phase)] = n

    years: dict[int, dict[int, YearFigures]] = defaultdict(lambda: defaultdict(YearFigures))
    started = (
        trajectories.filter(matched_on__isnull=False)
        .values_list("household__programme", ExtractYear("matched_on"))
        .annotate(n=Count("pk"))
    )
    for programme_id, year, n in started:
        years[programme_id][year].started = n
    ended = (
        trajectories.filter(phase__in=[Phase.CLOSED, Phase.DROPPED_OUT])
        .values_list("household__programme", ExtractYear("ended_on"), "phase")
        .annotate(n=Count("pk"))
    )
    for programme_id, year, phase, n in ended:
        setattr(years[programme_id][year], phase, n)

    return [
        ProgrammeFigures(
            programme=p,
            phases=phases[p.pk],
            years=dict(sorted(years[p.pk].items(), reverse=True)),
        )
        for p in programmes
    ]
