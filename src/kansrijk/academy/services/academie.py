"""The Buddy Academie: sessions of courses, enrolments with a waiting list, attendance."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole, User
from kansrijk.trajectories import counts

from ..choices import EnrolmentStatus
from ..models import Course, Enrolment, Session
from .common import require_any_coordinator


@transaction.atomic
def session_plan(
    *,
    by: User,
    course: Course,
    on: dt.date,
    starts_at: dt.time,
    place: str,
    trainer: str,
    capacity: int,
    hours: Decimal,
) -> Session:
    require_any_coordinator(by)
    return Session.objects.create(
        course=course,
        on=on,
        starts_at=starts_at,
        place=place,
        trainer=trainer,
        capacity=capacity,
        hours=hours,
        created_by=by,
    )


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def enrol(
    *,
    session: Session,
    by: User,
    user: User | None = None,
    external_name: str = "",
    external_organisation: str = "",
) -> Enrolment:
    """A place in the session, or a spot on its waiting list when it is full.

    A buddy enrols themselves; a coordinator enrols anyone, external trainees too.
    """
    if user is None and not external_name.strip():
        raise Refused(_("Choose a buddy or write the name of the external trainee."))
    if user is not None and user != by:
        require_any_coordinator(by)
    if user is None:
        require_any_coordinator(by)
    locked = _locked_session(session)
    if locked.on < today():
        raise Refused(_("This session is over; enrolling is no longer possible."))
    if (
        user is not None
        and locked.enrolments.filter(user=user).exclude(status=EnrolmentStatus.CANCELLED).exists()
    ):
        raise Refused(_("%(name)s is already enrolled in this session.") % {"name": user})
    taken = locked.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    status = EnrolmentStatus.ENROLLED if taken < locked.capacity else EnrolmentStatus.WAITING
    return Enrolment.objects.create(
        session=locked,
        user=user,
        external_name=external_name.strip() if user is None else "",
        external_organisation=external_organisation.strip() if user is None else "",
        status=status,
    )


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by: User) -> Enrolment | None:
    """Give the place back. The first on the waiting list moves up; it is returned."""
    if enrolment.user_id != by.pk:
        require_any_coordinator(by)
    _locked_session(enrolment.session)
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if locked.status == EnrolmentStatus.CANCELLED:
        return None
    had_place = locked.status == EnrolmentStatus.ENROLLED
    locked.status = EnrolmentStatus.CANCELLED
    locked.save(update_fields=["status"])
    if not had_place:
        return None
    first = (
        Enrolment.objects.filter(session_id=locked.session_id, status=EnrolmentStatus.WAITING)
        .order_by("enrolled_at", "pk")
        .first()
    )
    if first is not None:
        first.status = EnrolmentStatus.ENROLLED
        first.save(update_fields=["status"])
    return first


@transaction.atomic
def attendance_record(*, session: Session, by: User, present: set[int]) -> None:
    """Who came (enrolment ids); everyone else with a place did not."""
    require_any_coordinator(by)
    if session.on > today():
        raise Refused(_("Attendance can be recorded on the day of the session or later."))
    placed = session.enrolments.filter(status=EnrolmentStatus.ENROLLED)
    placed.filter(pk__in=present).update(attended=True)
    placed.exclude(pk__in=present).update(attended=False)
    # Each programme whose buddies take part counts the session, and the trainees beside them.
    counts.figures_changed(
        *ProgrammeRole.objects.filter(
            role=Role.BUDDY, user__in=session.enrolments.values("user")
        ).values_list("programme_id", flat=True)
    )
