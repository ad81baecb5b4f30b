"""Reads of signals, covers and Doorbraak cases. Who may read what comes from `access.policy`.

Every page here reads in a fixed number of queries, however many signals or cases there are.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median
from uuid import UUID

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.http import Http404
from django.utils import timezone

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.people.choices import Role
from kansrijk.people.models import Household, Organisation, Programme, User
from kansrijk.trajectories.models import Trajectory

from .choices import NOT_CLOSED, WAITING, SignalKind, SignalStatus, TagKind
from .models import BarrierTag, Cover, DoorbraakCase, Signal
from .rules import covers_in_force, may_open_case, reads_signals_of, standing_in_for

# The queue shows the signals closed in this many days below the open ones.
RECENTLY_CLOSED_DAYS = 30
RECENTLY_CLOSED_ROWS = 10
# The household page lists this many of the household's latest signals and cases.
HOUSEHOLD_ROWS = 10
# Medians on the coordinator's page count the signals raised in the last year.
MEDIAN_DAYS = 365


# ---- covers ----


def cover_of(backup: User | None) -> Cover | None:
    """The cover in force for this backup professional today, if they are away."""
    if backup is None:
        return None
    return covers_in_force().filter(backup=backup).select_related("colleague").first()


def covers_for_page(user: User) -> QuerySet[Cover]:
    """The covers this user recorded, is covered by, covers with, or (as coordinator) oversees,
    that are not over yet: the current ones first."""
    coordinated = policy.programmes_with_role(user, Role.COORDINATOR)
    backups = User.objects.filter(
        programme_roles__programme__in=coordinated, programme_roles__role=Role.BACKUP
    ).values("pk")
    return (
        Cover.objects.filter(
            Q(backup=user) | Q(colleague=user) | Q(backup__in=backups) | Q(colleague__in=backups)
        )
        .filter(ended_at__isnull=True, ends_on__gte=today())
        .select_related("backup", "colleague", "recorded_by")
        .distinct()
        .order_by("starts_on", "id")
    )


def colleagues_of(backup: User) -> QuerySet[User]:
    """Backup professionals who share a programme with this one: who may cover for them."""
    programmes = backup.programme_roles.filter(role=Role.BACKUP, active=True).values("programme_id")
    return (
        User.objects.filter(
            programme_roles__programme_id__in=programmes,
            programme_roles__role=Role.BACKUP,
            programme_roles__active=True,
        )
        .exclude(pk=backup.pk)
        .distinct()
        .order_by("first_name", "last_name")
    )


def backups_overseen_by(user: User) -> QuerySet[User]:
    """The backup professionals of the programmes this user coordinates."""
    return (
        User.objects.filter(
            programme_roles__programme__in=policy.programmes_with_role(user, Role.COORDINATOR),
            programme_roles__role=Role.BACKUP,
            programme_roles__active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


# ---- signals ----


def readable_signals(user: User) -> QuerySet[Signal]:
    """Every signal this user may read (see `policy.signal_households`)."""
    households = policy.signal_households(user, standing_in_for(user))
    return Signal.objects.filter(trajectory__household__in=households)


def signal_for_user_or_404(user: User, signal_uuid: UUID | str) -> Signal:
    signal = (
        readable_signals(user)
        .select_related(
            "trajectory__household__programme",
            "trajectory__buddy",
            "trajectory__backup",
            "raised_by",
            "picked_up_by",
            "responded_by",
            "closed_by",
            "passed_on_to",
        )
        .filter(uuid=signal_uuid)
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def case_of(signal: Signal) -> DoorbraakCase | None:
    return DoorbraakCase.objects.filter(signal=signal).only("uuid", "opened_on").first()


def _queue_order(signals: QuerySet[Signal]) -> QuerySet[Signal]:
    """Waiting for the backup first, urgent first within that, then the longest waiting."""
    return signals.annotate(
        waiting=Case(
            When(status__in=WAITING, then=Value(0)), default=Value(1), output_field=BooleanField()
        ),
        not_urgent=Case(
            When(kind=SignalKind.URGENT, then=Value(0)),
            default=Value(1),
            output_field=BooleanField(),
        ),
    ).order_by("waiting", "not_urgent", "raised_at", "id")


@dataclass
class Queue:
    """The backup professional's queue: their own signals and those of whom they cover for."""

    user: User
    rows: list[Signal]
    closed: list[Signal]
    # Who covers for this user today (their queue is handed over), and for whom they cover.
    covered_by: Cover | None
    covering: list[Cover]
    urgent: int = 0
    waiting: int = 0

    @property
    def everyone(self) -> list[User]:
        return [self.user, *(cover.backup for cover in self.covering)]


