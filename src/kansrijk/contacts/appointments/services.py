"""Planning, moving and cancelling a meeting; making and revoking the buddy's calendar feed."""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit, audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.core.text import checked_text
from kansrijk.people.models import User
from kansrijk.trajectories.models import Trajectory

from ..models import Appointment, AppointmentKind, CalendarFeed
from . import rules

MAX_PLACE = 100
MAX_PURPOSE = 200
# A meeting is between a quarter of an hour and a day out together.
MIN_MINUTES, MAX_MINUTES = 15, 8 * 60
# Meetings are weekly: further ahead than half a year is a typo, not a plan.
MAX_DAYS_AHEAD = 183


def feed_token_hash(token: str) -> str:
    """What is stored of a feed's secret: a lookup by this hash tells nothing about the secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def _starts_at(on: dt.date, at: dt.time) -> dt.datetime:
    """The day and hour as typed, in the programme's time zone."""
    return timezone.make_aware(dt.datetime.combine(on, at))


def _checked(
    *,
    trajectory: Trajectory,
    by: User,
    on: dt.date,
    at: dt.time,
    minutes: int,
    kind: str,
    place: str,
    purpose: str,
) -> dict:
    """The meeting's fields, or a refusal that says what to change."""
    if not rules.may_plan(by, trajectory):
        raise Refused(_("Meetings are planned during the active year and aftercare only."))
    starts_at = _starts_at(on, at)
    if starts_at < timezone.now():
        raise Refused(_("A meeting cannot be in the past. Choose a later day or time."))
    if on > today() + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise Refused(_("Plan at most half a year ahead."))
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise Refused(_("A meeting lasts at least 15 minutes and at most 8 hours."))
    if kind not in AppointmentKind.values:
        raise Refused(_("Choose how you meet."))
    return {
        "starts_at": starts_at,
        "minutes": minutes,
        "kind": kind,
        "place": checked_text(place, MAX_PLACE) if kind == AppointmentKind.MEET else "",
        "purpose": checked_text(purpose, MAX_PURPOSE),
    }


def _log(by: User, trajectory: Trajectory, detail: str, action: AuditAction) -> None:
    audit_change(
        by=by,
        action=action,
        household=trajectory.household,
        detail=detail,
        role=policy.acting_role(by, trajectory.household, trajectory),
        purpose="coaching",
    )


@transaction.atomic
def appointment_plan(
    *,
    trajectory: Trajectory,
    by: User,
    on: dt.date,
    at: dt.time,
    minutes: int = 60,
    kind: str = AppointmentKind.MEET,
    place: str = "",
    purpose: str = "",
) -> Appointment:
    """Plan a meeting with the household: when, how (and where), and what it is for."""
    fields = _checked(
        trajectory=trajectory,
        by=by,
        on=on,
        at=at,
        minutes=minutes,
        kind=kind,
        place=place,
        purpose=purpose,
    )
    appointment = Appointment.objects.create(trajectory=trajectory, by=by, **fields)
    _log(by, trajectory, "appointment", AuditAction.CREATE)
    return appointment


def _lock(appointment: Appointment, version: int | None) -> Appointment:
    locked = lock_at_version(
        Appointment.objects.select_related("changed_by"),
        appointment.pk,
        version,
        _("Someone else changed this meeting a moment ago. Check the time before you save."),
    )
    if locked.cancelled_at is not None:
        raise Refused(_("This meeting was cancelled already."))
    return locked


def appointment_move(
    *,
    appointment: Appointment,
    by: User,
    version: int | None,
    on: dt.date,
    at: dt.time,
    minutes: int = 60,
    kind: str = AppointmentKind.MEET,
    place: str = "",
    purpose: str = "",
) -> Appointment:
    """Move a meeting to another day or hour, or change how, where or why."""
    trajectory = appointment.trajectory
    fields = _checked(
        trajectory=trajectory,
        by=by,
        on=on,
        at=at,
        minutes=minutes,
        kind=kind,
        place=place,
        purpose=purpose,
    )
    with transaction.atomic():
        locked = _lock(appointment, version)
        locked.save_next_version(changed_by=by, **fields)
        _log(by, trajectory, "appointment moved", AuditAction.CHANGE)
    locked.trajectory = trajectory
    return locked


def appointment_cancel(*, appointment: Appointment, by: User, version: int | None) -> Appointment:
    """Call a meeting off. It stays in the record, marked cancelled, and leaves the calendar."""
    trajectory = appointment.trajectory
    if not rules.may_plan(by, trajectory):
        raise Refused(_("Meetings are planned during the active year and aftercare only."))
    with transaction.atomic():
        locked = _lock(appointment, version)
        locked.save_next_version(changed_by=by, cancelled_at=timezone.now())
        _log(by, trajectory, "appointment cancelled", AuditAction.CHANGE)
    locked.trajectory = trajectory
    return locked


@transaction.atomic
def calendar_feed_renew(*, user: User) -> str:
    """Make the buddy's calendar address anew and answer its secret, which is kept nowhere:
    the address that was made before stops working at once."""
    if not rules.may_have_feed(user):
        raise Refused(_("A calendar is for buddies."))
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": feed_token_hash(token)}
    )
    audit(actor=user, action=AuditAction.CHANGE, detail="calendar feed made", role="buddy")
    return token


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> bool:
    """Stop the buddy's calendar address; answer whether there was one."""
    deleted, _per_model = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        audit(actor=user, action=AuditAction.CHANGE, detail="calendar feed stopped", role="buddy")
    return bool(deleted)
