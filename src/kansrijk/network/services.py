"""Changes to the household's network map. Each is one function; each checks who may do it.

The rules:
- maps change during the active year and aftercare, by the household's buddy, the programme's
  coordinator, and the backup professional when the participant's consent covers the plan
  (the network is part "wishes and plan" of the file); afterwards they stay as they were;
- a year has one start, one halfway and one end map; "another moment" as often as needed;
- a map is drawn on a day between the start of the active year and today;
- names are a first name or a role only, short; the free text is stored encrypted;
- every edit carries the version the user saw: the row is locked and a stale version refused
  (`core.errors.Overtaken` holds what the other person saved), so nobody silently
  overwrites anyone.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import bulk_create_checked, lock_at_version
from kansrijk.core.text import checked_text
from kansrijk.people.models import User
from kansrijk.trajectories.models import Trajectory

from .choices import ONCE_A_YEAR, Flow, Moment, Strength, TieKind
from .models import NetworkMap, Tie
from .rules import may_edit_network

MAX_NAME = 40
MAX_NOTE = 200
MAX_STRENGTHS = 1000
# More than this is no longer readable as a picture (the table still is): split it up.
MAX_TIES = 40


def _editor_role(by: User, trajectory: Trajectory) -> str:
    if not may_edit_network(by, trajectory):
        raise Refused(_("The network map is changed during the active year and aftercare only."))
    return policy.acting_role(by, trajectory.household, trajectory)


def _log(by: User, role: str, action: AuditAction, trajectory: Trajectory, detail: str) -> None:
    # A map is drawn to coach the household, whoever draws it.
    audit_change(
        by=by,
        action=action,
        household=trajectory.household,
        detail=detail,
        role=role,
        purpose="coaching",
    )


# ---- checks on input ----


def _check_day(trajectory: Trajectory, drawn_on: dt.date) -> None:
    if drawn_on > today():
        raise Refused(_("A map cannot be drawn in the future."))
    if trajectory.matched_on and drawn_on < trajectory.matched_on:
        raise Refused(_("A map cannot be from before the start of the active year."))


def _check_moment(trajectory: Trajectory, moment: str, keep: NetworkMap | None = None) -> None:
    if moment not in Moment.values:
        raise Refused(_("Choose the moment of the map."))
    if moment not in ONCE_A_YEAR:
        return
    taken = NetworkMap.objects.filter(trajectory=trajectory, moment=moment)
    if keep is not None:
        taken = taken.exclude(pk=keep.pk)
    if taken.exists():
        raise Refused(
            _(
                "This year has a %(moment)s map already. Choose another moment, or change "
                "that map instead."
            )
            % {"moment": Moment(moment).label}
        )


def _tie_fields(
    name: str, kind: str, is_organisation: bool, strength: str, flow: str, note: str
) -> dict:
    if kind not in TieKind.values:
        raise Refused(_("Choose what kind of tie it is."))
    if strength not in Strength.values:
        raise Refused(_("Choose how strong the tie is."))
    if flow not in Flow.values:
        raise Refused(_("Choose what the tie does for the household."))
    return {
        "name": checked_text(name, MAX_NAME, _("Write a first name or a role, for example “zus”.")),
        "kind": kind,
        "is_organisation": bool(is_organisation),
        "strength": strength,
        "flow": flow,
        "note": checked_text(note, MAX_NOTE),
    }


# ---- maps ----


def network_map_create(
    *,
    trajectory: Trajectory,
    by: User,
    moment: str,
    drawn_on: dt.date,
    strengths: str = "",
    copy_from: NetworkMap | None = None,
) -> NetworkMap:
    """A new map of the network at a moment: empty, or a copy of an earlier map to update.

    A copy takes the earlier map's ties (each keeps its thread, so the two can be compared)
    and what goes well, unless new words for that are given.
    """
    role = _editor_role(by, trajectory)
    strengths = checked_text(strengths, MAX_STRENGTHS)
    _check_day(trajectory, drawn_on)
    if copy_from is not None and copy_from.trajectory_id != trajectory.pk:
        raise Refused(_("Copy a map of this year only."))
    with transaction.atomic():
        _check_moment(trajectory, moment)
        try:
            with transaction.atomic():
                network_map = NetworkMap.objects.create(
                    trajectory=trajectory,
                    moment=moment,
                    drawn_on=drawn_on,
                    strengths=strengths or (copy_from.strengths if copy_from else ""),
                    created_by=by,
                    changed_by=by,
                )
        except IntegrityError:
            # Someone made the same moment a moment ago: say so, as the check above would.
            _check_moment(trajectory, moment)
            raise
        if copy_from is not None:
            bulk_create_checked(
                Tie(
                    network_map=network_map,
                    thread=tie.thread,
                    name=tie.name,
                    kind=tie.kind,
                    is_organisation=tie.is_organisation,
                    strength=tie.strength,
                    flow=tie.flow,
                    note=tie.note,
                )
                for tie in copy_from.ties.order_by("id")
            )
        _log(by, role, AuditAction.CREATE, trajectory, "network map")
    network_map.trajectory = trajectory
    return network_map


def _locked(row: NetworkMap | Tie, version: int | None, stale: str):
    """Lock `row` for this write; refuse when it changed since the user saw `version`."""
    return lock_at_version(type(row).objects.all(), row.pk, version, stale)


def network_map_edit(
    *,
    network_map: NetworkMap,
    by: User,
    version: int | None,
    moment: str,
    drawn_on: dt.date,
    strengths: str,
) -> NetworkMap:
    """Correct a map's moment or day, or write what goes well."""
    trajectory = network_map.trajectory
    role = _editor_role(by, trajectory)
    strengths = checked_text(strengths, MAX_STRENGTHS)
    with transaction.atomic():
        locked = _locked(
            network_map,
            version,
            _(
                "Someone else changed this map while you were writing. What they saved is "
                "shown below, next to yours: nothing of yours is lost. Check both, then save "
                "again."
            ),
        )
        if drawn_on != locked.drawn_on:
            _check_day(trajectory, drawn_on)
        _check_moment(trajectory, moment, keep=locked)
        changed = {
            "moment": moment,
            "drawn_on": drawn_on,
            "strengths": strengths,
            "changed_by": by,
        }
        locked.save_next_version(**changed)
        _log(by, role, AuditAction.CHANGE, trajectory, "network map")
    locked.trajectory = trajectory
    return locked


