"""Phase changes of a household's journey. Each is one function; each checks who may do it.

The allowed moves:
    referral → intake → matching → matched → active year → aftercare → closed
    any open phase → dropped out (with a reason)
    active year → closed (when the year is (nearly) over and no aftercare is needed)
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import add_months, long_date, today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole, User

from . import counts, rules
from .choices import PAIRED_PHASES, DropOutReason, ExtendedPart, ExtensionReason, Phase
from .models import (
    ACTIVE_YEAR_MONTHS,
    EXTENSION_MAX_MONTHS,
    PhaseChange,
    Trajectory,
    TrajectoryExtension,
)

ALLOWED_MOVES: dict[str, set[str]] = {
    Phase.REFERRED: {Phase.INTAKE, Phase.DROPPED_OUT},
    Phase.INTAKE: {Phase.MATCHING, Phase.DROPPED_OUT},
    Phase.MATCHING: {Phase.MATCHED, Phase.DROPPED_OUT},
    Phase.MATCHED: {Phase.ACTIVE, Phase.DROPPED_OUT},
    Phase.ACTIVE: {Phase.AFTERCARE, Phase.CLOSED, Phase.DROPPED_OUT},
    Phase.AFTERCARE: {Phase.CLOSED, Phase.DROPPED_OUT},
    Phase.CLOSED: set(),
    Phase.DROPPED_OUT: set(),
}

# The active year may be rounded off this many days before its last day (holidays, planning).
YEAR_END_MARGIN_DAYS = 31


def can_move(trajectory: Trajectory, to_phase: Phase) -> bool:
    return to_phase in ALLOWED_MOVES[trajectory.phase]


def household_changed() -> str:
    """What a person reads whose save on a household's page came after someone else's: the
    stale message for `lock_at_version` on a trajectory (intake and matching use it too)."""
    return _(
        "Someone else changed this household in the meantime. "
        "Look at the page again and then try once more."
    )


def _lock(trajectory: Trajectory, version: int | None) -> Trajectory:
    return lock_at_version(Trajectory.objects, trajectory.pk, version, household_changed())


def move(
    *,
    trajectory: Trajectory,
    to_phase: Phase,
    by: User,
    version: int | None,
    note: str = "",
    fields: dict | None = None,
) -> Trajectory:
    """Move a trajectory to another phase, record who did it, and log it.

    `version` is the version the user saw; if someone changed the trajectory since, refuse
    rather than overwrite their change. Call inside `transaction.atomic()`.
    """
    locked = _lock(trajectory, version)
    _require_move(locked, to_phase)
    return _moved(locked, to_phase, by, note, fields)


def _require_move(locked: Trajectory, to_phase: Phase) -> None:
    if not can_move(locked, to_phase):
        raise Refused(
            _("A household in the phase “%(from)s” cannot move to “%(to)s”.")
            % {"from": locked.get_phase_display(), "to": Phase(to_phase).label}
        )


def _moved(
    locked: Trajectory, to_phase: Phase, by: User, note: str, fields: dict | None, why: str = ""
) -> Trajectory:
    """Save the move of a locked trajectory, with its phase change and its audit entry.
    `why` is a fixed word for the audit log; `note` (which a person wrote) never goes there."""
    from_phase = locked.phase
    counted_at = counts.key(locked)
    changed = dict(fields or {})
    changed["phase"] = to_phase
    locked.save_next_version(**changed)
    counts.changed(counted_at, counts.key(locked))
    PhaseChange.objects.create(
        trajectory=locked, from_phase=from_phase, to_phase=to_phase, by=by, note=note[:300]
    )
    audit(
        actor=by,
        action=AuditAction.PHASE_CHANGE,
        household=locked.household,
        detail=f"{from_phase} → {to_phase}" + (f" ({why})" if why else ""),
        purpose="journey",
        role=policy.acting_role(by, locked.household, locked),
    )
    return locked


def back_to_matching(*, trajectory: Trajectory, by: User, note: str) -> Trajectory:
    """The one move back in the journey: the buddy stopped, the household waits for a new one.


    The year starts again with the next buddy; the phase change keeps the history. Not in
    ALLOWED_MOVES, so no form offers it: only the ending of a buddy (academy) asks for it.
    Call inside `transaction.atomic()`.
    """
    locked = _lock(trajectory, None)
    if locked.phase not in PAIRED_PHASES:
        raise Refused(_("This household has no buddy to stop."))
    return _moved(locked, Phase.MATCHING, by, note, dict(_PAIRING_ENDS), why="buddy stopped")


def move_to_programme(
    *, trajectory: Trajectory, to_programme: Programme, by: User, new_buddy: User | None
) -> Trajectory:
    """The household moved to another programme (`transfers`): its journey goes with it, the
    old programme's buddy and backup professional do not. Call inside `transaction.atomic()`.

    What happens per phase:
    - referral, intake, matching: the phase stays; the new programme's coordinator goes on
      (open proposals of the old programme's buddies are withdrawn by `transfers`);
    - matched, active year: the pairing ends and the household waits for a buddy again, in
      the new programme (as when a buddy stops: `back_to_matching`); the year starts again
      with the new buddy, the assessments, plan and contacts so far stay in the file;
    - aftercare: the phase and its dates stay, so the aftercare is not cut short; a buddy of
      the new programme (`new_buddy`, chosen by its coordinator) takes over, with their usual
      backup professional, under the rules of any pairing (`_check_pairing`), logged as any
      hand-over of a buddy.
    The journey's programme moves too: the reports count the journey in the programme that
    runs it now.
    """
    locked = _lock(trajectory, None)
    if not locked.is_open:
        raise Refused(_("Only a household on its journey can be transferred."))
    fields: dict = {"programme": to_programme}
    if locked.phase == Phase.AFTERCARE:
        if new_buddy is None:
            raise Refused(_("Choose the buddy who takes over the aftercare."))
        assert locked.paired_on is not None  # an aftercare has its pairing day
        # `_check_pairing` reads the household's programme, which moved to `to_programme`.
        backup = _check_pairing(locked, new_buddy, None, locked.paired_on)
        old = locked.buddy
        counted_at = counts.key(locked)
        locked.save_next_version(**fields, buddy=new_buddy, backup=backup)
        counts.changed(counted_at, counts.key(locked))
        _log_hand_over(locked, old, new_buddy, by)
        return locked
    if locked.phase in PAIRED_PHASES:
        fields.update(_PAIRING_ENDS, backup=None)
        return _moved(locked, Phase.MATCHING, by, "", fields, why="transferred")
    counted_at = counts.key(locked)
    locked.save_next_version(**fields)
    counts.changed(counted_at, counts.key(locked))
    return locked


# What a journey forgets when its buddy stops: it waits for a new one and starts its year again.
_PAIRING_ENDS = {
    "buddy": None,
    "paired_on": None,
    "matched_on": None,
    "aftercare_started_on": None,
    "active_year_extended_to": None,
    "aftercare_extended_to": None,
}


def buddy_with_room(buddy: User, programme) -> ProgrammeRole:
    """The buddy's role, locked, when they are an active buddy of the programme with room for
    one more household; refused otherwise.

    Locking the role makes a second pairing of this buddy wait until the first is committed,
    so its load count sees the first (PostgreSQL; SQLite writes one at a time)."""
    role = (
        ProgrammeRole.objects.select_for_update(of=("self",))
        .filter(user=buddy, programme=programme, role=Role.BUDDY, active=True)
        .first()
    )
    if role is None:
        raise Refused(_("%(name)s is not an active buddy in this programme.") % {"name": buddy})
    if buddy_load(buddy) >= role.capacity:
        raise Refused(
            _("%(name)s already coaches %(count)s household(s), which is their maximum.")
            % {"name": buddy, "count": role.capacity}
        )
    return role


def hand_over(*, trajectory: Trajectory, to: User, by: User) -> Trajectory:
    """Another buddy takes over the year where it is. Call inside `transaction.atomic()`."""
    locked = _lock(trajectory, None)
    if locked.phase not in PAIRED_PHASES or to.pk == locked.buddy_id:
        raise Refused(_("%(name)s is not an active buddy in this programme.") % {"name": to})
    buddy_with_room(to, locked.household.programme)
    old = locked.buddy
    locked.save_next_version(buddy=to)
    counts.figures_changed(locked.programme_id)  # the buddies' load
    _log_hand_over(locked, old, to, by)
    return locked


def _log_hand_over(locked: Trajectory, old: User | None, to: User, by: User) -> None:
    """One audit entry for a buddy who takes over a household's journey from another."""
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=locked.household,
        detail=f"buddy handed over: {old} → {to}",
        purpose="journey",
        role=policy.acting_role(by, locked.household, locked),
    )


