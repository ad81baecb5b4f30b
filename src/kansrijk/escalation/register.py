"""The learning register: recurring barriers by kind and agency, without personal data.

What it reads of a case: its dates, costs, tags and the lesson for policy (written without
names; `case_services` refuses one that names the household). Never the household, the barrier
in the participant's words, the blocking rule or the solution: those are not even selected.
It counts every case of the programmes, also of households whose consent ended or whose file
was erased, because the figures hold nobody's data.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.core.aggregates import DaysBetween, figures_per_group, median
from kansrijk.core.spreadsheet import DUTCH, CsvFlavour, csv_file
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User
from kansrijk.trajectories import counts

from .choices import TagKind
from .models import BarrierTag, DoorbraakCase

# Per tag the register shows this many lessons for policy, the newest first.
EXAMPLES_PER_TAG = 3


def register_programmes(user: User) -> list[Programme]:
    """The programmes whose register this user reads: as coordinator or Doorbraak professional."""
    # From the roles the request has read already (`policy.roles_of`): no query of its own.
    programmes = {
        role.programme_id: role.programme
        for role in policy.roles_of(user)
        if role.role in (Role.COORDINATOR, Role.DOORBRAAK)
    }
    return sorted(programmes.values(), key=lambda programme: (programme.name, programme.pk))


@dataclass
class Row:
    """One kind of barrier or one agency, with its figures over the cases tagged with it."""

    tag: BarrierTag
    cases: int = 0
    solved: int = 0
    median_days: float | None = None
    costs: Decimal = Decimal(0)
    cases_with_costs: int = 0
    lessons: list[str] = field(default_factory=list)

    @property
    def median_days_whole(self) -> int | None:
        return None if self.median_days is None else round(self.median_days)

    @property
    def average_costs(self) -> Decimal | None:
        if not self.cases_with_costs:
            return None
        return (self.costs / self.cases_with_costs).quantize(Decimal("0.01"))


@dataclass
class Register:
    programmes: list[Programme]
    cases: int
    solved: int
    median_days: float | None
    costs: Decimal
    by_type: list[Row]
    by_agency: list[Row]
    untagged: int


def learning_register(programmes: list[Programme]) -> Register:
    """The figures of these programmes' cases, counted in the database: four queries however
    many cases there are (a national register holds 66,000 at a million households), kept in
    the cache under the programmes' figures versions (`counts.kept_under`: every write to a
    case gives its programme a new one). The tags themselves, with their names and newest
    lessons, are read on each request: one query.

    Totals and the overall median come from the cases; the rows per kind of barrier and per
    agency from the link table of that kind. The medians are `statistics.median` of the lead
    times in days, computed by the database (`core.aggregates`); `python_register` below is
    the former computation in Python, kept as the tests' oracle.
    """
    ids = sorted(programme.pk for programme in programmes)
    versions = counts.figures_versions(ids)
    figures = counts.kept_under(
        [versions.get(pk) for pk in ids],
        f"register:{','.join(map(str, ids))}",
        lambda: _counted(programmes),
    )
    totals = figures["totals"]
    return Register(
        programmes=programmes,
        cases=totals["cases"],
        solved=totals["solved"],
        median_days=figures["median"],
        costs=totals["costs"] or Decimal(0),
        **_by_tag(figures["per_tag"], programmes),
        untagged=totals["untagged"],
    )


def _counted(programmes: list[Programme]) -> dict:
    """The numbers of the register: totals, the overall median and the figures per tag."""
    # The journey keeps its household's programme (`trajectories.services.move_to_programme`
    # moves both): one join fewer than through the household.
    cases = DoorbraakCase.objects.filter(trajectory__programme__in=programmes)
    types, agencies = DoorbraakCase.barrier_types.through, DoorbraakCase.agencies.through
    totals = cases.aggregate(
        cases=Count("pk"),
        solved=Count("pk", filter=Q(solved_on__isnull=False)),
        costs=Sum("costs"),
        untagged=Count(
            "pk",
            filter=Q(
                ~Exists(types.objects.filter(doorbraakcase=OuterRef("pk"))),
                ~Exists(agencies.objects.filter(doorbraakcase=OuterRef("pk"))),
            ),
        ),
    )
    per_tag: dict[int, dict] = {}
    for relation in (DoorbraakCase.barrier_types, DoorbraakCase.agencies):
        per_tag |= figures_per_group(
            _links(relation, programmes),
            "barriertag_id",
            median_of=DaysBetween("doorbraakcase__opened_on", "doorbraakcase__solved_on"),
            cases=Count("pk"),
            solved=Count("pk", filter=Q(doorbraakcase__solved_on__isnull=False)),
            costs=Sum("doorbraakcase__costs"),
            cases_with_costs=Count("pk", filter=Q(doorbraakcase__costs__isnull=False)),
        )
    return {
        "totals": totals,
        "median": median(cases, DaysBetween("opened_on", "solved_on")),
        "per_tag": per_tag,
    }


def _links(relation, programmes: list[Programme]) -> QuerySet:
    return relation.through.objects.filter(doorbraakcase__trajectory__programme__in=programmes)


def _by_tag(figures: dict[int, dict], programmes: list[Programme]) -> dict[str, list[Row]]:
    """The rows per kind of barrier and per agency from the figures per tag: the tags
    themselves with their newest lessons in these programmes' cases, in one query."""
    newest = {
        kind: (
            # A tag's newest lessons, on the link table's index by tag and case (newest first).
            _links(relation, programmes)
            .filter(barriertag=OuterRef("pk"))
            .exclude(doorbraakcase__lesson="")
            .order_by("-doorbraakcase_id")
            .values("doorbraakcase__lesson")
        )
        for kind, relation in (
            (TagKind.BARRIER, DoorbraakCase.barrier_types),
            (TagKind.AGENCY, DoorbraakCase.agencies),
        )
    }
    lessons = {
        f"lesson_{i}": Case(
            *(When(kind=kind, then=Subquery(found[i : i + 1])) for kind, found in newest.items()),
            default=Value(""),
            output_field=TextField(),
        )
        for i in range(EXAMPLES_PER_TAG)
    }
    # A tag is counted on the link table of its own kind (the services refuse a tag of the
    # other kind, see `case_services._check_tags`).
    tags = BarrierTag.objects.filter(pk__in=list(figures)).annotate(**lessons)
    rows: dict[str, list[Row]] = {TagKind.BARRIER: [], TagKind.AGENCY: []}
    for tag in tags.order_by("position", "id"):
        counted = figures[tag.pk]
        rows[tag.kind].append(
            Row(
                tag=tag,
                cases=counted["cases"],
                solved=counted["solved"],
                median_days=counted["median"],
                costs=counted["costs"] if counted["costs"] is not None else Decimal(0),
                cases_with_costs=counted["cases_with_costs"],
                lessons=[
                    lesson
                    for lesson in (getattr(tag, f"lesson_{i}") for i in range(EXAMPLES_PER_TAG))
                    if lesson
                ],
            )
        )
    return {
        "by_type": _most_first(rows[TagKind.BARRIER]),
        "by_agency": _most_first(rows[TagKind.AGENCY]),
    }


