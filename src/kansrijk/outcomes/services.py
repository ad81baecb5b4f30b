"""Recording outcomes, and closing a trajectory with its checklist. Each write checks who may.

The rules:
- the coordinator records outcomes at any time (also after closure: a diploma comes later);
  the buddy and the backup professional (with the participant's consent) while they coach;
- an outcome is of one of the programme's types, on a day between the referral and today,
  optionally for one named member of the household; its evidence note is stored encrypted;
- each kind asks for its own details (hours and welfare for paid work, level for education,
  sector for a business); details that do not belong to the kind are cleared;
- every edit carries the version the user saw: a stale version is refused (`Overtaken` holds
  what the other person saved), so nobody silently overwrites anyone;
- closing a trajectory goes with its checklist: the ticked outcomes and the closure are saved
  in one transaction, or nothing is.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit, audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.core.text import checked_text
from kansrijk.people.choices import Role
from kansrijk.people.models import HouseholdMember, Programme, User
from kansrijk.trajectories import counts
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import trajectory_close

from . import rules
from .choices import DETAILS, REQUIRED, Hours, Level, OutcomeKind, Sector, Welfare
from .models import ClosureCheck, Outcome, OutcomeType
from .shipped import install_outcome_types

MAX_EVIDENCE = 1000


def outcome_types_seed(programme: Programme) -> list[OutcomeType]:
    """Give a programme the default outcome types, if it has none yet; answer its types."""
    install_outcome_types(OutcomeType, programme.pk)
    return list(OutcomeType.objects.filter(programme=programme))


def programme_made(
    sender: type[Programme], instance: Programme, created: bool, raw: bool = False, **kwargs
) -> None:
    """A new programme starts with the default outcome types (connected in `apps.py`).

    Programmes are made in `people` (the admin, the demo), an earlier app that may not call
    this one; so this app listens for the new programme instead of a page installing the
    types when it first shows them. A fixture being loaded (`raw`) brings its own rows.
    """
    if created and not raw:
        outcome_types_seed(instance)


@dataclass
class Details:
    """The typed details of an outcome; which ones count depends on the type's kind."""

    hours: str = ""
    welfare: str = ""
    level: str = ""
    diploma: bool = False
    sector: str = ""

    def for_kind(self, kind: str) -> dict:
        """The details this kind keeps (checked), the others cleared."""
        asked = DETAILS.get(kind, frozenset())
        missing = {name for name in REQUIRED.get(kind, ()) if not getattr(self, name)}
        if "hours" in missing:
            raise Refused(_("Say whether the work is full-time or part-time."))
        if "welfare" in missing:
            raise Refused(_("Say what the work did to the welfare benefit (bijstand)."))
        if "level" in missing:
            raise Refused(_("Choose the level of the education."))
        if "sector" in missing:
            raise Refused(_("Choose the sector of the business."))
        for name, choices in (
            ("hours", Hours),
            ("welfare", Welfare),
            ("level", Level),
            ("sector", Sector),
        ):
            value = getattr(self, name)
            if name in asked and value and value not in choices.values:
                raise Refused(_("Choose one of the options given."))
        return {
            "hours": self.hours if "hours" in asked else "",
            "welfare": self.welfare if "welfare" in asked else "",
            "level": self.level if "level" in asked else "",
            "diploma": bool(self.diploma) if "diploma" in asked else False,
            "sector": self.sector if "sector" in asked else "",
        }


def _recorder_role(by: User, trajectory: Trajectory) -> str:
    if not rules.may_record_outcomes(by, trajectory.household, trajectory):
        raise Refused(
            _(
                "Outcomes are recorded by the coordinator, or by the buddy and backup while coaching."
            )
        )
    return policy.acting_role(by, trajectory.household, trajectory)


def _log(by: User, role: str, action: AuditAction, trajectory: Trajectory, detail: str) -> None:
    purpose = "journey" if role == "coordinator" else "coaching"
    audit_change(
        by=by,
        action=action,
        household=trajectory.household,
        detail=detail,
        role=role,
        purpose=purpose,
    )


