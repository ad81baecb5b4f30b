import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.access.parts import Content
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.people.models import User
from kansrijk.plans.models import Goal
from kansrijk.trajectories.models import Trajectory

from .models import Contact, ContactKind

# Long enough for a day out together, short enough to catch a typo like 600 for 60.
MAX_MINUTES = 8 * 60


@transaction.atomic
def contact_log(
    *,
    trajectory: Trajectory,
    by: User,
    on: dt.date,
    kind: ContactKind,
    minutes: int | None = None,
    note: str = "",
    goals: Iterable[Goal] = (),
    worried: bool = False,
    needs_professional: bool = False,
) -> Contact:
    """Log one contact with the household (a visit, a call, an app message)."""
    if not policy.may_coach(by, trajectory):
        raise Refused(_("Contacts can be logged during the active year and aftercare only."))
    if on > today():
        raise Refused(_("A contact cannot be in the future."))
    if trajectory.matched_on and on < trajectory.matched_on:
        raise Refused(_("A contact cannot be before the start of the active year."))
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise Refused(_("Fill in the number of minutes, at most 480."))
    goals = list(goals)
    if any(goal.trajectory_id != trajectory.pk for goal in goals):
        raise Refused(_("Choose goals of this household's plan."))
    if goals and not policy.may_see(by, trajectory, Content.CONTACT_GOALS):
        raise Refused(_("Choose goals of this household's plan."))
    contact = Contact.objects.create(
        trajectory=trajectory,
        on=on,
        kind=kind,
        minutes=minutes,
        note=note,
        by=by,
        worried=worried,
        needs_professional=needs_professional,
    )
    contact.goals.set(goals)
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=trajectory.household,
        detail="contact",
        purpose="coaching",
        role=policy.acting_role(by, trajectory.household, trajectory),
    )
    return contact
