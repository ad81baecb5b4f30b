import datetime as dt
from collections.abc import Iterable

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.core.dates import today
from kansrijk.people.models import User
from kansrijk.plans.choices import CLOSED_STATUSES
from kansrijk.plans.models import Goal
from kansrijk.trajectories.choices import COACHING_PHASES
from kansrijk.trajectories.models import Trajectory

from .models import Contact, ContactKind


def recent_contacts(trajectory: Trajectory, limit: int = 5) -> QuerySet[Contact]:
    return trajectory.contacts.select_related("by")[:limit]


# The weekly rhythm counts meeting each other: a visit, a call, a day out. An app message in
# between keeps in touch (the 14-day flag counts it) but is not the weekly visit.
RHYTHM_KINDS = (ContactKind.VISIT, ContactKind.PHONE, ContactKind.OUTING)


def last_contact_on(kinds: Iterable[str] | None = None) -> Subquery:
    """The day of a trajectory's latest contact (of these kinds), for `annotate` on trajectories.

    A subquery on the index `contact_by_trajectory` instead of `Max("contacts__on")`: the
    aggregate makes the database group by every selected column, which with `select_related`
    made the dashboard's list many times slower (figures in docs/performance.md).
    """
    latest = Contact.objects.filter(trajectory=OuterRef("pk"))
    if kinds is not None:
        latest = latest.filter(kind__in=list(kinds))
    return Subquery(latest.order_by("-on").values("on")[:1])


def without_recent_contact(
    trajectories: QuerySet[Trajectory], days: int, kinds: Iterable[str] | None = None
) -> QuerySet[Trajectory]:
    """Coached trajectories whose last contact (of these kinds; or the start, if none yet) is
    over `days` ago. One mechanism for both flags: no contact at all for
    CONTACT_ATTENTION_DAYS, and no visit or call (RHYTHM_KINDS) for VISIT_RHYTHM_DAYS."""
    return (
        trajectories.annotate(last_contact_on=last_contact_on(kinds))
        .filter(quiet_condition("last_contact_on", days))
        .order_by(*quietest_first("last_contact_on"))
    )


def quiet_condition(last_on: str, days: int) -> Q:
    """The condition of `without_recent_contact` on trajectories annotated with their last
    contact as `last_on`, for a query that asks it next to other questions (the dashboard)."""
    cutoff = today() - dt.timedelta(days=days)
    return Q(phase__in=COACHING_PHASES) & (
        Q(**{f"{last_on}__lt": cutoff}) | Q(**{f"{last_on}__isnull": True}, matched_on__lt=cutoff)
    )


def quietest_first(last_on: str) -> tuple:
    """Longest without contact first; the id settles a tie, so a list cut at its first rows
    names the same households in every query that asks it."""
    return (Coalesce(last_on, "matched_on"), "pk")


def is_quiet(last_on: dt.date | None, matched_on: dt.date, days: int) -> bool:
    """The same question as `without_recent_contact`, about one household already read."""
    return (today() - (last_on or matched_on)).days > days


def open_goals(user: User, trajectory: Trajectory) -> QuerySet[Goal]:
    """The goals this user may tie a contact to: calm at the base first, then by target date.

    None for someone who logs contacts without seeing the plan (a backup professional whose
    consent leaves out "wishes and plan"): the goals are that part of the file.
    """
    if not policy.may_see(user, trajectory, Content.CONTACT_GOALS):
        return Goal.objects.none()
    return (
        Goal.objects.filter(trajectory=trajectory)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("domain")
        .order_by("-basic_calm", "target_on", "pk")
    )
