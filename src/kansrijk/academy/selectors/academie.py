"""The Buddy Academie: sessions, enrolments, courses attended, training hours and figures."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from kansrijk.core.dates import today
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User

from ..choices import EnrolmentStatus
from ..models import AcademySettings, Course, Enrolment, Session

ZERO_HOURS = Value(Decimal("0"), output_field=DecimalField(max_digits=8, decimal_places=1))


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
    who attended those same sessions. One query: the attended enrolments of the sessions
    its buddies attended, counted apart for its buddies and for external trainees."""
    period = Q(session__on__lte=until) & (Q(session__on__gte=since) if since else Q())
    buddies = ProgrammeRole.objects.filter(programme=programme, role=Role.BUDDY).values("user_id")
    ours = Q(user_id__in=buddies)
    sessions = Enrolment.objects.filter(period, ours, attended=True).values("session")
    totals = Enrolment.objects.filter(period, attended=True, session__in=sessions).aggregate(
        sessions=Count("session", distinct=True, filter=ours),
        attendances=Count("pk", filter=ours),
        buddies=Count("user", distinct=True, filter=ours),
        hours=Coalesce(Sum("session__hours", filter=ours), ZERO_HOURS),
        externals=Count("pk", filter=Q(user__isnull=True)),
    )
    return AcademyFigures(
        sessions_held=totals["sessions"],
        attendances=totals["attendances"],
        training_hours=totals["hours"],
        buddies_trained=totals["buddies"],
        external_trainees=totals["externals"],
    )


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
    return [course_done(e) for e in rows]


def course_done(enrolment: Enrolment) -> CourseDone:
    """An attended enrolment (with its session and course read) as a course done."""
    return CourseDone(enrolment.session.course, enrolment.session.on, enrolment.session.hours)


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
