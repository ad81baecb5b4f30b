"""The selection board, a buddy's file and certificates of conduct nearing their end."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.people.models import Programme, User
from kansrijk.trajectories.choices import PAIRED_PHASES
from kansrijk.trajectories.models import Trajectory

from ..choices import BOARD_STAGES, Stage
from ..models import Candidate, Interview, VogScan

# A certificate of conduct nearing its end shows in the coordinator's reminders this long before.
VOG_WARNING_DAYS = 60


@dataclass
class Column:
    stage: Stage
    candidates: list[Candidate] = field(default_factory=list)
    total: int = 0  # everyone in the stage; `candidates` holds at most BOARD_LIMIT of them

    @property
    def more(self) -> int:
        return self.total - len(self.candidates)


BOARD_LIMIT = 50  # cards per column, the longest waiting first; the column says how many more
# The active column shows only the newest buddies: the board is about who is on the way.
NEWEST_ACTIVE = 5


@dataclass
class Board:
    columns: list[Column]
    rejected: int
    active: int


def board(programme: Programme) -> Board:
    """The candidates per stage, oldest application first; of the active buddies the newest.

    Each column is cut in the database (its first BOARD_LIMIT rows by a row number per stage),
    so a programme recruiting hundreds of buddies reads the cards it shows: two queries.
    """
    interviews = (
        Interview.objects.filter(candidate=OuterRef("pk"))
        .order_by()
        .values("candidate")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    candidates = (
        Candidate.objects.filter(programme=programme)
        .order_by()
        .annotate(interview_count=Coalesce(Subquery(interviews), Value(0)))
    )
    place_in_stage = Window(
        RowNumber(), partition_by="stage", order_by=[F("created_at").asc(), F("pk").asc()]
    )
    newest_first = Window(
        RowNumber(), partition_by="stage", order_by=[F("activated_on").desc(), F("pk").desc()]
    )
    shown = (
        candidates.filter(stage__in=BOARD_STAGES[:-1])
        .annotate(place=place_in_stage)
        .filter(place__lte=BOARD_LIMIT)
        .union(
            candidates.filter(stage=Stage.ACTIVE)
            .annotate(place=newest_first)
            .filter(place__lte=NEWEST_ACTIVE)
        )
        .order_by("stage", "place")
    )
    columns = {stage: Column(stage) for stage in BOARD_STAGES}
    for candidate in shown:
        columns[candidate.stage].candidates.append(candidate)
    counts = dict(
        Candidate.objects.filter(programme=programme)
        .order_by()
        .values("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    for column in columns.values():
        column.total = counts.get(column.stage, 0)
    return Board(list(columns.values()), counts.get(Stage.REJECTED, 0), counts.get(Stage.ACTIVE, 0))


def candidate_or_404(programme: Programme, candidate_uuid) -> Candidate:
    """A candidate of this programme (the caller checked the user coordinates it)."""
    return get_object_or_404(
        Candidate.objects.select_related("user"), programme=programme, uuid=candidate_uuid
    )


def vog_scans(candidate: Candidate) -> QuerySet[VogScan]:
    """The scans of the candidate's certificate of conduct, newest first, without content."""
    return (
        candidate.vog_scans.defer("content")
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


def vog_scan_or_404(candidate: Candidate, scan_uuid) -> VogScan:
    """One scan of this candidate, with its content (the caller checked who asks)."""
    return get_object_or_404(VogScan, candidate=candidate, uuid=scan_uuid)


def buddy_file(buddy: User, programme: Programme) -> Candidate | None:
    """The buddy's file (selection, certificate of conduct), if this programme keeps it."""
    return Candidate.objects.filter(user=buddy, programme=programme).first()


def households_coached_by(buddy: User, programme: Programme, *, seen_by: User):
    """The journeys this buddy coaches in the programme, as far as `seen_by` may see them."""
    return Trajectory.objects.filter(
        buddy=buddy,
        phase__in=PAIRED_PHASES,
        programme=programme,
        household__in=policy.visible_in_programme(seen_by, programme),
    ).select_related("household")


def vog_expiring(programme: Programme, on: dt.date | None = None) -> QuerySet[Candidate]:
    """Active buddies whose certificate of conduct ends within VOG_WARNING_DAYS (or ended)."""
    on = on or today()
    return (
        Candidate.objects.filter(
            programme=programme,
            stage=Stage.ACTIVE,
            vog_expires_on__lte=on + dt.timedelta(days=VOG_WARNING_DAYS),
        )
        .select_related("user")
        .order_by("vog_expires_on")
    )


def past_retention(on: dt.date | None = None) -> QuerySet[Candidate]:
    """Rejected candidates whose retention date passed before `on` (today) and who are not
    erased yet: what `kansrijk academy_retention` erases."""
    return Candidate.objects.filter(
        stage=Stage.REJECTED, erase_after__lt=on or today(), erased_at__isnull=True
    )
