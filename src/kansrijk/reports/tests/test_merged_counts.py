"""The report's merged queries give the very figures of the queries they replaced.

Each figure that one grouped query now counts for several tables (`dashboard.area_counts`,
`cohort.cohort_breakdown`, `selectors.doorbraak_figures`, `selectors.buddy_load`) is compared,
on random programmes, with the old function kept here as the oracle: one query per figure,
exactly as the report counted before.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Count,
    DateField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansrijk.escalation.models import DoorbraakCase
from kansrijk.people.choices import HouseholdType, Role
from kansrijk.people.models import Area, ProgrammeRole
from kansrijk.reports.cohort import (
    Cohort,
    CohortCounts,
    ExtendedCounts,
    _places,
    cohort_breakdown,
    place_counts,
)
from kansrijk.reports.dashboard import area_counts
from kansrijk.reports.reach import AreaReach, Reach
from kansrijk.reports.scope import Scope
from kansrijk.reports.selectors import (
    LEAD_TIME_SPANS,
    YEAR,
    BuddyLoad,
    DoorbraakFigures,
    MatchEndings,
    buddy_load,
    doorbraak_figures,
    trajectories_in,
)
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory, TrajectoryExtension
from tests.factories import (
    AreaFactory,
    DoorbraakCaseFactory,
    ProgrammeRoleFactory,
    TrajectoryExtensionFactory,
    UserFactory,
)

# ---- the oracles: the functions as they were, one query (or two) per figure ----


def old_match_endings(areas, *, since, until, on) -> MatchEndings:
    year_ends_on = ExpressionWrapper(F("matched_on") + YEAR, output_field=DateField())
    early = Q(ended_on__isnull=False) & Q(ended_on__lt=year_ends_on)
    year_over = Q(matched_on__lte=on - YEAR)
    matches = (
        trajectories_in(areas)
        .filter(matched_on__gte=since, matched_on__lte=until)
        .aggregate(over=Count("pk", filter=year_over | early), early=Count("pk", filter=early))
    )
    return MatchEndings(over=matches["over"], ended_early=matches["early"])


def old_reach(programme, areas, *, year, until) -> Reach:
    until = min(until, dt.date(year, 12, 31))
    joined = F("household__area__joined_on")
    since_joined = Q(matched_on__gte=joined, matched_on__lte=until)
    in_year = since_joined & Q(matched_on__gte=dt.date(year, 1, 1))
    rows = (
        trajectories_in(areas)
        .values("household__area")
        .annotate(
            in_year=Count("pk", filter=in_year), since_joined=Count("pk", filter=since_joined)
        )
    )
    by_area = {row["household__area"]: row for row in rows}
    return Reach(
        year=year,
        until=until,
        target=programme.yearly_participant_target,
        areas=[
            AreaReach(
                area=area,
                started_in_year=by_area.get(area.pk, {}).get("in_year", 0),
                started_since_joined=by_area.get(area.pk, {}).get("since_joined", 0),
            )
            for area in sorted(areas, key=lambda a: a.name)
        ],
    )


def old_doorbraak_figures(areas, *, since, until) -> DoorbraakFigures:
    cases = DoorbraakCase.objects.filter(
        trajectory__household__area__in=areas, opened_on__gte=since, opened_on__lte=until
    ).order_by()
    solved = Q(solved_on__isnull=False, solved_on__lte=until)
    spans = {}
    lower = None
    for days in LEAD_TIME_SPANS:
        within = solved & Q(solved_on__lte=F("opened_on") + dt.timedelta(days=days))
        if lower is not None:
            within &= Q(solved_on__gt=F("opened_on") + dt.timedelta(days=lower))
        spans[f"within_{days}"] = Count("pk", filter=within)
        lower = days
    longer = solved & Q(solved_on__gt=F("opened_on") + dt.timedelta(days=lower))
    totals = cases.aggregate(
        opened=Count("pk"),
        longer=Count("pk", filter=longer),
        solved=Count("pk", filter=solved),
        total_costs=Coalesce(Sum("costs"), Value(Decimal("0"), output_field=DecimalField())),
        with_costs=Count("pk", filter=Q(costs__isnull=False)),
        **spans,
    )
    n = totals["solved"]
    median = None
    if n:
        lead = ExpressionWrapper(F("solved_on") - F("opened_on"), output_field=DurationField())
        middle = list(
            cases.filter(solved)
            .annotate(lead=lead)
            .order_by("lead", "pk")
            .values_list("lead", flat=True)[(n - 1) // 2 : n // 2 + 1]
        )
        median = round(sum(span.days for span in middle) / len(middle))
    return DoorbraakFigures(
        opened=totals["opened"],
        solved_within={days: totals[f"within_{days}"] for days in LEAD_TIME_SPANS},
        solved_longer=totals["longer"],
        still_open=totals["opened"] - n,
        median_days=median,
        costs=Decimal(totals["total_costs"]),
        with_costs=totals["with_costs"],
    )


def old_buddy_load(programme, areas, *, on) -> BuddyLoad:
    buddies = list(
        ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY, active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    loads = dict(
        trajectories_in(areas)
        .filter(buddy_id__in=buddies, matched_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .order_by()
        .values("buddy_id")
        .annotate(n=Count("pk"))
        .values_list("buddy_id", "n")
    )
    per_buddy = [loads.get(user_id, 0) for user_id in buddies]
    return BuddyLoad(
        buddies=len(per_buddy),
        by_households={n: sum(1 for load in per_buddy if min(load, 3) == n) for n in (0, 1, 2, 3)},
        households=sum(per_buddy),
    )


# ---- random programmes ----

TODAY = dt.date(2025, 6, 16)  # FROZEN_AT in conftest.py
REASONS = ["", *DropOutReason.values]
TYPES = ["", *HouseholdType.values]


def _random_programme(cast, journey, rng: random.Random):
    areas = [cast.area] + [
        AreaFactory(programme=cast.programme, joined_on=dt.date(2021 + i, 1 + 3 * i, 1))
        for i in range(rng.randint(0, 2))
    ]
    buddies = []
    for _ in range(rng.randint(1, 4)):
        buddy = UserFactory()
        ProgrammeRoleFactory(
            user=buddy, programme=cast.programme, role=Role.BUDDY, active=rng.random() < 0.8
        )
        buddies.append(buddy)
    for _ in range(rng.randint(0, 14)):
        referred = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1600))
        household = {
            "household__area": rng.choice(areas),
            "household__household_type": rng.choice(TYPES),
            "household__working_poor": rng.choice([True, False, None]),
        }
        matched = referred + dt.timedelta(days=rng.randint(5, 200))
        kind = rng.choice(["waiting", "dropped_early", "active", "aftercare", "closed", "dropped"])
        if matched > TODAY and kind not in ("waiting", "dropped_early"):
            kind = "waiting"
        ended = min(TODAY, matched + dt.timedelta(days=rng.randint(20, 600)))
        buddy = rng.choice(buddies)
        if kind == "waiting":
            t = journey(Phase.REFERRED, referred_on=referred, **household)
        elif kind == "dropped_early":
            t = journey(
                Phase.DROPPED_OUT,
                referred_on=referred,
                ended_on=min(TODAY, referred + dt.timedelta(days=rng.randint(1, 90))),
                drop_out_reason=rng.choice(REASONS),
                **household,
            )
        elif kind == "active":
            t = journey(
                Phase.ACTIVE, referred_on=referred, matched_on=matched, buddy=buddy, **household
            )
        elif kind == "aftercare":
            after = min(TODAY, matched + dt.timedelta(days=365))
            t = journey(
                Phase.AFTERCARE,
                referred_on=referred,
                matched_on=matched,
                aftercare_started_on=after,
                buddy=buddy,
                **household,
            )
        else:
            t = journey(
                Phase.CLOSED if kind == "closed" else Phase.DROPPED_OUT,
                referred_on=referred,
                matched_on=matched,
                ended_on=ended,
                drop_out_reason="" if kind == "closed" else rng.choice(REASONS),
                buddy=buddy,
                **household,
            )
        if kind not in ("waiting", "dropped_early") and rng.random() < 0.3:
            TrajectoryExtensionFactory(trajectory=t, old_end=matched + dt.timedelta(days=365))
        for _ in range(rng.choice([0, 0, 1, 2])):
            opened = referred + dt.timedelta(days=rng.randint(0, 400))
            solved = rng.choice([None, opened + dt.timedelta(days=rng.randint(0, 150))])
            DoorbraakCaseFactory(
                trajectory=t,
                opened_on=opened,
                solved_on=solved,
                costs=rng.choice([None, Decimal("12.50"), Decimal("300.00")]),
            )
    return areas


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32), first=st.integers(2021, 2025), years=st.integers(0, 2))
def test_merged_queries_count_what_the_old_ones_counted(cast, journey, seed, first, years):
    with transaction.atomic():
        rng = random.Random(seed)
        areas = _random_programme(cast, journey, rng)
        last = min(2025, first + years)
        for chosen in [None, *areas]:
            scope = Scope(
                programme=cast.programme,
                areas=[chosen] if chosen else areas,
                area=chosen,
                first_year=first,
                last_year=last,
                programme_areas=tuple(areas),
            )
            cohort = Cohort(first_year=first, last_year=rng.randint(first, last), on=scope.until)

            counts = area_counts(scope, cohort)
            assert counts.reach == old_reach(cast.programme, areas, year=last, until=scope.until)
            assert counts.cohort.rows == cohort_per_area(scope.areas, cohort)
            assert counts.endings == old_match_endings(
                scope.areas, since=scope.since, until=scope.until, on=TODAY
            )
            assert doorbraak_figures(
                scope.areas, since=scope.since, until=scope.until
            ) == old_doorbraak_figures(scope.areas, since=scope.since, until=scope.until)
            assert buddy_load(cast.programme, scope.areas, on=scope.until) == old_buddy_load(
                cast.programme, scope.areas, on=scope.until
            )

            trajectories = (
                trajectories_in(scope.areas)
                if chosen
                else Trajectory.objects.filter(programme=cast.programme).order_by()
            )
            breakdown = cohort_breakdown(trajectories, cohort)
            assert breakdown.counts == cohort_counts(trajectories, cohort)
            assert breakdown.extended == extended_counts(trajectories, cohort)
            for field, found in (
                ("household_type", breakdown.per_household_type),
                ("working_poor", breakdown.per_working_poor),
            ):
                expected = cohort_per_household(trajectories, cohort, field)
                assert found == {k: v for k, v in expected.items() if k in found}
                # A value whose households are all outside the cohort counts nobody either way.
                assert all(not any(v.values()) for k, v in expected.items() if k not in found)
        transaction.set_rollback(True)


# ---- the oracles: the functions the merged queries replaced, as they were ----


def extended_counts(trajectories: QuerySet[Trajectory], cohort: Cohort) -> ExtendedCounts:
    """How many of the cohort's finished, stopped and running households had an extension
    recorded by the cohort's day: counted apart, the places still count from the year's
    start. One query."""
    extended = Exists(
        TrajectoryExtension.objects.filter(trajectory=OuterRef("pk"), at__date__lte=cohort.on)
    )
    places = _places(cohort)
    running = places["waiting"] | places["in_year"] | places["aftercare"]
    row = trajectories.annotate(extended=extended).aggregate(
        finished=Count("pk", filter=places["finished"] & Q(extended=True)),
        stopped_during=Count("pk", filter=places["stopped_during"] & Q(extended=True)),
        running=Count("pk", filter=running & Q(extended=True)),
    )
    return ExtendedCounts(**row)


def cohort_per_household(
    trajectories: QuerySet[Trajectory], cohort: Cohort, field: str
) -> dict[object, dict[str, int]]:
    """Per value of the household's `field` (its type, or whether it is working poor): the
    cohort's households by where they stand. One grouped query."""
    rows = trajectories.values(f"household__{field}").order_by().annotate(**place_counts(cohort))
    return {row.pop(f"household__{field}"): row for row in rows}


