"""Aggregate figures for funders and evaluators: counts only, never a person."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.text import capfirst
from django.utils.translation import gettext

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import DomainScore
from kansrijk.core.phases import Phase
from kansrijk.escalation.models import DoorbraakCase
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Programme, ProgrammeRole
from kansrijk.trajectories.models import Trajectory


@dataclass(frozen=True)
class AreaFigures:
    """The journey's counts in one area of a programme over a period (see `area_figures`)."""

    area: Area
    participants_now: int
    started: int
    finished: int
    dropped_out: int


def _in_period(field_name: str, since: dt.date | None, until: dt.date, prefix: str = "") -> Q:
    """`field_name` (a date, below `prefix`) in [since, until]."""
    name = f"{prefix}{field_name}"
    q = Q(**{f"{name}__lte": until})
    if since is not None:
        q &= Q(**{f"{name}__gte": since})
    return q


def journey_counts(since: dt.date | None, until: dt.date, prefix: str) -> dict[str, Count]:
    """Counts of the journeys below `prefix` (e.g. "households__trajectories__"), for annotate:
    where they stood on `until` and what began or ended in [since, until]."""

    def on(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    not_ended = on(ended_on__isnull=True) | on(ended_on__gt=until)
    not_matched = on(matched_on__isnull=True) | on(matched_on__gt=until)
    not_in_aftercare = on(aftercare_started_on__isnull=True) | on(aftercare_started_on__gt=until)
    pk = f"{prefix}pk"

    def count(condition: Q) -> Count:
        # Each journey is counted once (one row per trajectory), so no DISTINCT: it made the
        # database sort the rows once per count.
        return Count(pk, filter=condition)

    return {
        "waiting": count(on(referred_on__lte=until) & not_matched & not_ended),
        "active": count(on(matched_on__lte=until) & not_in_aftercare & not_ended),
        "aftercare": count(on(aftercare_started_on__lte=until) & not_ended),
        "coached": count(on(matched_on__lte=until) & not_ended),
        "started": count(_in_period("matched_on", since, until, prefix)),
        "finished": count(_in_period("ended_on", since, until, prefix) & on(phase=Phase.CLOSED)),
        "dropped_out": count(
            _in_period("ended_on", since, until, prefix) & on(phase=Phase.DROPPED_OUT)
        ),
    }


def area_figures(
    programme: Programme, *, since: dt.date | None, until: dt.date
) -> list[AreaFigures]:
    """Per area of the programme (the areas, then one grouped query):

    - participants_now: households in their active year or aftercare on `until`;
    - started: active years that began in [since, until];
    - finished, dropped_out: journeys that were closed or ended early in [since, until].

    Erased households still count: erasure removes the person, not the figure.
    """
    areas = journey_per_area(Area.objects.filter(programme=programme), since=since, until=until)
    return [
        AreaFigures(
            area=a,
            participants_now=a.coached,
            started=a.started,
            finished=a.finished,
            dropped_out=a.dropped_out,
        )
        for a in areas
    ]


def journey_per_area(areas: QuerySet[Area], *, since: dt.date | None, until: dt.date) -> list[Area]:
    """The areas by name, each with the `journey_counts` as attributes (waiting, active,
    aftercare, coached on `until`; started, finished, dropped_out in the period). Two queries.

    Counted from the trajectories (`_trajectories`), grouped by their household's area; from
    the areas outwards PostgreSQL read every household and trajectory of every programme
    (figures in docs/performance.md).
    """
    areas = list(areas.order_by("name"))
    counts = journey_counts(since, until, "")
    rows = trajectories_in(areas).values("household__area").annotate(**counts)
    by_area = {row.pop("household__area"): row for row in rows}
    nothing = dict.fromkeys(counts, 0)
    for area in areas:
        for name, value in by_area.get(area.pk, nothing).items():
            setattr(area, name, value)
    return areas


# ---- the dashboard: every figure counted in the database, a fixed number of queries ----

# "Ended before 12 months" is measured against a year of 365 days: close enough for a share.
YEAR = dt.timedelta(days=365)


def trajectories_in(areas: list[Area]) -> QuerySet[Trajectory]:
    """The trajectories of the households in these areas, narrowed first on the trajectory's
    own programme (its index): by the areas alone, PostgreSQL joined every household and
    trajectory of every programme (figures in docs/performance.md)."""
    return Trajectory.objects.filter(
        programme_id__in={area.programme_id for area in areas}, household__area__in=areas
    ).order_by()


@dataclass(frozen=True)
class MatchEndings:
    """Matches that began in the period and whose first 12 months are over (or ended before)."""

    over: int
    ended_early: int

    @property
    def completed(self) -> int:
        return self.over - self.ended_early


def match_ending_counts(*, since: dt.date, until: dt.date, on: dt.date) -> dict[str, Count]:
    """For aggregate or annotate over trajectories: of the matches made in [since, until],
    those whose first 12 months were over on `on` (today) or that already ended ("over"), and
    those that ended within their first 12 months ("early")."""
    year_ends_on = ExpressionWrapper(F("matched_on") + YEAR, output_field=DateField())
    early = Q(ended_on__isnull=False) & Q(ended_on__lt=year_ends_on)
    # "The year is over" is asked of the start date against a fixed day, not of start + a year:
    # SQLite adds a duration to a date with a Python function, called for every row; the
    # period comes first, so that it is called only for the period's matches.
    year_over = Q(matched_on__lte=on - YEAR)
    made = Q(matched_on__gte=since, matched_on__lte=until)
    return {
        "over": Count("pk", filter=made & (year_over | early)),
        "early": Count("pk", filter=made & early),
    }


def match_endings(
    areas: list[Area], *, since: dt.date, until: dt.date, on: dt.date
) -> MatchEndings:
    """Of the matches made in [since, until], how many ended within their first 12 months.

    Only matches whose 12 months were over on `on` (today) or that already ended count: a match
    made last month has not had the chance to last a year. One query.
    """
    matches = trajectories_in(areas).aggregate(
        **match_ending_counts(since=since, until=until, on=on)
    )
    return MatchEndings(over=matches["over"], ended_early=matches["early"])


@dataclass(frozen=True)
class DomainChange:
    code: str
    name: str
    assessed: int  # participants with both a start and an end assessment of this domain
    average_start: Decimal | None
    average_end: Decimal | None
    went_up: int
    stayed: int
    went_down: int


def domain_changes(areas: list[Area], *, since: dt.date, until: dt.date) -> list[DomainChange]:
    """Per life domain (by code, across framework versions): start against end for the
    participants whose end assessment was held in [since, until]. One query."""
    start_level = (
        DomainScore.objects.filter(
            assessment__trajectory=OuterRef("assessment__trajectory"),
            assessment__moment=Moment.START,
            domain__code=OuterRef("domain__code"),
        )
        .order_by()
        .values("level")[:1]
    )
    # The start level is asked once per end score, and the few rows (end assessments × five
    # domains) are summed here: asked inside the aggregates, the database ran the subquery
    # four times per row (figures in docs/performance.md).
    rows = (
        DomainScore.objects.filter(
            assessment__moment=Moment.END,
            assessment__held_on__gte=since,
            assessment__held_on__lte=until,
            assessment__trajectory__household__area__in=areas,
        )
        .annotate(start=Subquery(start_level))
        .order_by()
        .values_list("domain__code", "domain__name", "domain__position", "start", "level")
    )
    found: dict[str, _DomainTally] = {}
    for code, name, position, start, end in rows:
        if start is not None:
            found.setdefault(code, _DomainTally(name, position)).add(name, position, start, end)
    ordered = sorted(found.items(), key=lambda item: (item[1].position, item[0]))
    return [tally.change(code) for code, tally in ordered]


@dataclass
class _DomainTally:
    """Start and end levels of one domain (by code), summed over the participants."""

    name: str
    position: int
    assessed: int = 0
    start_total: int = 0
    end_total: int = 0
    went_up: int = 0
    went_down: int = 0

    def add(self, name: str, position: int, start: int, end: int) -> None:
        # Versions of the framework may name or place the domain differently: the lowest name
        # and position stand for all.
        self.name, self.position = min(self.name, name), min(self.position, position)
        self.assessed += 1
        self.start_total += start
        self.end_total += end
        self.went_up += end > start
        self.went_down += end < start

    def change(self, code: str) -> "DomainChange":
        return DomainChange(
            code=code,
            name=capfirst(gettext(self.name)),
            assessed=self.assessed,
            average_start=_average(self.start_total, self.assessed),
            average_end=_average(self.end_total, self.assessed),
            went_up=self.went_up,
            stayed=self.assessed - self.went_up - self.went_down,
            went_down=self.went_down,
        )


def _average(total: int, n: int) -> Decimal:
    return (Decimal(total) / Decimal(n)).quantize(Decimal("0.1"))


# Lead times of solved Doorbraak cases are grouped in these spans (days, upper bound included).
LEAD_TIME_SPANS = (7, 30, 90)


@dataclass(frozen=True)
class DoorbraakFigures:
    opened: int
    solved_within: dict[int, int]  # upper bound in days (None: longer) → cases
    solved_longer: int
    still_open: int
    median_days: int | None
    costs: Decimal
    with_costs: int

    @property
    def solved(self) -> int:
        return sum(self.solved_within.values()) + self.solved_longer


def doorbraak_figures(areas: list[Area], *, since: dt.date, until: dt.date) -> DoorbraakFigures:
    """Doorbraak cases opened in [since, until]: lead times by span, the median, the costs.
    One query: the cases counted per lead time in days (the unsolved ones under none), so
    the spans, the median and the totals are read from a few dozen rows, however many
    cases."""
    solved = Q(solved_on__isnull=False, solved_on__lte=until)
    lead = ExpressionWrapper(F("solved_on") - F("opened_on"), output_field=DurationField())
    rows = (
        DoorbraakCase.objects.filter(
            trajectory__household__area__in=areas, opened_on__gte=since, opened_on__lte=until
        )
        .annotate(lead=Case(When(solved, then=lead), output_field=DurationField()))
        .order_by()
        .values("lead")
        .annotate(
            n=Count("pk"),
            total_costs=Sum("costs"),
            with_costs=Count("pk", filter=Q(costs__isnull=False)),
        )
    )
    leads: list[tuple[int, int]] = []  # (days, cases), solved ones only
    opened = with_costs = 0
    costs = Decimal("0")
    for row in rows:
        opened += row["n"]
        with_costs += row["with_costs"]
        costs += Decimal(row["total_costs"] or 0)
        if row["lead"] is not None:
            leads.append((row["lead"].days, row["n"]))
    leads.sort()
    spans = {}
    lower = None
    for days in LEAD_TIME_SPANS:
        spans[days] = sum(n for d, n in leads if d <= days and (lower is None or d > lower))
        lower = days
    solved_n = sum(n for _d, n in leads)
    return DoorbraakFigures(
        opened=opened,
        solved_within=spans,
        solved_longer=sum(n for d, n in leads if d > lower),
        still_open=opened - solved_n,
        median_days=_median_days(leads, solved_n),
        costs=costs,
        with_costs=with_costs,
    )


def _median_days(leads: list[tuple[int, int]], n: int) -> int | None:
    """The median of the lead times (days, cases; sorted), rounded: the middle case, or the
    mean of the middle two."""
    if not n:
        return None
    wanted = range((n - 1) // 2, n // 2 + 1)
    middle, seen = [], 0
    for days, count in leads:
        middle += [days for i in wanted if seen <= i < seen + count]
        seen += count
    return round(sum(middle) / len(middle))


@dataclass(frozen=True)
class BuddyLoad:
    buddies: int
    by_households: dict[int, int]  # 0, 1, 2 households → buddies; 3 stands for "3 or more"
    households: int

    @property
    def average(self) -> Decimal | None:
        busy = self.buddies - self.by_households[0]
        return (Decimal(self.households) / busy).quantize(Decimal("0.1")) if busy else None


def buddy_load(programme: Programme, areas: list[Area], *, on: dt.date) -> BuddyLoad:
    """The programme's active buddies by how many households (in these areas) they coached on
    `on`. One query: the buddies (each with load -1) and, after UNION ALL, one pass over the
    coached trajectories grouped by buddy (a count per buddy in a subquery read the
    programme's trajectories once per buddy; figures in docs/performance.md)."""
    buddies = (
        ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY, active=True)
        .order_by()
        .values_list("user_id", Value(-1))
        .distinct()
    )
    loads = (
        trajectories_in(areas)
        .filter(buddy_id__in=buddies.values("user_id"), matched_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values("buddy_id")
        .annotate(n=Count("pk"))
        .values_list("buddy_id", "n")
    )
    rows = list(buddies.union(loads, all=True))
    found = {user_id: 0 for user_id, n in rows if n == -1}
    found.update((user_id, n) for user_id, n in rows if n != -1)
    per_buddy = list(found.values())
    return BuddyLoad(
        buddies=len(per_buddy),
        by_households={n: sum(1 for load in per_buddy if min(load, 3) == n) for n in (0, 1, 2, 3)},
        households=sum(per_buddy),
    )
