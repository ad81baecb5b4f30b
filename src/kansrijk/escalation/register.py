"""The learning register: recurring barriers by kind and agency, without personal data.

What it reads of a case: its dates, costs, tags and the lesson for policy (written without
names; `case_services` refuses one that names the household). Never the household, the barrier
in the participant's words, the blocking rule or the solution: those are not even selected.
It counts every case of the programmes, also of households whose consent ended or whose file
was erased, because the figures hold nobody's data.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import Q
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.core.spreadsheet import DUTCH, CsvFlavour, csv_file
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, User

from .choices import TagKind
from .models import BarrierTag, DoorbraakCase

# More case ids than this are not passed as parameters (see `learning_register`).
MAX_IDS_IN_QUERY = 10_000
# Per tag the register shows this many lessons for policy, the newest first.
EXAMPLES_PER_TAG = 3


def register_programmes(user: User) -> list[Programme]:
    """The programmes whose register this user reads: as coordinator or Doorbraak professional."""
    coordinated = policy.programmes_with_role(user, Role.COORDINATOR)
    doorbraak = policy.programmes_with_role(user, Role.DOORBRAAK)
    return list((coordinated | doorbraak).distinct().order_by("name"))


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


@dataclass(frozen=True)
class _Case:
    pk: int
    lead_days: int | None
    costs: Decimal | None
    lesson: str


def learning_register(programmes: list[Programme]) -> Register:
    """The figures of these programmes' cases, in four queries however many cases there are."""
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
        # The ids themselves while they are few (quickest); beyond that a subquery: SQLite
        # refuses more than 32,766 parameters and PostgreSQL 65,535, which a national register
        # passes (66,000 cases at a million households in `make bench`).
        wanted = by_pk if len(by_pk) <= MAX_IDS_IN_QUERY else cases.values("pk")
        links = through.objects.filter(doorbraakcase__in=wanted).values_list(
            "barriertag_id", "doorbraakcase_id"
        )
        for tag_id, case_id in links:
            tagged[tag_id].append(case_id)
    tags = BarrierTag.objects.filter(Q(pk__in=tagged)).order_by("position", "id")
    figures = {TagKind.BARRIER: [], TagKind.AGENCY: []}
    for tag in tags:
        figures[tag.kind].append(_row(tag, [by_pk[pk] for pk in tagged[tag.pk]]))
    with_tags = {pk for pks in tagged.values() for pk in pks}
    lead = [case.lead_days for case in rows if case.lead_days is not None]
    return Register(
        programmes=programmes,
        cases=len(rows),
        solved=len(lead),
        median_days=median(lead) if lead else None,
        costs=sum((case.costs for case in rows if case.costs), Decimal(0)),
        by_type=_most_first(figures[TagKind.BARRIER]),
        by_agency=_most_first(figures[TagKind.AGENCY]),
        untagged=len(set(by_pk) - with_tags),
    )


def _row(tag: BarrierTag, cases: list[_Case]) -> Row:
    cases = sorted(set(cases), key=lambda case: -case.pk)
    lead = [case.lead_days for case in cases if case.lead_days is not None]
    costs = [case.costs for case in cases if case.costs is not None]
    return Row(
        tag=tag,
        cases=len(cases),
        solved=len(lead),
        median_days=median(lead) if lead else None,
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