def _touch(network_map: NetworkMap, by: User) -> None:
    """A tie changed: the map says who changed it last (its own fields keep their version)."""
    network_map.changed_by = by
    network_map.save(update_fields=["changed_by", "updated_at"])


# ---- ties ----


def tie_add(
    *,
    network_map: NetworkMap,
    by: User,
    name: str,
    kind: str,
    strength: str,
    flow: str,
    is_organisation: bool = False,
    note: str = "",
) -> Tie:
    """A person or organisation around the household, on this map."""
    trajectory = network_map.trajectory
    role = _editor_role(by, trajectory)
    fields = _tie_fields(name, kind, is_organisation, strength, flow, note)
    with transaction.atomic():
        if network_map.ties.count() >= MAX_TIES:
            raise Refused(
                _("A map holds at most %(max)s ties: it is hard to read with more.")
                % {"max": MAX_TIES}
            )
        tie = Tie.objects.create(network_map=network_map, **fields)
        _touch(network_map, by)
        _log(by, role, AuditAction.CREATE, trajectory, "network tie")
    tie.network_map = network_map
    return tie


def _lock_tie(tie: Tie, version: int | None) -> Tie:
    return _locked(
        tie,
        version,
        _(
            "Someone else changed this tie while you were writing. What they saved is shown "
            "below, next to yours: nothing of yours is lost. Check both, then save again."
        ),
    )


def tie_edit(
    *,
    tie: Tie,
    by: User,
    version: int | None,
    name: str,
    kind: str,
    strength: str,
    flow: str,
    is_organisation: bool = False,
    note: str = "",
) -> Tie:
    """Change a tie: its name, kind, strength or what it does."""
    network_map = tie.network_map
    trajectory = network_map.trajectory
    role = _editor_role(by, trajectory)
    fields = _tie_fields(name, kind, is_organisation, strength, flow, note)
    with transaction.atomic():
        locked = _lock_tie(tie, version)
        locked.save_next_version(**fields)
        _touch(network_map, by)
        _log(by, role, AuditAction.CHANGE, trajectory, "network tie")
    locked.network_map = network_map
    return locked


def tie_remove(*, tie: Tie, by: User, version: int | None) -> None:
    """Take a tie off this map (the earlier maps keep theirs)."""
    network_map = tie.network_map
    trajectory = network_map.trajectory
    role = _editor_role(by, trajectory)
    with transaction.atomic():
        locked = _lock_tie(tie, version)
        locked.delete()
        _touch(network_map, by)
        _log(by, role, AuditAction.CHANGE, trajectory, "network tie removed")
