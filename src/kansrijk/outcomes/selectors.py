"""Reads of outcomes: a household's list, and counts over many trajectories, in SQL.

Household reads start from `access.policy.outcome_households`. The counts never loop over
participants in Python: each is one query, whatever the number of trajectories.
"""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kansrijk.access import policy
from kansrijk.people.models import Household, HouseholdMember, Programme, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.selectors import current_trajectory

from . import rules
from .choices import EDUCATION, Hours, Level, OutcomeKind, Sector, Welfare
from .models import Outcome, OutcomeType


def outcome_types(programme: Programme, *, active_only: bool = True) -> list[OutcomeType]:
    """The programme's outcome types in checklist order.

    The defaults were given when the programme was made (`services.programme_made`)."""
    types = OutcomeType.objects.filter(programme=programme).order_by("position", "pk")
    return [t for t in types if t.active or not active_only]


def outcomes_for_user_or_404(
    user: User, household_uuid: UUID | str
) -> tuple[Household, Trajectory]:
    """The household (if this user may see its outcomes, else 404) and its current trajectory."""
    household = (
        policy.outcome_households(user)
        .select_related("programme", "area")
        .filter(uuid=household_uuid)
        .first()
    )
    if household is None:
        raise Http404
    trajectory = current_trajectory(household)
    if trajectory is None:
        raise Http404
    trajectory.household = household
    return household, trajectory


# The household page shows the latest few; the outcomes page has them all.
SHOWN_ON_THE_HOUSEHOLD_PAGE = 3


def outcomes_of(household: Household) -> QuerySet[Outcome]:
    """Every outcome of the household, over all its trajectories, the latest first."""
    return (
        Outcome.objects.filter(trajectory__household=household)
        .select_related("outcome_type", "member", "recorded_by")
        .order_by("-reached_on", "-id")
    )


def outcome_in(household: Household, outcome_uuid: UUID) -> Outcome:
    outcome = outcomes_of(household).select_related("trajectory").filter(uuid=outcome_uuid).first()
    if outcome is None:
        raise Http404
    outcome.trajectory.household = household
    return outcome


def members_of(household: Household) -> list[HouseholdMember]:
    return list(HouseholdMember.objects.filter(household=household))


def outcome_counts(trajectories: QuerySet[Trajectory]) -> dict[str, int]:
    """Outcome type code → how many of these trajectories (households) reached it. One query.

    A household with two outcomes of one type (education started twice) counts once.
    """
    rows = (
        Outcome.objects.filter(trajectory__in=trajectories.values("pk"))
        .order_by()
        .values_list("outcome_type__code")
        .annotate(n=Count("trajectory", distinct=True))
    )
    return dict(rows)


def code_aggregates(codes: list[str]) -> dict[str, Count]:
    """`outcome_counts` of these codes as aggregates over the outcomes of the trajectories, to
    count beside other figures in one query (`codes_from` reads them back)."""
    return {f"code_{i}": _households(Q(outcome_type__code=code)) for i, code in enumerate(codes)}


def codes_from(row: dict, codes: list[str]) -> dict[str, int]:
    return {code: row[f"code_{i}"] for i, code in enumerate(codes) if row[f"code_{i}"]}


def _households(condition: Q) -> Count:
    """How many households (trajectories) have an outcome that meets the condition."""
    return Count("trajectory", distinct=True, filter=condition)


@dataclass(frozen=True)
class ResultCounts:
    """What the results list says, counted over the trajectories that finished."""

    housing: int
    work: int
    work_full_time: int
    work_part_time: int
    welfare_ended: int
    welfare_reduced: int
    business: int
    education: int
    education_levels: dict[str, int]
    diplomas: int
    young: int
    young_work: int
    young_part_time: int
    young_diplomas: int
    young_diploma_levels: dict[str, int]
    steps: dict[str, int]


# Steps on the way that the second sentence of the results list counts, in this order.
STEP_KINDS = (
    OutcomeKind.EVICTION_PREVENTED,
    OutcomeKind.DEBT_FREEZE,
    OutcomeKind.DEBT_ARRANGEMENT,
    OutcomeKind.DEBT_FREE,
    OutcomeKind.CARE_ARRANGED,
    OutcomeKind.VOLUNTEER_WORK,
    OutcomeKind.NETWORK_GROWN,
)


def main_conditions(finished: QuerySet) -> dict[str, Q]:
    """The results list's main results and steps as conditions on outcomes (`finished`: the pks
    of the trajectories counted). Young people back at school have their own line: their work
    next to school is not counted as work found."""
    young = Outcome.objects.filter(
        trajectory__in=finished, outcome_type__kind=OutcomeKind.BACK_TO_SCHOOL
    ).values("trajectory")
    kind = "outcome_type__kind"
    conditions = {
        "housing": Q(**{kind: OutcomeKind.HOUSING_FOUND}),
        "work": Q(**{kind: OutcomeKind.PAID_WORK}) & ~Q(trajectory__in=young),
        "business": Q(**{kind: OutcomeKind.BUSINESS_STARTED}),
        "education": Q(**{f"{kind}__in": EDUCATION}),
        "young": Q(**{kind: OutcomeKind.BACK_TO_SCHOOL}),
    }
    for step in STEP_KINDS:
        conditions[f"step_{step}"] = Q(**{kind: step})
    return conditions


