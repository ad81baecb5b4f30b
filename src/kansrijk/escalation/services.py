"""Signals to the backup professional and covers while a backup is away. One function per step.

The life cycle of a signal:
    open → picked up → answered / passed on to another organisation / escalated to Doorbraak
    → closed
Answering or passing on straight from "open" picks the signal up at the same moment. Escalating
opens a Doorbraak case (`case_services.case_open`). Each step records who and when, is logged,
and carries the version the user saw: a stale version is refused, so two people never take the
same step over each other.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.audit import audit, audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.core.text import checked_text
from kansrijk.people.models import Organisation, Programme, User
from kansrijk.trajectories.models import Trajectory

from . import rules
from .choices import RESPONDED, WAITING, SignalKind, SignalStatus
from .models import Cover, CrisisGuidance, Signal

MAX_DESCRIPTION = 1000
MAX_RESPONSE = 1000
MAX_ORGANISATION_NAME = 100
# A cover is for a holiday or a leave, not a new job: longer than this is a typo.
MAX_COVER_DAYS = 183
MAX_GUIDANCE = 1000
MAX_CRISIS_LINE = 30


def _stale() -> str:
    return _(
        "Someone else took a step on this signal in the meantime. "
        "Look at it again and then try once more."
    )


def _log(by: User, signal: Signal, action: AuditAction, detail: str) -> None:
    role = rules.acting_role(by, signal)
    audit_change(
        by=by, action=action, household=signal.trajectory.household, detail=detail, role=role
    )


# ---- signals ----


@transaction.atomic
def signal_raise(
    *, trajectory: Trajectory, by: User, kind: SignalKind | str, description: str
) -> Signal:
    """The buddy (or coordinator) raises a question, worry or urgent concern with the backup."""
    if not rules.may_raise(by, trajectory):
        raise Refused(_("Signals are raised by the buddy or a coordinator, during the year."))
    if kind not in SignalKind.values:
        raise Refused(_("Choose what kind of signal this is."))
    if trajectory.backup_id is None:
        raise Refused(_("This household has no backup professional yet. Ask the coordinator."))
    description = checked_text(
        description, MAX_DESCRIPTION, _("Write in a few words what is going on.")
    )
    signal = Signal.objects.create(
        trajectory=trajectory, kind=kind, description=description, raised_by=by
    )
    signal.trajectory = trajectory
    _log(by, signal, AuditAction.CREATE, f"signal {kind}")
    return signal


def _locked(signal: Signal, version: int | None) -> Signal:
    locked = lock_at_version(Signal.objects, signal.pk, version, _stale())
    locked.trajectory = signal.trajectory
    return locked


def _require_handler(by: User, signal: Signal) -> None:
    if not rules.may_handle(by, signal):
        raise Refused(
            _("Only the backup professional, their stand-in or a coordinator can do this.")
        )


def _pick_up(signal: Signal, by: User, now: dt.datetime) -> list[str]:
    if signal.picked_up_at is not None:
        return []
    signal.picked_up_at, signal.picked_up_by = now, by
    return ["picked_up_at", "picked_up_by"]


def _save(signal: Signal, changed: list[str]) -> Signal:
    signal.save_next_version(*changed)
    return signal


@transaction.atomic
def signal_pick_up(*, signal: Signal, by: User, version: int | None) -> Signal:
    """The backup professional (or their stand-in, or a coordinator) is on it."""
    _require_handler(by, signal)
    locked = _locked(signal, version)
    if locked.status != SignalStatus.OPEN:
        raise Refused(_("This signal was picked up already."))
    changed = _pick_up(locked, by, timezone.now())
    locked.status = SignalStatus.PICKED_UP
    _save(locked, [*changed, "status"])
    _log(by, locked, AuditAction.CHANGE, "signal picked up")
    return locked


def _respond(
    signal: Signal, by: User, version: int | None, status: SignalStatus, **fields
) -> Signal:
    _require_handler(by, signal)
    locked = _locked(signal, version)
    if locked.status not in WAITING:
        raise Refused(_("This signal has had its answer already."))
    now = timezone.now()
    changed = _pick_up(locked, by, now)
    locked.status, locked.responded_at, locked.responded_by = status, now, by
    for name, value in fields.items():
        setattr(locked, name, value)
    _save(locked, [*changed, "status", "responded_at", "responded_by", *fields])
    _log(by, locked, AuditAction.CHANGE, f"signal {status}")
    return locked


@transaction.atomic
def signal_answer(*, signal: Signal, by: User, version: int | None, answer: str) -> Signal:
    """The backup professional answers the buddy."""
    answer = checked_text(answer, MAX_RESPONSE, _("Write the answer for the buddy."))
    return _respond(signal, by, version, SignalStatus.ANSWERED, response=answer)


@transaction.atomic
def signal_pass_on(
    *,
    signal: Signal,
    by: User,
    version: int | None,
    organisation: Organisation | None,
    organisation_name: str = "",
    note: str = "",
) -> Signal:
    """The backup professional passes the signal on to another organisation, and says why."""
    organisation_name = (organisation_name or "").strip()
    if organisation is None and not organisation_name:
        raise Refused(_("Choose the organisation, or write its name."))
    if organisation is not None and organisation_name:
        raise Refused(_("Choose an organisation from the list or write a name, not both."))
    if len(organisation_name) > MAX_ORGANISATION_NAME:
        raise Refused(_("Write the organisation's name in at most 100 characters."))
    note = checked_text(
        note, MAX_RESPONSE, _("Write for the buddy what was passed on, and what next.")
    )
    return _respond(
        signal,
        by,
        version,
        SignalStatus.PASSED_ON,
        passed_on_to=organisation,
        passed_on_to_name=organisation_name,
        response=note,
    )


def signal_escalate(*, signal: Signal, by: User, version: int | None) -> Signal:
    """Mark the signal as escalated to Doorbraak. Only `case_services.case_open` calls this,
    in the same transaction as the case it opens."""
    return _respond(signal, by, version, SignalStatus.ESCALATED)


@transaction.atomic
def signal_close(*, signal: Signal, by: User, version: int | None) -> Signal:
    """Close a signal once it has its answer: the buddy, the backup or a coordinator."""
    if not rules.may_close(by, signal):
        raise Refused(_("Only the buddy, the backup professional or a coordinator can close it."))
    locked = _locked(signal, version)
    if locked.status == SignalStatus.CLOSED:
        raise Refused(_("This signal is closed already."))
    if locked.status not in RESPONDED:
        raise Refused(_("A signal is closed after it has had its answer."))
    locked.status, locked.closed_at, locked.closed_by = SignalStatus.CLOSED, timezone.now(), by
    _save(locked, ["status", "closed_at", "closed_by"])
    _log(by, locked, AuditAction.CHANGE, "signal closed")
    return locked


# ---- covers ----


def _overlapping(covers, starts_on: dt.date, ends_on: dt.date):
    return covers.filter(ended_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on)


@transaction.atomic
def cover_record(
    *, backup: User, colleague: User, starts_on: dt.date, ends_on: dt.date, by: User
) -> Cover:
    """A colleague takes the signals of a backup professional who is away, from–until."""
    if not rules.may_record_cover_for(by, backup):
        raise Refused(_("Only the backup professional or their coordinator can record this."))
    if colleague.pk == backup.pk:
        raise Refused(_("Choose a colleague: someone else than who is away."))
    if not rules.backup_programmes(backup) & rules.backup_programmes(colleague):
        raise Refused(
            _("%(name)s is not a backup professional in the same programme.") % {"name": colleague}
        )
    if starts_on < today():
        raise Refused(_("A cover cannot start in the past."))
    if ends_on < starts_on:
        raise Refused(_("The end date must be on or after the start date."))
    if (ends_on - starts_on).days >= MAX_COVER_DAYS:
        raise Refused(_("A cover lasts at most six months."))
    # Locking the backup's covers makes a second cover for the same days wait for the first.
    list(Cover.objects.select_for_update().filter(backup=backup))
    if _overlapping(Cover.objects.filter(backup=backup), starts_on, ends_on).exists():
        raise Refused(
            _("%(name)s already has a colleague covering in these days.") % {"name": backup}
        )
    if _overlapping(Cover.objects.filter(backup=colleague), starts_on, ends_on).exists():
        raise Refused(_("%(name)s is away in these days too.") % {"name": colleague})
    if _overlapping(Cover.objects.filter(colleague=backup), starts_on, ends_on).exists():
        raise Refused(
            _("%(name)s covers for someone else in these days. Arrange that cover first.")
            % {"name": backup}
        )
    cover = Cover.objects.create(
        backup=backup, colleague=colleague, starts_on=starts_on, ends_on=ends_on, recorded_by=by
    )
    audit(
        actor=by,
        action=AuditAction.CREATE,
        detail=f"cover for {backup.get_username()} by {colleague.get_username()} "
        f"{starts_on:%Y-%m-%d}–{ends_on:%Y-%m-%d}",
        purpose="supervision",
    )
    return cover


@transaction.atomic
def cover_end(*, cover: Cover, by: User) -> Cover:
    """End a cover early (or call off one that has not started): the backup is back."""
    if by.pk not in (cover.backup_id, cover.colleague_id) and not rules.may_record_cover_for(
        by, cover.backup
    ):
        raise Refused(_("Only the two colleagues or their coordinator can end this cover."))
    locked = Cover.objects.select_for_update().get(pk=cover.pk)
    if locked.is_over:
        raise Refused(_("This cover is over already."))
    locked.ended_at, locked.ended_by = timezone.now(), by
    locked.save(update_fields=["ended_at", "ended_by"])
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        detail=f"cover for {cover.backup.get_username()} ended",
        purpose="supervision",
    )
    return locked


def crisis_guidance_save(
    *, programme: Programme, by: User, text: str, crisis_line: str, version: int | None
) -> CrisisGuidance:
    """Set what the programme's buddies read when safety is at stake; an empty text brings the
    shipped one back. The version the coordinator saw guards a colleague's change."""
    if not rules.may_set_crisis_guidance(by, programme):
        raise Refused(_("Only a coordinator of this programme can do this."))
    text = checked_text(text, MAX_GUIDANCE)
    crisis_line = checked_text(crisis_line, MAX_CRISIS_LINE)
    with transaction.atomic():
        row, created = CrisisGuidance.objects.get_or_create(programme=programme)
        locked = lock_at_version(
            CrisisGuidance.objects.all(),
            row.pk,
            None if created else version,
            _("Someone else changed the crisis guidance in the meantime. Look at it again."),
        )
        locked.save_next_version(text=text, crisis_line=crisis_line, updated_by=by)
    return locked