def queue_of(user: User) -> Queue:
    """Signals to this backup professional and to the backups they cover for today.

    A signal about a household whose participant gave no consent is listed without the
    household or the description (`row.shown` is False): the backup learns that the buddy
    needs them, and calls the buddy.
    """
    covering = list(covers_in_force().filter(colleague=user).select_related("backup"))
    user._kansrijk_standing_in_for = [cover.backup_id for cover in covering]
    backups = [user.pk, *(cover.backup_id for cover in covering)]
    readable = policy.signal_households(user, user._kansrijk_standing_in_for)
    signals = Signal.objects.filter(trajectory__backup_id__in=backups).select_related(
        "trajectory__household", "trajectory__buddy", "trajectory__backup", "picked_up_by"
    )
    signals = signals.annotate(
        shown=Case(
            When(trajectory__household__in=readable, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    rows = list(_queue_order(signals.filter(status__in=NOT_CLOSED)))
    since = timezone.now() - dt.timedelta(days=RECENTLY_CLOSED_DAYS)
    closed = list(
        signals.filter(status=SignalStatus.CLOSED, closed_at__gte=since).order_by("-closed_at")[
            :RECENTLY_CLOSED_ROWS
        ]
    )
    waiting = [s for s in rows if s.is_waiting]
    return Queue(
        user=user,
        rows=rows,
        closed=closed,
        covered_by=cover_of(user),
        covering=covering,
        urgent=sum(1 for s in waiting if s.is_urgent),
        waiting=len(waiting),
    )


@dataclass
class QueueSummary:
    """The backup's home page: how many signals wait, and who covers for whom today."""

    counts: "SignalCounts"
    covered_by: Cover | None
    covering: list[Cover]


def queue_summary(user: User) -> QueueSummary:
    """In two queries: the covers in force that this user gives or gets, then the counts."""
    covers = list(
        covers_in_force()
        .filter(Q(colleague=user) | Q(backup=user))
        .select_related("backup", "colleague")
    )
    covering = [cover for cover in covers if cover.colleague_id == user.pk]
    backups = [user.pk, *(cover.backup_id for cover in covering)]
    return QueueSummary(
        counts=signal_counts(Signal.objects.filter(trajectory__backup_id__in=backups)),
        # The first by the covers' order (starts_on, id), as cover_of reads it.
        covered_by=next((cover for cover in covers if cover.backup_id == user.pk), None),
        covering=covering,
    )


@dataclass
class SignalCounts:
    """What a dashboard counts: signals not closed, waiting for the backup, and urgent ones."""

    not_closed: int = 0
    waiting: int = 0
    urgent: int = 0
    oldest_waiting: dt.datetime | None = None


def signal_counts(signals: QuerySet[Signal]) -> SignalCounts:
    """One query: how many signals wait, how many of those are urgent, and the oldest."""
    counted = signals.filter(status__in=NOT_CLOSED).aggregate(
        not_closed=Count("pk"),
        waiting=Count("pk", filter=Q(status__in=WAITING)),
        urgent=Count("pk", filter=Q(status__in=WAITING, kind=SignalKind.URGENT)),
        oldest_waiting=Min("raised_at", filter=Q(status__in=WAITING)),
    )
    return SignalCounts(**counted)


def counts_of(signals: list[Signal]) -> SignalCounts:
    """The same counts over signals already read (no query)."""
    waiting = [s for s in signals if s.is_waiting]
    return SignalCounts(
        not_closed=sum(1 for s in signals if not s.is_closed),
        waiting=len(waiting),
        urgent=sum(1 for s in waiting if s.is_urgent),
        oldest_waiting=min((s.raised_at for s in waiting), default=None),
    )


def programme_signal_counts(user: User, programme: Programme) -> SignalCounts:
    """For the coordinator's dashboard (a coordinator needs no cover to read them)."""
    if policy.has_role(user, Role.COORDINATOR, programme):
        # The same households, by the programme's index (see `policy.visible_in_programme`).
        households = policy.visible_in_programme(user, programme)
    else:
        households = policy.signal_households(user, []).filter(programme=programme)
    return signal_counts(Signal.objects.filter(trajectory__household__in=households))


@dataclass
class SignalTimes:
    """Medians over a programme's signals of the last year, in time spans."""

    response: dt.timedelta | None
    to_close: dt.timedelta | None
    counted: int


def signal_times(signals: QuerySet[Signal]) -> SignalTimes:
    since = timezone.now() - dt.timedelta(days=MEDIAN_DAYS)
    rows = list(
        signals.filter(raised_at__gte=since).values_list("raised_at", "picked_up_at", "closed_at")
    )
    response = [picked - raised for raised, picked, _ in rows if picked]
    to_close = [closed - raised for raised, _, closed in rows if closed]
    return SignalTimes(
        response=median(response) if response else None,
        to_close=median(to_close) if to_close else None,
        counted=len(rows),
    )


def programme_signals(user: User, programme: Programme, status: str) -> QuerySet[Signal]:
    """A programme's signals for its coordinator: not closed (the default), one status, or all."""
    signals = (
        readable_signals(user)
        .filter(trajectory__household__programme=programme)
        .select_related(
            "trajectory__household", "trajectory__buddy", "trajectory__backup", "picked_up_by"
        )
    )
    if status in SignalStatus.values:
        signals = signals.filter(status=status)
    elif status != "all":
        signals = signals.filter(status__in=NOT_CLOSED)
    return _queue_order(signals)


def covers_by_backup(backup_ids: set[int]) -> dict[int, Cover]:
    """The covers in force for these backups, by backup id (one query for a whole list)."""
    covers = covers_in_force().filter(backup_id__in=backup_ids).select_related("colleague")
    return {cover.backup_id: cover for cover in covers}


def organisations_to_pass_on_to() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


# ---- the household page ----


@dataclass
class HouseholdEscalation:
    """Signals and Doorbraak cases as the household page shows them to this user."""

    signals: list[Signal] | None = None
    counts: SignalCounts = field(default_factory=SignalCounts)
    cover: Cover | None = None
    cases: list[DoorbraakCase] | None = None
    may_open_case: bool = False


def household_escalation_reads(
    user: User, household: Household, trajectory: Trajectory
) -> dict[str, QuerySet | None]:
    """What the household page reads of signals and cases, not yet sent (None: not for this
    user), so the page sends them with its other reads (`core.together`). `household` and
    `trajectory` were read in this request, through `access`."""
    whole_file = policy.works_with_whole_file(user, household, trajectory)
    reads_signals = whole_file or reads_signals_of(user, trajectory, just_read=True)
    cases = DoorbraakCase.objects.filter(trajectory=trajectory)
    if not whole_file:
        # Who else reads the cases is asked inside the read itself: the same rule as
        # `reads_cases_of`, without a query of its own. The section shows the same either way
        # (no cases, or none readable: not shown unless a case may be opened).
        cases = cases.filter(policy.case_households_condition(user, "trajectory__household"))
    return {
        # A household has a handful of signals a year: read them all once, count in Python.
        "signals": _queue_order(Signal.objects.filter(trajectory=trajectory))
        if reads_signals
        else None,
        # The backup's cover is shown only while a signal waits; read along with the signals.
        "cover": covers_in_force()
        .filter(backup_id=trajectory.backup_id)
        .select_related("colleague")
        .order_by("pk")[:1]
        if reads_signals and trajectory.backup_id is not None
        else None,
        "cases": cases[:HOUSEHOLD_ROWS],
    }


def household_escalation_from(
    user: User, trajectory: Trajectory, found: dict[str, list | None]
) -> HouseholdEscalation:
    """What the household page shows of signals and cases (only what this user may read), from
    the rows of `household_escalation_reads`."""
    shown = HouseholdEscalation(may_open_case=may_open_case(user, trajectory))
    signals = found["signals"]
    if signals is not None:
        shown.counts = counts_of(signals)
        shown.signals = signals[:HOUSEHOLD_ROWS]
        if shown.counts.waiting and found["cover"]:
            shown.cover = found["cover"][0]
    shown.cases = found["cases"]
    return shown


# ---- Doorbraak cases ----


def readable_cases(user: User) -> QuerySet[DoorbraakCase]:
    return DoorbraakCase.objects.filter(
        policy.case_households_condition(user, "trajectory__household")
    )


def case_for_user_or_404(user: User, case_uuid: UUID | str) -> DoorbraakCase:
    case = (
        readable_cases(user)
        .select_related(
            "trajectory__household__programme",
            "trajectory__buddy",
            "trajectory__backup",
            "signal",
            "opened_by",
            "changed_by",
        )
        .prefetch_related("barrier_types", "agencies")
        .filter(uuid=case_uuid)
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_count(user: User) -> int:
    return readable_cases(user).count()


def case_page(user: User, offset: int, limit: int) -> tuple[list["CaseRow"], int | None]:
    """A page of the cases this user may read, in the list's order (open ones first, the newest
    first), and how many they may read in all (None when the page is empty).

    One query: the count is a window over every readable case, worked out before the limit,
    and only the page's rows come back. Reading every readable id to count and slice them in
    Python sent thousands of ids to the national Doorbraak professional's every page.
    """
    cases = list(
        readable_cases(user)
        .annotate(
            solved=Case(
                When(solved_on__isnull=True, then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
            readable=Window(Count("pk")),
        )
        .order_by("solved", "-opened_on", "-id")
        .only(
            "uuid",
            "opened_on",
            "solved_on",
            "trajectory__household__display_name",
            "trajectory__household__programme__name",
        )
        .select_related("trajectory__household__programme")[offset : offset + limit]
    )
    return _case_rows(cases), cases[0].readable if cases else None


@dataclass(frozen=True)
class CaseRow:
    """A case as the list shows it, with its display values worked out here, not per row in
    the template. No barrier, rule or solution: leaving them out spares decrypting three texts
    per row (a tenth of the page's time for the Doorbraak professional's 25 rows)."""

    pk: int
    uuid: UUID
    household: str
    programme: str
    opened_on: dt.date
    solved_on: dt.date | None
    days: int  # to solve it, or open so far
    barrier_types: list[str]
    agencies: list[str]

    @property
    def is_solved(self) -> bool:
        return self.solved_on is not None


def _tag_names(cases: list[DoorbraakCase]) -> dict[tuple[int, bool], list[str]]:
    """The tags of these cases, kinds of barrier and agencies together in one query (two
    prefetches made it two), per (case, is an agency), in the tags' model order."""
    fields = ("doorbraakcase_id", "barriertag__kind", "barriertag__position", "barriertag_id")
    ids = [case.pk for case in cases]

    def links(through, agency: bool) -> QuerySet:
        return (
            through.objects.filter(doorbraakcase_id__in=ids)
            .annotate(agency=Value(agency, output_field=BooleanField()))
            .values_list(*fields, "barriertag__name", "agency")
            .order_by()
        )

    rows = links(DoorbraakCase.barrier_types.through, False).union(
        links(DoorbraakCase.agencies.through, True), all=True
    )
    names: dict[tuple[int, bool], list[str]] = defaultdict(list)
    for case, _kind, _position, _tag, name, agency in sorted(rows, key=lambda r: r[1:4]):
        names[case, agency].append(BarrierTag(name=name).display_name)
    return names


def _case_rows(cases: list[DoorbraakCase]) -> list[CaseRow]:
    tags = _tag_names(cases) if cases else {}
    return [
        CaseRow(
            pk=case.pk,
            uuid=case.uuid,
            household=case.trajectory.household.display_name,
            programme=case.trajectory.household.programme.name,
            opened_on=case.opened_on,
            solved_on=case.solved_on,
            days=case.lead_time_days if case.solved_on else case.open_days,
            # Tags in their model order (kind, position, id), as the former `{% for %}` showed.
            barrier_types=tags.get((case.pk, False), []),
            agencies=tags.get((case.pk, True), []),
        )
        for case in cases
    ]


def tags_for(programme: Programme) -> dict[str, list[BarrierTag]]:
    """The tags offered in this programme, per kind (global ones and the programme's own).

    The shipped ones come from a data migration (`escalation.0002`), never from this read."""
    tags: dict[str, list[BarrierTag]] = defaultdict(list)
    offered = BarrierTag.objects.filter(active=True).filter(
        Q(programme__isnull=True) | Q(programme=programme)
    )
    for tag in offered.order_by("kind", "programme_id", "position", "id"):
        tags[tag.kind].append(tag)
    return {kind: tags[kind] for kind in TagKind.values}


@dataclass(frozen=True)
class PlainCase:
    """A Doorbraak case as the participant sees it: what stood in her way, what was found, and
    where it stands. Only these fields leave the case: the blocking rule, the lesson, costs,
    tags and the signal's words are the professionals' and stay on their pages."""

    barrier: str
    solution: str
    opened_on: dt.date
    solved_on: dt.date | None


def portal_cases(trajectory: Trajectory | None) -> list[PlainCase]:
    """The household's Doorbraak cases for her own page, newest first."""
    if trajectory is None:
        return []
    return [
        PlainCase(
            barrier=case.barrier,
            solution=case.solution,
            opened_on=case.opened_on,
            solved_on=case.solved_on,
        )
        for case in DoorbraakCase.objects.filter(trajectory=trajectory).only(
            "barrier", "solution", "opened_on", "solved_on"
        )
    ]