def result_counts(trajectories: QuerySet[Trajectory]) -> ResultCounts:
    """Households per outcome and detail, for the results list's sentences. One query."""
    finished = trajectories.values("pk")
    row = Outcome.objects.filter(trajectory__in=finished).aggregate(**result_aggregates(finished))
    return result_counts_from(row)


def result_aggregates(finished: QuerySet) -> dict[str, Count]:
    """The aggregates of `result_counts` over the outcomes of `finished` (the pks of the
    trajectories counted), to count beside other figures in one query.

    Young people back at school have their own line: work next to school is told there and
    not counted as work found (it is a side job, not a step out of welfare); their education
    counts with everyone's.
    """
    young = Outcome.objects.filter(
        trajectory__in=finished, outcome_type__kind=OutcomeKind.BACK_TO_SCHOOL
    ).values("trajectory")
    kind = "outcome_type__kind"
    main = main_conditions(finished)
    work = main["work"]
    education = main["education"]
    young_work = Q(**{kind: OutcomeKind.PAID_WORK}, trajectory__in=young)
    young_diploma = Q(**{kind: OutcomeKind.EDUCATION_COMPLETED}, diploma=True, trajectory__in=young)
    households = _households
    aggregates = {
        "housing": households(main["housing"]),
        "work": households(work),
        "work_full_time": households(work & Q(hours=Hours.FULL_TIME)),
        "work_part_time": households(work & Q(hours=Hours.PART_TIME)),
        "welfare_ended": households(work & Q(welfare=Welfare.ENDED)),
        "welfare_reduced": households(work & Q(welfare=Welfare.REDUCED)),
        "business": households(main["business"]),
        "education": households(education),
        "diplomas": households(education & Q(diploma=True)),
        "young": households(main["young"]),
        "young_work": households(young_work),
        "young_part_time": households(young_work & Q(hours=Hours.PART_TIME)),
        "young_diplomas": households(young_diploma),
    }
    for level in Level.values:
        aggregates[f"level_{level}"] = households(education & Q(level=level))
        aggregates[f"young_diploma_{level}"] = households(young_diploma & Q(level=level))
    for step in STEP_KINDS:
        aggregates[f"step_{step}"] = households(main[f"step_{step}"])
    return aggregates


def result_counts_from(row: dict) -> ResultCounts:
    """`ResultCounts` from a row with the aggregates of `result_aggregates`."""
    return ResultCounts(
        housing=row["housing"],
        work=row["work"],
        work_full_time=row["work_full_time"],
        work_part_time=row["work_part_time"],
        welfare_ended=row["welfare_ended"],
        welfare_reduced=row["welfare_reduced"],
        business=row["business"],
        education=row["education"],
        education_levels={level: row[f"level_{level}"] for level in Level.values},
        diplomas=row["diplomas"],
        young=row["young"],
        young_work=row["young_work"],
        young_part_time=row["young_part_time"],
        young_diplomas=row["young_diplomas"],
        young_diploma_levels={level: row[f"young_diploma_{level}"] for level in Level.values},
        steps={step: row[f"step_{step}"] for step in STEP_KINDS},
    )


def business_sectors(trajectories: QuerySet[Trajectory]) -> dict[str, int]:
    """Sector → households that started a business in it. One query."""
    row = Outcome.objects.filter(trajectory__in=trajectories.values("pk")).aggregate(
        **sector_aggregates()
    )
    return sectors_from(row)


def sector_aggregates() -> dict[str, Count]:
    """`business_sectors` as aggregates over the outcomes of the trajectories, to count beside
    other figures in one query (`sectors_from` reads them back)."""
    return {
        f"sector_{sector}": _households(
            Q(outcome_type__kind=OutcomeKind.BUSINESS_STARTED, sector=sector)
        )
        for sector in Sector.values
    }


def sectors_from(row: dict) -> dict[str, int]:
    return {sector: row[f"sector_{sector}"] for sector in Sector.values if row[f"sector_{sector}"]}


def household_outcomes_reads(
    user: User, household: Household, trajectory: Trajectory | None
) -> QuerySet[Outcome] | None:
    """The read behind the household page's outcomes, not yet sent; None for those who may not
    see them. On the household page the file's journey is known, and `may_record_outcomes`
    answers from the roles and consents the page already read: the same people as
    `outcome_households` (the coordinator; the buddy and the backup with consent while they
    coach)."""
    if not rules.may_record_outcomes(user, household, trajectory):
        return None
    return outcomes_of(household)[: SHOWN_ON_THE_HOUSEHOLD_PAGE + 1]
