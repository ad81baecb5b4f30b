"""Reads about buddies: who may be matched, the board, training hours, figures, check-ins.

Everything here counts in SQL with a fixed number of queries, whatever the number of buddies.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User
from kansrijk.trajectories.choices import COACHING_PHASES
from kansrijk.trajectories.models import Trajectory

from .choices import BOARD_STAGES, Answer, Block, EnrolmentStatus, Stage
from .models import (
    AcademySettings,
    Candidate,
    CheckIn,
    Course,
    Enrolment,
    Interview,
    Invitation,
    Meeting,
    Pause,
    Session,
    TrainingHold,
)

ZERO_HOURS = Value(Decimal("0"), output_field=DecimalField(max_digits=8, decimal_places=1))
# A certificate of conduct nearing its end shows in the coordinator's reminders this long before.
VOG_WARNING_DAYS = 60


def settings_for(programme: Programme) -> AcademySettings:
    """The programme's settings, or the defaults (nothing required) when none were saved."""
    found = AcademySettings.objects.filter(programme=programme).first()
    return found or AcademySettings(programme=programme)


@dataclass(frozen=True)
class Readiness:
    """One active buddy as matching needs them from the Academie."""

    user_id: int
    block: Block | None
    # The last day of the break that holds now (the latest, when breaks overlap), else None.
    away_until: dt.date | None
    # The buddy's application (in this programme), whose areas and languages stand in for a
    # matching profile not filled in yet.
    application_id: int | None
    languages: str


def readiness_rows(
    programme: Programme, on: dt.date | None = None, *, only: User | None = None
) -> list[Readiness]:
    """Every active buddy of the programme (or `only` this one) with why they may not be
    matched now, if so.

    A break comes first, then the required courses, then the coordinator's "training not
    finished" (`TrainingHold`), then the certificate of conduct (VOG). A programme without
    settings requires no course and no VOG, so only breaks and holds count there. One query.
    """
    on = on or today()
    required = AcademySettings.required_courses.through.objects.filter(
        academysettings__programme_id=OuterRef("programme_id")
    )
    application = Candidate.objects.filter(user_id=OuterRef("user_id"), programme=programme)
    roles = ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY, active=True)
    if only is not None:
        roles = roles.filter(user=only)
    rows = roles.annotate(
        away_until=Subquery(
            Pause.objects.filter(user_id=OuterRef("user_id"), starts_on__lte=on, ends_on__gte=on)
            .order_by("-ends_on")
            .values("ends_on")[:1]
        ),
        held=Exists(TrainingHold.objects.filter(role_id=OuterRef("pk"))),
        requires_vog=Coalesce(
            Subquery(
                AcademySettings.objects.filter(programme_id=OuterRef("programme_id")).values(
                    "requires_vog"
                )[:1]
            ),
            Value(False),
        ),
        vog_valid=Exists(
            Candidate.objects.filter(
                user_id=OuterRef("user_id"),
                vog_received_on__isnull=False,
                vog_expires_on__gte=on,
            )
        ),
        required=Coalesce(
            Subquery(
                required.order_by()
                .values("academysettings_id")
                .annotate(n=Count("course_id"))
                .values("n")[:1]
            ),
            Value(0),
        ),
        attended=Coalesce(
            Subquery(
                Enrolment.objects.filter(
                    user_id=OuterRef("user_id"),
                    attended=True,
                    session__course_id__in=Subquery(
                        AcademySettings.required_courses.through.objects.filter(
                            academysettings__programme_id=OuterRef(OuterRef("programme_id"))
                        ).values("course_id")
                    ),
                )
                .order_by()
                .values("user_id")
                .annotate(n=Count("session__course_id", distinct=True))
                .values("n")[:1]
            ),
            Value(0),
        ),
        application_id=Subquery(application.values("pk")[:1]),
        application_languages=Subquery(application.values("languages")[:1]),
    ).values_list(
        "user_id",
        "away_until",
        "held",
        "requires_vog",
        "vog_valid",
        "required",
        "attended",
        "application_id",
        "application_languages",
    )
    found = []
    for row in rows:
        user_id, away_until, held, requires_vog, vog_valid, required_n, attended, app, lang = row
        block = None
        if away_until is not None:
            block = Block.PAUSED
        elif attended < required_n:
            block = Block.TRAINING
        elif held:
            block = Block.UNTRAINED
        elif requires_vog and not vog_valid:
            block = Block.VOG
        found.append(Readiness(user_id, block, away_until, app, lang or ""))
    return found