def _check_type(trajectory: Trajectory, outcome_type: OutcomeType, keep: int | None = None):
    if outcome_type.programme_id != trajectory.household.programme_id:
        raise Refused(_("Choose one of the outcomes of this programme."))
    if not outcome_type.active and outcome_type.pk != keep:
        raise Refused(_("This outcome is no longer offered by the programme."))


def _check_day(trajectory: Trajectory, reached_on: dt.date) -> None:
    if reached_on > today():
        raise Refused(_("An outcome cannot be reached in the future."))
    if reached_on < trajectory.referred_on:
        raise Refused(_("An outcome cannot be from before the referral."))


def _check_member(trajectory: Trajectory, member: HouseholdMember | None) -> None:
    if member is not None and member.household_id != trajectory.household_id:
        raise Refused(_("Choose a member of this household."))


def outcome_record(
    *,
    trajectory: Trajectory,
    by: User,
    outcome_type: OutcomeType,
    reached_on: dt.date,
    evidence: str = "",
    member: HouseholdMember | None = None,
    details: Details | None = None,
    at_closure: bool = False,
) -> Outcome:
    """Record that the household (or one member) reached an outcome."""
    role = _recorder_role(by, trajectory)
    _check_type(trajectory, outcome_type)
    _check_day(trajectory, reached_on)
    _check_member(trajectory, member)
    fields = (details or Details()).for_kind(outcome_type.kind)
    with transaction.atomic():
        outcome = Outcome.objects.create(
            trajectory=trajectory,
            outcome_type=outcome_type,
            member=member,
            reached_on=reached_on,
            evidence=checked_text(evidence, MAX_EVIDENCE),
            at_closure=at_closure,
            recorded_by=by,
            changed_by=by,
            **fields,
        )
        counts.figures_changed(trajectory.programme_id)
        _log(by, role, AuditAction.CREATE, trajectory, f"outcome {outcome_type.code}")
    outcome.trajectory = trajectory
    return outcome


def _lock(outcome: Outcome, version: int | None) -> Outcome:
    return lock_at_version(
        Outcome.objects.select_related("outcome_type"),
        outcome.pk,
        version,
        _(
            "Someone else changed this outcome while you were writing. What they saved is "
            "shown below, next to yours: nothing of yours is lost. Check both, then save "
            "again."
        ),
    )


def outcome_edit(
    *,
    outcome: Outcome,
    by: User,
    version: int | None,
    outcome_type: OutcomeType,
    reached_on: dt.date,
    evidence: str = "",
    member: HouseholdMember | None = None,
    details: Details | None = None,
) -> Outcome:
    """Correct an outcome: its type, day, member, details or evidence."""
    trajectory = outcome.trajectory
    role = _recorder_role(by, trajectory)
    _check_type(trajectory, outcome_type, keep=outcome.outcome_type_id)
    _check_day(trajectory, reached_on)
    _check_member(trajectory, member)
    fields = (details or Details()).for_kind(outcome_type.kind)
    with transaction.atomic():
        locked = _lock(outcome, version)
        fields.update(
            outcome_type=outcome_type,
            reached_on=reached_on,
            evidence=checked_text(evidence, MAX_EVIDENCE),
            member=member,
            changed_by=by,
        )
        locked.save_next_version(**fields)
        counts.figures_changed(trajectory.programme_id)
        _log(by, role, AuditAction.CHANGE, trajectory, f"outcome {outcome_type.code}")
    locked.trajectory = trajectory
    return locked


def outcome_remove(*, outcome: Outcome, by: User, version: int | None) -> None:
    """Take back an outcome recorded by mistake."""
    trajectory = outcome.trajectory
    role = _recorder_role(by, trajectory)
    with transaction.atomic():
        locked = _lock(outcome, version)
        code = locked.outcome_type.code
        locked.delete()
        counts.figures_changed(trajectory.programme_id)
        _log(by, role, AuditAction.CHANGE, trajectory, f"outcome {code} removed")


