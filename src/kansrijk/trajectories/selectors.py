"""Reads about trajectories. Callers pass households they already got from `access`."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import median
from uuid import UUID

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from kansrijk.access.policy import visible_condition
from kansrijk.core.dates import add_months, today
from kansrijk.core.phases import WAITING_PHASES
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Household, Programme, ProgrammeRole, User

from .choices import PAIRED_PHASES, Phase
from .models import (
    ACTIVE_YEAR_MONTHS,
    AFTERCARE_MAX_MONTHS,
    PhaseChange,
    Trajectory,
    TrajectoryExtension,
)

# Open first (no end date; NULLs sort differently per database, so say it), then the one that
# ended last.
_CURRENT_FIRST = (F("ended_on").desc(nulls_first=True), "-referred_on", "-id")


def current_trajectory(household: Household) -> Trajectory | None:
    """The household's open trajectory, or else its most recent one."""
    return (
        Trajectory.objects.filter(household=household)
        .select_related("buddy", "backup")
        .order_by(*_CURRENT_FIRST)
        .first()
    )


def phase_history(trajectory: Trajectory) -> QuerySet[PhaseChange]:
    return trajectory.phase_changes.select_related("by")


def extensions_of(trajectory: Trajectory) -> QuerySet[TrajectoryExtension]:
    """Every extension of the trajectory's year or aftercare, the first first."""
    return trajectory.extensions.select_related("by")


def buddy_roles_with_load(programme: Programme) -> list[ProgrammeRole]:
    """The programme's active buddies, each with `.load` (households paired with them now)."""
    return list(
        ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY, active=True)
        .select_related("user", "default_backup")
        .annotate(
            load=Count(
                "user__buddy_trajectories",
                filter=Q(user__buddy_trajectories__phase__in=PAIRED_PHASES),
            )
        )
        .order_by("user__first_name", "user__last_name")
    )


def backup_professionals(programme: Programme) -> QuerySet[User]:
    return User.objects.filter(
        programme_roles__programme=programme,
        programme_roles__role=Role.BACKUP,
        programme_roles__active=True,
    ).order_by("first_name", "last_name")


def trajectory_for_user_or_404(
    user: User, household_uuid: UUID | str, **annotations
) -> tuple[Household, Trajectory]:
    """The household (if this user may see it, else 404) with its current trajectory.

    One query: the trajectories of the household, if visible, with the household joined; the
    current one first (as `current_trajectory` orders them). No trajectory is a 404 too.
    `annotations` ride along in that query, for a page that needs a value of the journey's
    own rows (a later part of the journey passes them: this module cannot name its models).
    """
    if not user.is_authenticated:
        raise Http404
    trajectory = (
        Trajectory.objects.filter(
            visible_condition(user, "household"), household__uuid=household_uuid
        )
        .select_related("household__programme", "household__area", "buddy", "backup")
        .annotate(**annotations)
        .order_by(*_CURRENT_FIRST)
        .first()
    )
    if trajectory is None:
        raise Http404
    return trajectory.household, trajectory


def ending_soon(trajectories: QuerySet[Trajectory], days: int = 31) -> QuerySet[Trajectory]:
    """Active years and aftercare periods that end within `days` (or have already ended),
    each at its extended end when it was extended."""
    return trajectories.filter(ending_soon_condition(days)).order_by("matched_on", "pk")


def ending_soon_condition(days: int = 31) -> Q:
    """The condition of `ending_soon`, for a query that asks it next to other questions."""
    horizon = today() + dt.timedelta(days=days)
    year_ends = Q(
        active_year_extended_to__isnull=True,
        matched_on__lte=add_months(horizon, -ACTIVE_YEAR_MONTHS),
    ) | Q(active_year_extended_to__lte=horizon)
    aftercare_ends = Q(
        aftercare_extended_to__isnull=True,
        aftercare_started_on__lte=add_months(horizon, -AFTERCARE_MAX_MONTHS),
    ) | Q(aftercare_extended_to__lte=horizon)
    return (Q(phase=Phase.ACTIVE) & year_ends) | (Q(phase=Phase.AFTERCARE) & aftercare_ends)


def phase_counts(trajectories: QuerySet[Trajectory]) -> dict[Phase, int]:
    """How many trajectories are in each phase, every phase present (zero when none)."""
    counted = dict(trajectories.order_by().values_list("phase").annotate(n=Count("pk")))
    return {phase: counted.get(phase, 0) for phase in Phase}


def waiting_list(trajectories: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """Households waiting for their year to start, longest waiting first."""
    return trajectories.filter(phase__in=WAITING_PHASES).order_by("referred_on", "pk")


def year_to_start(trajectories: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """Households with a buddy whose year has not started yet, paired longest ago first."""
    return trajectories.filter(phase=Phase.MATCHED).order_by("paired_on", "pk")


# The waiting list page names at most this many households per area; the count tells the rest.
WAITING_ROWS_PER_AREA = 50


@dataclass
class AreaWaiting:
    """Who waits for their year to start in one area, and for how long (in days)."""

    area: Area
    count: int
    median_days: float | None
    longest_days: int | None
    rows: list[Trajectory]


def waiting_per_area(trajectories: QuerySet[Trajectory], areas: list[Area]) -> list[AreaWaiting]:
    """Per area: the number waiting, the median and longest wait, and the longest waiting first.

    Two queries whatever the number of households: the waiting days of everyone (dates only),
    and the first WAITING_ROWS_PER_AREA of each area, numbered per area by the database.
    """
    waiting = waiting_list(trajectories)
    days: dict[int, list[int]] = defaultdict(list)
    for area_id, referred_on in waiting.values_list("household__area_id", "referred_on"):
        days[area_id].append((today() - referred_on).days)
    rows: dict[int, list[Trajectory]] = defaultdict(list)
    first_per_area = (
        waiting.select_related("household")
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=F("household__area_id"),
                order_by=[F("referred_on").asc(), F("pk").asc()],
            )
        )
        .filter(place__lte=WAITING_ROWS_PER_AREA)
    )
    for trajectory in first_per_area:
        rows[trajectory.household.area_id].append(trajectory)
    return [
        AreaWaiting(
            area=area,
            count=len(days[area.pk]),
            median_days=median(days[area.pk]) if days[area.pk] else None,
            longest_days=max(days[area.pk], default=None),
            rows=rows[area.pk],
        )
        for area in areas
    ]