def cohort_counts(trajectories: QuerySet[Trajectory], cohort: Cohort) -> CohortCounts:
    """Where the cohort's households among `trajectories` stand on the cohort's day, with the
    reasons of those who stopped. Two queries.

    A household that ended in any other way than by closing counts as stopped, so the places
    always add up, whatever the data.
    """
    places = place_counts(cohort)
    row = trajectories.aggregate(**places)
    per_reason = (
        trajectories.values("drop_out_reason")
        .order_by()
        .annotate(before=places["stopped_before"], during=places["stopped_during"])
    )
    before: dict[str, int] = {}
    during: dict[str, int] = {}
    for reason in per_reason:
        # A household that stopped without a recorded reason counts under "other reason".
        key = reason["drop_out_reason"] or DropOutReason.OTHER
        for bucket, n in ((before, reason["before"]), (during, reason["during"])):
            if n:
                bucket[key] = bucket.get(key, 0) + n
    return CohortCounts(**row, reasons_before=before, reasons_during=during)


def cohort_per_area(areas: list[Area], cohort: Cohort) -> list[tuple[Area, dict[str, int]]]:
    """Per area (by name): the cohort's households by where they stand (`place_counts`).
    One grouped query; the areas are given."""
    rows = trajectories_in(areas).values("household__area").annotate(**place_counts(cohort))
    by_area = {row.pop("household__area"): row for row in rows}
    nothing = dict.fromkeys(place_counts(cohort), 0)
    return [(area, by_area.get(area.pk, nothing)) for area in sorted(areas, key=lambda a: a.name)]