@dataclass
class Reached:
    """One line ticked on the closure checklist."""

    outcome_type: OutcomeType
    details: Details = field(default_factory=Details)


def trajectory_close_with_checklist(
    *,
    trajectory: Trajectory,
    by: User,
    on: dt.date,
    note: str,
    version: int | None,
    reached: list[Reached],
    nothing_reached: bool,
) -> Trajectory:
    """Close the trajectory and record the outcomes ticked on the checklist, all or nothing.

    The coordinator either ticks what was reached or confirms that none of the programme's
    outcomes was: an unanswered checklist is refused, so no outcome is forgotten.
    """
    if reached and nothing_reached:
        raise Refused(_("Tick what was reached, or the last line: not both."))
    if not reached and not nothing_reached:
        raise Refused(
            _("Go through the checklist: tick what was reached, or the last line if nothing was.")
        )
    codes = [line.outcome_type.code for line in reached]
    if len(set(codes)) != len(codes):
        raise Refused(_("Tick each outcome once."))
    with transaction.atomic():
        for line in reached:
            outcome_record(
                trajectory=trajectory,
                by=by,
                outcome_type=line.outcome_type,
                reached_on=on,
                details=line.details,
                at_closure=True,
            )
        closed = trajectory_close(trajectory=trajectory, by=by, on=on, note=note, version=version)
        ClosureCheck.objects.create(
            trajectory=closed, checked_by=by, nothing_reached=nothing_reached
        )
    return closed


# ---- the programme's outcome types ----

MAX_TYPE_NAME = 100


@dataclass
class TypeChange:
    """What the coordinator set for one type: its own wording (empty: the default), on or off,
    and its place on the checklist."""

    name: str
    active: bool
    position: int


def _own_code(programme: Programme, name: str) -> str:
    base = slugify(name)[:32] or "own"
    taken = set(OutcomeType.objects.filter(programme=programme).values_list("code", flat=True))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def outcome_types_save(
    *, programme: Programme, by: User, changes: dict[int, TypeChange], new_name: str = ""
) -> list[OutcomeType]:
    """The coordinator words, switches off, reorders and adds the programme's outcome types.

    A type that is switched off keeps its outcomes (they still count), it is only no longer
    offered. A programme's own type (kind "other") is counted under its own name. At least one
    type stays on, so the closure checklist always asks something.
    """
    if not policy.has_role(by, Role.COORDINATOR, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))
    new_name = (new_name or "").strip()
    for asked in [*changes.values(), TypeChange(new_name, True, 0)]:
        checked_text(asked.name, MAX_TYPE_NAME)
    with transaction.atomic():
        types = list(OutcomeType.objects.select_for_update().filter(programme=programme))
        for outcome_type in types:
            change = changes.get(outcome_type.pk)
            if change is None:
                continue
            outcome_type.name = change.name.strip()
            outcome_type.active = change.active
            outcome_type.position = change.position
        OutcomeType.objects.bulk_update(types, ["name", "active", "position"])
        if new_name:
            OutcomeType.objects.create(
                programme=programme,
                code=_own_code(programme, new_name),
                kind=OutcomeKind.OTHER,
                name=new_name,
                position=max((t.position for t in types), default=0) + 1,
            )
        if not OutcomeType.objects.filter(programme=programme, active=True).exists():
            raise Refused(_("Keep at least one outcome on: the checklist at closure needs it."))
        # The results name each type as the coordinator words it.
        counts.figures_changed(programme.pk)
        audit(
            actor=by,
            action=AuditAction.CHANGE,
            detail=f"outcome types of {programme.slug}",
            purpose="journey",
            role=Role.COORDINATOR,
        )
    return list(OutcomeType.objects.filter(programme=programme))
