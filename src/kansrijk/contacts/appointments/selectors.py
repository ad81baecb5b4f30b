"""Reads of planned meetings. Callers bring trajectories they got through `access`; the feed,
read without a login, finds its buddy by the secret and asks `access` for their households."""

import datetime as dt
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.core.phases import COACHING_PHASES
from kansrijk.people.choices import MemberRelation
from kansrijk.people.models import HouseholdMember, User
from kansrijk.trajectories.models import Trajectory

from ..models import Appointment, CalendarFeed
from .services import feed_token_hash

# The household page lists this many meetings ahead; the buddy's home the rest of today and
# the seven days after it, so the same day next week (where a new meeting starts) is in it.
UPCOMING_SHOWN = 3
WEEK = dt.timedelta(days=8)
# A calendar keeps last month's meetings (a phone drops what a feed no longer lists) and at
# most this many in all: weekly meetings with two households fill it for a year.
FEED_PAST = dt.timedelta(days=31)
FEED_LIMIT = 200


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _planned() -> QuerySet[Appointment]:
    """Meetings not cancelled, of journeys in which the buddy coaches."""
    return Appointment.objects.filter(
        cancelled_at__isnull=True, trajectory__phase__in=COACHING_PHASES
    )


def upcoming(trajectory: Trajectory, limit: int = UPCOMING_SHOWN) -> list[Appointment]:
    """The household's meetings from today on, the next first."""
    return list(upcoming_rows(trajectory, limit))


def upcoming_rows(trajectory: Trajectory, limit: int = UPCOMING_SHOWN) -> QuerySet[Appointment]:
    """`upcoming`, not yet read."""
    rows = _planned().filter(trajectory=trajectory, starts_at__gte=_start_of(today()))
    return rows.select_related("by", "changed_by")[:limit]


def next_appointment(trajectory: Trajectory | None) -> Appointment | None:
    """The household's next meeting (today's counts), if one is planned."""
    if trajectory is None:
        return None
    rows = upcoming(trajectory, limit=1)
    return rows[0] if rows else None


def week_ahead(trajectories: QuerySet[Trajectory] | list[int]) -> list[Appointment]:
    """The meetings of these households (trajectories, or their ids) from today through the
    same day next week, in order."""
    start = _start_of(today())
    return list(
        _planned()
        .filter(trajectory__in=trajectories, starts_at__gte=start, starts_at__lt=start + WEEK)
        .select_related("trajectory__household")
    )


def on_day(trajectories: QuerySet[Trajectory], day: dt.date) -> list[Appointment]:
    """The meetings of these households on one day (tomorrow's, for the reminder e-mail)."""
    start = _start_of(day)
    return list(
        _planned()
        .filter(
            trajectory__in=trajectories,
            starts_at__gte=start,
            starts_at__lt=_start_of(day + dt.timedelta(days=1)),
        )
        .select_related("trajectory__household")
    )


def appointment_in(trajectory: Trajectory, appointment_uuid: UUID) -> Appointment:
    """One meeting of this journey, else 404."""
    appointment = (
        Appointment.objects.filter(trajectory=trajectory, uuid=appointment_uuid)
        .select_related("by", "changed_by")
        .first()
    )
    if appointment is None:
        raise Http404
    appointment.trajectory = trajectory
    return appointment


def feed_owner(token: str) -> User | None:
    """The buddy whose calendar address holds this secret, if it still works."""
    feed = (
        CalendarFeed.objects.filter(token_hash=feed_token_hash(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed is not None else None


def has_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


# Where `feed_appointments` puts each household's participant, for the calendar's first name.
PARTICIPANTS = "participants"


def feed_appointments(user: User) -> list[Appointment]:
    """The meetings a buddy's calendar lists: of the households they coach now (as `access`
    lets them see), from a month ago on."""
    return list(
        _planned()
        .filter(
            trajectory__buddy=user,
            trajectory__household__in=policy.visible_households(user),
            starts_at__gte=timezone.now() - FEED_PAST,
        )
        .select_related("trajectory__household")
        .prefetch_related(
            Prefetch(
                "trajectory__household__members",
                queryset=HouseholdMember.objects.filter(relation=MemberRelation.PARTICIPANT),
                to_attr=PARTICIPANTS,
            )
        )[:FEED_LIMIT]
    )
