"""Supporting buddies: check-ins, breaks, training held back, and ending as a buddy."""

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.phases import PAIRED_PHASES
from kansrijk.people.models import Programme, ProgrammeRole, User
from kansrijk.trajectories import counts
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import back_to_matching, hand_over

from .. import rules, selectors
from ..choices import Block, PauseReason, Stage
from ..models import Candidate, CheckIn, Invitation, Pause, TrainingHold
from .common import require_coordinator


def _require_buddy_or_coordinator(user: User, by: User) -> None:
    """The buddy themselves, or a coordinator of a programme they are a buddy in."""
    if not rules.supports(by, user):
        raise Refused(_("Only the buddy or their coordinator can do this."))


@transaction.atomic
def check_in_record(
    *, user: User, by: User, on: dt.date, load: int, wellbeing: int, note: str
) -> CheckIn:
    """How the buddy is doing, for their coordinator to see."""
    _require_buddy_or_coordinator(user, by)
    if on > today():
        raise Refused(_("A check-in cannot be in the future."))
    return CheckIn.objects.create(
        user=user, on=on, load=load, wellbeing=wellbeing, note=note, recorded_by=by
    )


@transaction.atomic
def pause_record(
    *, user: User, by: User, starts_on: dt.date, ends_on: dt.date, reason: PauseReason
) -> Pause:
    """A break: no new household is proposed and no reminders are sent from–until."""
    _require_buddy_or_coordinator(user, by)
    if ends_on < starts_on:
        raise Refused(_("The break cannot end before it starts."))
    if ends_on < today():
        raise Refused(_("The break is already over."))
    if Pause.objects.filter(user=user, starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise Refused(_("There is already a break in these days."))
    return Pause.objects.create(
        user=user, starts_on=starts_on, ends_on=ends_on, reason=reason, recorded_by=by
    )


@transaction.atomic
def pause_end(*, pause: Pause, by: User) -> Pause:
    """Back early: the break ends yesterday (or is removed when it has not started)."""
    _require_buddy_or_coordinator(pause.user, by)
    if pause.starts_on >= today():
        pause.delete()
        return pause
    pause.ends_on = max(pause.starts_on, today() - dt.timedelta(days=1))
    pause.save(update_fields=["ends_on"])
    return pause


@transaction.atomic
def training_hold_set(*, role: ProgrammeRole, by: User, held: bool) -> None:
    """Say whether this buddy has finished the buddy training, beyond the required courses:
    a held buddy is not matched until a coordinator of the programme lifts the hold."""
    require_coordinator(by, role.programme)
    if held:
        TrainingHold.objects.get_or_create(role=role, defaults={"recorded_by": by})
    else:
        TrainingHold.objects.filter(role=role).delete()


def _coached_by(user: User, programme: Programme) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(
        buddy=user, phase__in=PAIRED_PHASES, household__programme=programme
    ).select_related("household")


@transaction.atomic
def buddy_end(
    *,
    role: ProgrammeRole,
    by: User,
    handovers: dict[int, User | None],
    reason: str,
) -> None:
    """The buddy stops. Every household they coach goes, explicitly, to another buddy (the
    new buddy takes over the year where it is) or back to the waiting list (matching again).
    All or nothing: one household without a choice and nothing changes."""
    programme = role.programme
    require_coordinator(by, programme)
    trajectories = list(_coached_by(role.user, programme).select_for_update(of=("self",)))
    missing = [t for t in trajectories if t.pk not in handovers]
    if missing:
        raise Refused(
            _("Choose what happens with %(name)s.") % {"name": missing[0].household.display_name}
        )
    blocked = selectors.readiness(programme)
    for trajectory in trajectories:
        new = handovers[trajectory.pk]
        if new is None:
            back_to_matching(trajectory=trajectory, by=by, note="buddy stopped")
        else:
            _hand_over(trajectory, new, by, blocked)
    role.active = False
    role.save(update_fields=["active"])
    counts.figures_changed(role.programme_id)  # the buddies by load
    Candidate.objects.filter(user=role.user, programme=programme).update(
        stage=Stage.ENDED, ended_on=today(), decision_reason=reason[:300]
    )
    Invitation.objects.filter(user=role.user, meeting__on__gte=today()).delete()


def _hand_over(trajectory: Trajectory, new: User, by: User, blocked: dict[int, Block]) -> None:
    """Another buddy takes over, if the Academie lets them coach now (matching's rules)."""
    if new.pk in blocked:
        raise Refused(
            _("%(name)s cannot take a household now: %(why)s.")
            % {"name": new, "why": blocked[new.pk].label}
        )
    hand_over(trajectory=trajectory, to=new, by=by)