# ---- the former computation in Python: the tests' oracle ----


@dataclass(frozen=True)
class _Case:
    pk: int
    lead_days: int | None
    costs: Decimal | None
    lesson: str


def python_register(programmes: list[Programme]) -> Register:
    """The register as it was computed before the database did: every case read, the figures
    counted in Python. Only the tests call it, to compare `learning_register` with it."""
    cases = DoorbraakCase.objects.filter(trajectory__household__programme__in=programmes)
    rows = [
        _Case(pk, (solved - opened).days if solved else None, costs, lesson)
        for pk, opened, solved, costs, lesson in cases.order_by("-opened_on", "-pk").values_list(
            "pk", "opened_on", "solved_on", "costs", "lesson"
        )
    ]
    by_pk = {case.pk: case for case in rows}
    tagged: dict[int, list[int]] = defaultdict(list)  # tag id → case ids
    for through in (DoorbraakCase.barrier_types.through, DoorbraakCase.agencies.through):
        links = through.objects.filter(doorbraakcase__in=cases.values("pk")).values_list(
            "barriertag_id", "doorbraakcase_id"
        )
        for tag_id, case_id in links:
            tagged[tag_id].append(case_id)
    tags = BarrierTag.objects.filter(Q(pk__in=tagged)).order_by("position", "id")
    figures = {TagKind.BARRIER: [], TagKind.AGENCY: []}
    for tag in tags:
        figures[tag.kind].append(_python_row(tag, [by_pk[pk] for pk in tagged[tag.pk]]))
    with_tags = {pk for pks in tagged.values() for pk in pks}
    lead = [case.lead_days for case in rows if case.lead_days is not None]
    return Register(
        programmes=programmes,
        cases=len(rows),
        solved=len(lead),
        median_days=statistics.median(lead) if lead else None,
        costs=sum((case.costs for case in rows if case.costs), Decimal(0)),
        by_type=_most_first(figures[TagKind.BARRIER]),
        by_agency=_most_first(figures[TagKind.AGENCY]),
        untagged=len(set(by_pk) - with_tags),
    )


def _python_row(tag: BarrierTag, cases: list[_Case]) -> Row:
    cases = sorted(set(cases), key=lambda case: -case.pk)
    lead = [case.lead_days for case in cases if case.lead_days is not None]
    costs = [case.costs for case in cases if case.costs is not None]
    return Row(
        tag=tag,
        cases=len(cases),
        solved=len(lead),
        median_days=statistics.median(lead) if lead else None,
        costs=sum(costs, Decimal(0)),
        cases_with_costs=len(costs),
        lessons=[case.lesson for case in cases if case.lesson][:EXAMPLES_PER_TAG],
    )


def _most_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (-row.cases, row.tag.position, row.tag.pk))


def register_csv(register: Register, flavour: CsvFlavour = DUTCH) -> bytes:
    """The same figures as the page, one row per kind of barrier and per agency, as a CSV file
    in `flavour` (numbers as numbers: days, and euros with their cents).

    A tag a programme typed might start like a formula: `csv_file` defuses it.
    """
    cents = Decimal("0.01")
    rows: list[list] = [
        [
            _("grouped by"),
            _("tag"),
            _("cases"),
            _("solved"),
            _("median lead time in days"),
            _("costs in euros"),
            _("average costs per case with costs"),
        ]
    ]
    for kind, found in ((TagKind.BARRIER, register.by_type), (TagKind.AGENCY, register.by_agency)):
        rows += [
            [
                str(TagKind(kind).label),
                row.tag.display_name,
                row.cases,
                row.solved,
                "" if row.median_days is None else Decimal(str(row.median_days)).normalize(),
                row.costs.quantize(cents),
                "" if row.average_costs is None else row.average_costs.quantize(cents),
            ]
            for row in found
        ]
    return csv_file(rows, flavour)