def _require_coordinator(trajectory: Trajectory, by: User) -> None:
    if not policy.may_manage(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can do this."))


def trajectory_start_intake(*, trajectory: Trajectory, by: User, version: int | None) -> Trajectory:
    """The coordinator accepts a referral and starts the intake."""
    _require_coordinator(trajectory, by)
    with transaction.atomic():
        return move(trajectory=trajectory, to_phase=Phase.INTAKE, by=by, version=version)


def buddy_load(buddy: User) -> int:
    """How many households this buddy coaches right now, or will from the first meeting on."""
    return Trajectory.objects.filter(buddy=buddy, phase__in=PAIRED_PHASES).count()


def _check_pairing(
    trajectory: Trajectory, buddy: User, backup: User | None, paired_on: dt.date
) -> User:
    """Refuse a pairing that breaks a rule; answer with the backup professional to use."""
    programme = trajectory.household.programme
    buddy_role = buddy_with_room(buddy, programme)
    backup = backup or buddy_role.default_backup
    if backup is None:
        raise Refused(_("Choose a backup professional for this household."))
    if not ProgrammeRole.objects.filter(
        user=backup, programme=programme, role=Role.BACKUP, active=True
    ).exists():
        raise Refused(
            _("%(name)s is not a backup professional in this programme.") % {"name": backup}
        )
    if paired_on > today():
        raise Refused(_("Participant and buddy cannot say yes on a future date."))
    if paired_on < trajectory.referred_on:
        raise Refused(_("Participant and buddy cannot say yes before the referral."))
    return backup


def trajectory_match(
    *,
    trajectory: Trajectory,
    by: User,
    buddy: User,
    backup: User | None,
    paired_on: dt.date,
    version: int | None,
) -> Trajectory:
    """Pair the household with a buddy and a backup professional, on the day both said yes.

    The year does not start yet: it starts at the first meeting (`trajectory_start_year`).
    Without a chosen backup professional, the buddy's usual one backs up this household.
    """
    _require_coordinator(trajectory, by)
    with transaction.atomic():
        # Checked inside the transaction so two coordinators cannot overfill one buddy.
        backup = _check_pairing(trajectory, buddy, backup, paired_on)
        return move(
            trajectory=trajectory,
            to_phase=Phase.MATCHED,
            by=by,
            version=version,
            note=str(buddy),
            fields={"buddy": buddy, "backup": backup, "paired_on": paired_on},
        )


def trajectory_start_year(
    *, trajectory: Trajectory, by: User, start_on: dt.date, version: int | None
) -> Trajectory:
    """The year starts on the day of the first meeting of participant and buddy.

    Every date of the year (halfway, its end, the aftercare) and every cohort counts from it.
    Not in the future (the meeting happened), and not before both said yes.
    """
    if trajectory.phase == Phase.MATCHED and not rules.may_start_year(by, trajectory):
        raise Refused(_("Only the buddy or a coordinator can start the year."))
    if start_on > today():
        raise Refused(_("The year cannot start in the future. Fill in the day you first met."))
    with transaction.atomic():
        locked = _lock(trajectory, version)
        _require_move(locked, Phase.ACTIVE)
        assert locked.paired_on is not None  # a matched trajectory has its pairing day
        if start_on < locked.paired_on:
            raise Refused(
                _("The year cannot start before participant and buddy said yes (%(date)s).")
                % {"date": long_date(locked.paired_on)}
            )
        return _moved(locked, Phase.ACTIVE, by, "", {"matched_on": start_on})


def year_nearly_over(trajectory: Trajectory, on: dt.date) -> bool:
    """Whether the aftercare may start, or the trajectory close, on `on`: from a month before
    the standard twelve months are over. An extension gives the year room; it does not oblige
    anyone to use it all, so a household that is ready sooner rounds off then."""
    assert trajectory.matched_on is not None  # asked of matched trajectories only
    year_end = add_months(trajectory.matched_on, ACTIVE_YEAR_MONTHS)
    return on >= year_end - dt.timedelta(days=YEAR_END_MARGIN_DAYS)


def _active_year_end(trajectory: Trajectory) -> str:
    """The standard year's last day as the messages show it (an active trajectory has one)."""
    ends_on = trajectory.standard_year_ends_on
    assert ends_on is not None
    return long_date(ends_on)


def trajectory_start_aftercare(
    *, trajectory: Trajectory, by: User, start_on: dt.date, version: int | None
) -> Trajectory:
    """After the active year, up to six months of lighter contact."""
    if not rules.may_start_aftercare(by, trajectory):
        raise Refused(_("Only the buddy or a coordinator can start the aftercare."))
    if trajectory.phase == Phase.ACTIVE and not year_nearly_over(trajectory, start_on):
        raise Refused(
            _("Aftercare starts when the active year ends (on %(date)s).")
            % {"date": _active_year_end(trajectory)}
        )
    if start_on > today():
        raise Refused(_("The aftercare cannot start in the future."))
    if trajectory.matched_on and start_on < trajectory.matched_on:
        raise Refused(_("The aftercare cannot start before the active year."))
    with transaction.atomic():
        return move(
            trajectory=trajectory,
            to_phase=Phase.AFTERCARE,
            by=by,
            version=version,
            fields={"aftercare_started_on": start_on},
        )


def trajectory_close(
    *, trajectory: Trajectory, by: User, on: dt.date, note: str, version: int | None
) -> Trajectory:
    """Round off a trajectory that ran its course. Ending it early is a drop-out instead."""
    _require_coordinator(trajectory, by)
    if trajectory.phase == Phase.ACTIVE and not year_nearly_over(trajectory, on):
        raise Refused(
            _(
                "The active year runs until %(date)s. To end it earlier, record a drop-out "
                "with the reason."
            )
            % {"date": _active_year_end(trajectory)}
        )
    if on > today():
        raise Refused(_("A trajectory cannot be closed on a future date."))
    last_phase_began = trajectory.aftercare_started_on or trajectory.matched_on
    if last_phase_began and on < last_phase_began:
        raise Refused(_("A trajectory cannot be closed before its last phase began."))
    with transaction.atomic():
        return move(
            trajectory=trajectory,
            to_phase=Phase.CLOSED,
            by=by,
            version=version,
            note=note,
            fields={"ended_on": on, "end_note": note},
        )


def trajectory_drop_out(
    *,
    trajectory: Trajectory,
    by: User,
    reason: DropOutReason,
    on: dt.date,
    note: str,
    version: int | None,
) -> Trajectory:
    """Record that a household stopped before the end, and why."""
    _require_coordinator(trajectory, by)
    if reason not in DropOutReason.values:
        raise Refused(_("Choose a reason for the drop-out."))
    if on > today():
        raise Refused(_("A drop-out cannot be recorded on a future date."))
    if on < (trajectory.matched_on or trajectory.referred_on):
        raise Refused(_("A drop-out cannot be before the start of the trajectory or its year."))
    with transaction.atomic():
        return move(
            trajectory=trajectory,
            to_phase=Phase.DROPPED_OUT,
            by=by,
            version=version,
            note=str(DropOutReason(reason).label),
            fields={"ended_on": on, "drop_out_reason": reason, "end_note": note},
        )


def extension_limit(trajectory: Trajectory) -> dt.date:
    """The latest new end of the running part: extensions together add at most
    EXTENSION_MAX_MONTHS to the standard active year and aftercare."""
    year_end = trajectory.standard_year_ends_on
    assert year_end is not None  # asked of coached trajectories only
    if trajectory.phase == Phase.ACTIVE:
        return add_months(year_end, EXTENSION_MAX_MONTHS)
    aftercare_end = trajectory.standard_aftercare_ends_on
    assert aftercare_end is not None
    used = (trajectory.active_year_extended_to or year_end) - year_end
    return add_months(aftercare_end, EXTENSION_MAX_MONTHS) - used


def trajectory_extend(
    *,
    trajectory: Trajectory,
    by: User,
    new_end: dt.date,
    reason: ExtensionReason | str,
    note: str = "",
    version: int | None,
) -> TrajectoryExtension:
    """Extend the running active year or aftercare to `new_end`, for a reason.

    The year's start stays: halfway, the cohorts and "completed 12 months" keep counting from
    it. The new end must come after the current one and not lie in the past, and extensions
    together add at most EXTENSION_MAX_MONTHS (`extension_limit`). Several extensions may
    follow each other; each is its own record.
    """
    if not rules.may_extend(by, trajectory):
        raise Refused(
            _("Only a coordinator of this programme can extend a running year or aftercare.")
        )
    if reason not in ExtensionReason.values:
        raise Refused(_("Choose a reason for the extension."))
    with transaction.atomic():
        locked = _lock(trajectory, version)
        if not rules.may_extend(by, locked):
            raise Refused(_("Only a running active year or aftercare can be extended."))
        active = locked.phase == Phase.ACTIVE
        current = locked.active_year_ends_on if active else locked.aftercare_ends_on
        assert current is not None  # a coached trajectory has its end
        if new_end <= current:
            raise Refused(
                _("The new end must come after the current end (%(date)s).")
                % {"date": long_date(current)}
            )
        if new_end < today():
            raise Refused(_("The new end cannot be in the past."))
        latest = extension_limit(locked)
        if new_end > latest:
            raise Refused(
                _(
                    "Extensions together add at most %(months)s months to the year and the "
                    "aftercare: the new end can be %(date)s at the latest."
                )
                % {"months": EXTENSION_MAX_MONTHS, "date": long_date(latest)}
            )
        part = ExtendedPart.ACTIVE_YEAR if active else ExtendedPart.AFTERCARE
        field = "active_year_extended_to" if active else "aftercare_extended_to"
        locked.save_next_version(**{field: new_end})
        extension = TrajectoryExtension.objects.create(
            trajectory=locked,
            part=part,
            old_end=current,
            new_end=new_end,
            reason=reason,
            note=note[:2000],
            by=by,
        )
        counts.figures_changed(locked.programme_id)
        audit(
            actor=by,
            action=AuditAction.CHANGE,
            household=locked.household,
            detail=f"extended {part}",
            purpose="journey",
            role=policy.acting_role(by, locked.household, locked),
        )
        return extension