def readiness(programme: Programme, on: dt.date | None = None) -> dict[int, Block]:
    """The programme's active buddies who may not be matched now, each with the first reason."""
    return {r.user_id: r.block for r in readiness_rows(programme, on) if r.block}


def block_of(buddy: User, programme: Programme) -> Block | None:
    """Why this buddy may not be matched in the programme now, if so (as `readiness`)."""
    rows = readiness_rows(programme, only=buddy)
    return rows[0].block if rows else None


def training_held(role: ProgrammeRole) -> bool:
    """Whether a coordinator said this buddy has not finished the buddy training."""
    return TrainingHold.objects.filter(role=role).exists()


def application_of(role: ProgrammeRole) -> Candidate | None:
    """The buddy's application in the role's programme, whose areas and languages are where
    their matching profile starts."""
    return (
        Candidate.objects.filter(user_id=role.user_id, programme_id=role.programme_id)
        .prefetch_related("areas")
        .first()
    )


def application_areas(application_ids: list[int]) -> dict[int, set[int]]:
    """Area ids per application; no query when there is none to read."""
    if not application_ids:
        return {}
    found: dict[int, set[int]] = {i: set() for i in application_ids}
    through = Candidate.areas.through.objects.filter(candidate_id__in=application_ids)
    for candidate_id, area_id in through.values_list("candidate_id", "area_id"):
        found[candidate_id].add(area_id)
    return found


@dataclass(frozen=True)
class AcademyFigures:
    sessions_held: int
    attendances: int
    training_hours: Decimal
    buddies_trained: int
    external_trainees: int


def academy_figures(
    programme: Programme, *, since: dt.date | None, until: dt.date
) -> AcademyFigures:
    """What the Academie did for this programme's buddies in [since, until]: the sessions its
    buddies attended, their attendances and hours, how many buddies, and the external trainees
    who attended those same sessions. Two queries."""
    period = Q(session__on__lte=until) & (Q(session__on__gte=since) if since else Q())
    ours = Enrolment.objects.filter(
        period,
        attended=True,
        user__programme_roles__programme=programme,
        user__programme_roles__role=Role.BUDDY,
    )
    totals = ours.aggregate(
        sessions=Count("session", distinct=True),
        attendances=Count("pk", distinct=True),
        buddies=Count("user", distinct=True),
        hours=Coalesce(Sum("session__hours"), ZERO_HOURS),
    )
    externals = Enrolment.objects.filter(
        period, attended=True, user__isnull=True, session__in=ours.values("session")
    ).count()
    return AcademyFigures(
        sessions_held=totals["sessions"],
        attendances=totals["attendances"],
        training_hours=totals["hours"],
        buddies_trained=totals["buddies"],
        external_trainees=externals,
    )


# ---- the selection board ----


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


def buddy_file(buddy: User, programme: Programme) -> Candidate | None:
    """The buddy's file (selection, certificate of conduct), if this programme keeps it."""
    return Candidate.objects.filter(user=buddy, programme=programme).first()


def households_coached_by(buddy: User, programme: Programme, *, seen_by: User):
    """The journeys this buddy coaches in the programme, as far as `seen_by` may see them."""
    return Trajectory.objects.filter(
        buddy=buddy,
        phase__in=COACHING_PHASES,
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


# ---- the Academie ----


def hours_of(users) -> dict[int, Decimal]:
    """Training hours per user: the hours of the sessions they attended. One query."""
    return dict(
        Enrolment.objects.filter(user__in=users, attended=True)
        .values("user_id")
        .annotate(hours=Sum("session__hours"))
        .values_list("user_id", "hours")
    )


def upcoming_sessions(on: dt.date | None = None) -> QuerySet[Session]:
    on = on or today()
    return (
        Session.objects.filter(on__gte=on)
        .select_related("course")
        .annotate(
            taken=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED)),
            waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
        )
    )


def past_sessions(on: dt.date | None = None) -> QuerySet[Session]:
    on = on or today()
    return (
        Session.objects.filter(on__lt=on)
        .select_related("course")
        .annotate(
            present=Count("enrolments", filter=Q(enrolments__attended=True)),
        )
        .order_by("-on", "-starts_at")
    )


def session_enrolments(session: Session) -> list[Enrolment]:
    return list(
        session.enrolments.exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "enrolled_at", "pk")
    )


