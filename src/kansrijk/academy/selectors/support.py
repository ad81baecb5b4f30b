"""Supporting buddies: check-ins, breaks and the buddy's own page."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User

from ..choices import EnrolmentStatus
from ..models import Candidate, CheckIn, Course, Enrolment, Invitation, Pause
from .academie import CourseDone, course_done, required_courses_missing


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
    # One query for both: the sessions attended (training hours) and those still to come.
    day = today()
    rows = list(
        Enrolment.objects.filter(user=user)
        .filter(Q(attended=True) | (Q(session__on__gte=day) & ~Q(status=EnrolmentStatus.CANCELLED)))
        .select_related("session__course")
        .order_by("session__on")
    )
    courses = [course_done(e) for e in rows if e.attended]
    missing = required_courses_missing(
        [r.programme_id for r in roles], attended={c.course.pk for c in courses}
    )
    enrolments = [e for e in rows if e.session.on >= day and e.status != EnrolmentStatus.CANCELLED]
    invitations = list(
        Invitation.objects.filter(user=user, meeting__on__gte=day)
        .select_related("meeting")
        .order_by("meeting__on")
    )
    vog, pause = _vog_and_pause(user, day)
    return BuddyPage(
        roles=roles,
        hours=sum((c.hours for c in courses), Decimal(0)),
        courses=courses,
        missing=missing,
        enrolments=enrolments,
        invitations=invitations,
        pause=pause,
        vog_expires_on=vog,
    )


def _vog_and_pause(user: User, day: dt.date) -> tuple[dt.date | None, Pause | None]:
    """The certificate of conduct's end (as the buddy's first file has it) and the break of
    `day` (as `current_pause` picks it), on the user's one row: one query for both."""
    first_file = Candidate.objects.filter(user=OuterRef("pk")).order_by("created_at", "pk")
    fields = [f.attname for f in Pause._meta.concrete_fields]
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            vog=Subquery(first_file.values("vog_expires_on")[:1]),
            pause=FilteredRelation(
                "pauses", condition=Q(pauses__starts_on__lte=day, pauses__ends_on__gte=day)
            ),
        )
        .order_by(F("pause__starts_on").desc(nulls_last=True), "pause__pk")
        .values_list("vog", *(f"pause__{name}" for name in fields))
        .first()
    )
    if row is None:
        return None, None
    vog, *pause = row
    if pause[0] is None:
        return vog, None
    return vog, Pause.from_db(Pause.objects.db, fields, pause)