def waiting_position(enrolment: Enrolment) -> int:
    """1 for the first on the waiting list."""
    return (
        Enrolment.objects.filter(session_id=enrolment.session_id, status=EnrolmentStatus.WAITING)
        .filter(
            Q(enrolled_at__lt=enrolment.enrolled_at)
            | Q(enrolled_at=enrolment.enrolled_at, pk__lt=enrolment.pk)
        )
        .count()
        + 1
    )


@dataclass(frozen=True)
class CourseDone:
    course: Course
    on: dt.date
    hours: Decimal


def courses_attended(user: User) -> list[CourseDone]:
    rows = (
        Enrolment.objects.filter(user=user, attended=True)
        .select_related("session__course")
        .order_by("session__on")
    )
    return [CourseDone(e.session.course, e.session.on, e.session.hours) for e in rows]


def required_missing(user: User | None, programme: Programme) -> list[Course]:
    """The programme's required courses this user has not attended yet."""
    attended = Enrolment.objects.filter(user=user, attended=True).values("session__course_id")
    return required_courses_missing([programme.pk], attended=attended)


def required_courses_missing(programme_ids: list[int], attended) -> list[Course]:
    """The courses any of these programmes requires that are not in `attended` (course ids, or
    a query of them), in one query."""
    required = AcademySettings.required_courses.through.objects.filter(
        academysettings__programme_id__in=programme_ids
    ).values("course_id")
    return list(Course.objects.filter(pk__in=required).exclude(pk__in=attended))


# ---- supporting buddies ----


def latest_check_ins(programme: Programme) -> dict[int, CheckIn]:
    """The latest check-in of each active buddy of the programme, by user id. One query."""
    latest = (
        CheckIn.objects.filter(user=OuterRef("user_id")).order_by("-on", "-pk").values("pk")[:1]
    )
    ids = (
        ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY, active=True)
        .annotate(latest=Subquery(latest))
        .values("latest")
    )
    return {c.user_id: c for c in CheckIn.objects.filter(pk__in=Subquery(ids))}


def check_ins_of(user: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(user=user).select_related("recorded_by")


def pauses_of(user: User) -> QuerySet[Pause]:
    return Pause.objects.filter(user=user)


def current_pause(user: User, on: dt.date | None = None) -> Pause | None:
    on = on or today()
    return Pause.objects.filter(user=user, starts_on__lte=on, ends_on__gte=on).first()


def is_paused(user: User, on: dt.date | None = None) -> bool:
    return current_pause(user, on) is not None


@dataclass
class BuddyPage:
    """What the buddy's own page shows of the Academie, Buddy Building and support."""

    roles: list[ProgrammeRole]
    hours: Decimal
    courses: list[CourseDone]
    missing: list[Course]
    enrolments: list[Enrolment]
    invitations: list[Invitation]
    pause: Pause | None
    vog_expires_on: dt.date | None


def buddy_page(user: User) -> BuddyPage:
    """The buddy's training, upcoming sessions and meetings, backup and break. Fixed queries."""
    roles = [r for r in policy.roles_of(user) if r.role == Role.BUDDY]
    courses = courses_attended(user)
    missing = required_courses_missing(
        [r.programme_id for r in roles], attended={c.course.pk for c in courses}
    )
    enrolments = list(
        Enrolment.objects.filter(user=user, session__on__gte=today())
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("session__course")
        .order_by("session__on")
    )
    invitations = list(
        Invitation.objects.filter(user=user, meeting__on__gte=today())
        .select_related("meeting")
        .order_by("meeting__on")
    )
    vog = Candidate.objects.filter(user=user).values_list("vog_expires_on", flat=True).first()
    return BuddyPage(
        roles=roles,
        hours=sum((c.hours for c in courses), Decimal(0)),
        courses=courses,
        missing=missing,
        enrolments=enrolments,
        invitations=invitations,
        pause=current_pause(user),
        vog_expires_on=vog,
    )


# ---- Buddy Building ----


def meetings_for(programmes) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(programmes__in=programmes)
        .distinct()
        .annotate(
            invited=Count("invitations", distinct=True),
            coming=Count("invitations", filter=Q(invitations__answer=Answer.YES), distinct=True),
            present=Count("invitations", filter=Q(invitations__attended=True), distinct=True),
        )
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The Buddy Building before this one (of any of its programmes)."""
    return (
        Meeting.objects.filter(programmes__in=meeting.programmes.all(), on__lt=meeting.on)
        .order_by("-on")
        .first()
    )


def invitations_of(meeting: Meeting) -> list[Invitation]:
    return list(meeting.invitations.select_related("user"))
