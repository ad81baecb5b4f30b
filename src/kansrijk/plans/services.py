"""Changes to a goal-action plan. Each is one function; each checks who may do it.

The rules:
- the plan changes during the active year and aftercare, by the household's buddy, the
  programme's coordinator, and the backup professional when the participant's consent covers
  the plan; the participant adds notes and small successes and ticks off their own actions;
- achieved and dropped goals are closed: no edits, no new actions or notes;
- adjusting a goal keeps its earlier words as a note, and adjusting or dropping needs a reason;
- every edit carries the version the user saw: the row is locked and a stale version refused
  (`Overtaken` holds what the other person saved), so nobody silently overwrites anyone.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.audit import PARTICIPANT_IN_CONTROL, audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.core.text import checked_text
from kansrijk.frameworks.models import Domain
from kansrijk.people.choices import Role
from kansrijk.people.models import Organisation, User
from kansrijk.trajectories.models import Trajectory

from .choices import NEEDS_REASON, PARTICIPANTS_OWN, ActionBy, GoalStatus, ProposalStatus, WrittenBy
from .models import Action, Goal, GoalProposal, ProgressNote
from .rules import (
    MAX_ACTION,
    MAX_GOAL,
    MAX_NOTE,
    MAX_ORGANISATION_NAME,
    MAX_REASON,
    PARTICIPANT,
    check_day,
    check_domain,
    check_target,
    editor_or_participant_role,
    editor_role,
    is_participant_of,
)

_WRITER = {
    Role.BUDDY: WrittenBy.BUDDY,
    Role.BACKUP: WrittenBy.BACKUP,
    Role.COORDINATOR: WrittenBy.COORDINATOR,
}


def _log(by: User, role: str, action: AuditAction, trajectory: Trajectory, detail: str) -> None:
    purpose = PARTICIPANT_IN_CONTROL if role == PARTICIPANT else "coaching"
    audit_change(
        by=by,
        action=action,
        household=trajectory.household,
        detail=detail,
        role=role,
        purpose=purpose,
    )


def _lock_goal(goal: Goal, version: int | None) -> Goal:
    """Lock the goal for this write; refuse if it changed since the user saw `version`."""
    return lock_at_version(
        Goal.objects.select_related("domain", "changed_by"),
        goal.pk,
        version,
        _(
            "Someone else changed this goal while you were writing. Their version is "
            "shown below, next to yours: nothing of yours is lost. Check both, then save "
            "again."
        ),
    )


def _save_goal(locked: Goal, by: User, **fields) -> None:
    """Write these fields of a locked goal, with its next version and who changed it."""
    locked.save_next_version(**fields, changed_by=by)


def _open_goal(goal: Goal) -> None:
    if goal.is_closed:
        raise Refused(
            _("This goal is %(status)s: it is closed. Make a new goal instead.")
            % {"status": goal.get_status_display()}
        )


# ---- goals ----


def goal_create(
    *,
    trajectory: Trajectory,
    by: User,
    domain: Domain,
    text: str,
    target_on: dt.date,
    basic_calm: bool = False,
    in_own_words: bool = True,
) -> Goal:
    """A new small goal in a life domain, in the participant's words where they said it."""
    role = editor_role(by, trajectory)
    text = checked_text(text, MAX_GOAL, _("Write the goal in a few words."))
    check_domain(trajectory, domain)
    check_target(trajectory, target_on)
    with transaction.atomic():
        goal = Goal.objects.create(
            trajectory=trajectory,
            domain=domain,
            text=text,
            written_by=WrittenBy.PARTICIPANT if in_own_words else _WRITER[Role(role)],
            basic_calm=basic_calm,
            target_on=target_on,
            created_by=by,
            changed_by=by,
        )
        _log(by, role, AuditAction.CREATE, trajectory, "goal")
    return goal


def goal_edit(
    *,
    goal: Goal,
    by: User,
    version: int | None,
    domain: Domain,
    text: str,
    target_on: dt.date,
    basic_calm: bool,
    in_own_words: bool,
) -> Goal:
    """Correct an open goal's words, domain, date or calm-at-the-base mark."""
    trajectory = goal.trajectory
    role = editor_role(by, trajectory)
    text = checked_text(text, MAX_GOAL, _("Write the goal in a few words."))
    with transaction.atomic():
        locked = _lock_goal(goal, version)
        _open_goal(locked)
        check_domain(trajectory, domain, keep=locked.domain)
        if target_on != locked.target_on:
            check_target(trajectory, target_on)
        if in_own_words:
            written_by = WrittenBy.PARTICIPANT
        elif locked.written_by == WrittenBy.PARTICIPANT:
            written_by = _WRITER[Role(role)]
        else:
            written_by = WrittenBy(locked.written_by)
        _save_goal(
            locked,
            by,
            domain=domain,
            text=text,
            target_on=target_on,
            basic_calm=basic_calm,
            written_by=written_by,
        )
        _log(by, role, AuditAction.CHANGE, trajectory, "goal")
    return locked


def goal_set_status(
    *,
    goal: Goal,
    by: User,
    version: int | None,
    status: GoalStatus,
    reason: str = "",
    new_text: str = "",
    new_target_on: dt.date | None = None,
) -> Goal:
    """Mark a goal achieved, adjusted (new words, the old ones kept as a note) or dropped.

    Adjusting and dropping need a reason. Every change leaves a note on the goal, and reaching
    a goal is a small success in itself.
    """
    trajectory = goal.trajectory
    role = editor_role(by, trajectory)
    if status not in (GoalStatus.ACHIEVED, GoalStatus.ADJUSTED, GoalStatus.DROPPED):
        raise Refused(_("Choose what happened to the goal."))
    reason = (reason or "").strip()
    if status in NEEDS_REASON:
        reason = checked_text(reason, MAX_REASON, _("Say in a few words why."))
    elif len(reason) > MAX_REASON:
        reason = checked_text(reason, MAX_REASON)
    with transaction.atomic():
        locked = _lock_goal(goal, version)
        _open_goal(locked)
        note = ProgressNote(
            goal=locked,
            text=reason,
            status_change=status,
            author=by,
            written_on=today(),
            is_success=status == GoalStatus.ACHIEVED,
        )
        fields = {"status": status, "status_reason": reason, "status_changed_on": today()}
        if status == GoalStatus.ADJUSTED:
            new_text = checked_text(new_text, MAX_GOAL, _("Write the adjusted goal."))
            new_target_on = new_target_on or locked.target_on
            if new_text == locked.text and new_target_on == locked.target_on:
                raise Refused(_("Nothing changed: write the adjusted goal or choose a new date."))
            if new_target_on != locked.target_on:
                check_target(trajectory, new_target_on)
            note.previous_text = locked.text
            fields.update(text=new_text, target_on=new_target_on)
        _save_goal(locked, by, **fields)
        note.save()
        _log(by, role, AuditAction.CHANGE, trajectory, f"goal {status}")
    return locked


# ---- actions ----


def action_add(
    *,
    goal: Goal,
    by: User,
    who: ActionBy,
    what: str,
    due_on: dt.date,
    organisation: Organisation | None = None,
    organisation_name: str = "",
) -> Action:
    """Who does what by when, for an open goal."""
    trajectory = goal.trajectory
    role = editor_role(by, trajectory)
    if who not in ActionBy.values:
        raise Refused(_("Choose who does it."))
    what = checked_text(what, MAX_ACTION, _("Write what will be done."))
    organisation_name = (organisation_name or "").strip()
    if who == ActionBy.ORGANISATION:
        if organisation is None and not organisation_name:
            raise Refused(_("Choose the organisation or write its name."))
        if len(organisation_name) > MAX_ORGANISATION_NAME:
            raise Refused(_("Write the organisation's name in at most 100 characters."))
        if organisation is not None:
            organisation_name = ""
    else:
        organisation, organisation_name = None, ""
    check_day(
        trajectory,
        due_on,
        _("The date cannot be before the start of the active year."),
        _("Choose a date within a year and a half: a step is close by."),
    )
    with transaction.atomic():
        locked = _lock_goal(goal, None)
        if locked.is_closed:
            raise Refused(_("This goal is closed: it takes no new steps. Make a new goal."))
        action = Action.objects.create(
            goal=locked,
            who=who,
            organisation=organisation,
            organisation_name=organisation_name,
            what=what,
            due_on=due_on,
            created_by=by,
        )
        _log(by, role, AuditAction.CREATE, trajectory, "action")
    return action


def action_set_done(*, action: Action, by: User, version: int | None, done: bool = True) -> Action:
    """Tick an action off (or undo that). The participant ticks off their own actions only."""
    trajectory = action.goal.trajectory
    role = editor_or_participant_role(by, trajectory)
    if role == PARTICIPANT and (action.who not in PARTICIPANTS_OWN or not done):
        raise Refused(_("Ask your buddy to change this step."))
    with transaction.atomic():
        locked = lock_at_version(
            Action.objects.select_related("goal", "done_by"),
            action.pk,
            version,
            _("Someone else changed this step just now. This is how it stands."),
        )
        if locked.goal.is_closed:
            raise Refused(_("This goal is closed: its steps stay as they are."))
        if locked.is_done == done:
            return locked
        done_on, done_by = (today(), by) if done else (None, None)
        locked.save_next_version(done_on=done_on, done_by=done_by)
        _log(by, role, AuditAction.CHANGE, trajectory, "action done" if done else "action undone")
    return locked


# ---- progress and small successes ----


def note_add(
    *,
    goal: Goal,
    by: User,
    text: str,
    is_success: bool = False,
    by_participant: bool = False,
) -> ProgressNote:
    """How it is going, or a small success. What the participant writes is marked as theirs."""
    trajectory = goal.trajectory
    role = editor_or_participant_role(by, trajectory)
    text = checked_text(text, MAX_NOTE, _("Write how it is going."))
    with transaction.atomic():
        locked = _lock_goal(goal, None)
        if locked.is_closed:
            raise Refused(_("This goal is closed: it takes no new notes."))
        note = ProgressNote.objects.create(
            goal=locked,
            text=text,
            is_success=is_success,
            by_participant=by_participant or role == PARTICIPANT,
            author=by,
            written_on=today(),
        )
        _log(by, role, AuditAction.CREATE, trajectory, "success" if is_success else "note")
    return note


def note_celebrate(*, note: ProgressNote, by: User) -> ProgressNote:
    """Celebrate a small success: it is shown highlighted, on the plan and to the participant."""
    trajectory = note.goal.trajectory
    role = editor_role(by, trajectory)
    if not note.is_success:
        raise Refused(_("Only a small success can be celebrated."))
    with transaction.atomic():
        # Celebrated once: a second click (or a second person) changes nothing.
        updated = ProgressNote.objects.filter(pk=note.pk, celebrated_at__isnull=True).update(
            celebrated_at=timezone.now(), celebrated_by=by
        )
        if updated:
            _log(by, role, AuditAction.CHANGE, trajectory, "success celebrated")
    note.refresh_from_db()
    return note


# ---- goals the participant proposes in her portal ----


def _lock_proposal(proposal: GoalProposal, version: int | None) -> GoalProposal:
    locked = lock_at_version(
        GoalProposal.objects.all(),
        proposal.pk,
        version,
        _("Someone else answered this proposal a moment ago. Look at what they chose."),
    )
    if not locked.is_open:
        raise Refused(_("This proposal is in the plan already."))
    return locked


def proposal_create(
    *, trajectory: Trajectory, by: User, text: str, domain: Domain | None = None
) -> GoalProposal:
    """The participant proposes a goal in her own words; her buddy sees it and answers."""
    if not is_participant_of(by, trajectory):
        raise Refused(_("You can propose a goal during your year and the aftercare."))
    text = checked_text(text, MAX_GOAL, _("Write your goal in a few words."))
    if domain is not None:
        check_domain(trajectory, domain)
    with transaction.atomic():
        proposal = GoalProposal.objects.create(
            trajectory=trajectory, text=text, domain=domain, proposed_by=by
        )
        _log(by, PARTICIPANT, AuditAction.CREATE, trajectory, "goal proposal")
    return proposal


def proposal_take(
    *,
    proposal: GoalProposal,
    by: User,
    version: int | None,
    domain: Domain,
    target_on: dt.date,
    basic_calm: bool = False,
) -> Goal:
    """Take her proposal into the plan: a goal in her own words, which she then sees there."""
    trajectory = proposal.trajectory
    role = editor_role(by, trajectory)
    with transaction.atomic():
        locked = _lock_proposal(proposal, version)
        goal = goal_create(
            trajectory=trajectory,
            by=by,
            domain=domain,
            text=locked.text,
            target_on=target_on,
            basic_calm=basic_calm,
            in_own_words=True,
        )
        locked.save_next_version(
            status=ProposalStatus.TAKEN, goal=goal, decided_by=by, decided_at=timezone.now()
        )
        _log(by, role, AuditAction.CHANGE, trajectory, "goal proposal taken")
    return goal


def proposal_discuss(*, proposal: GoalProposal, by: User, version: int | None) -> GoalProposal:
    """Not into the plan yet: the buddy talks it over with her first. She sees that answer;
    it can still be taken into the plan afterwards."""
    trajectory = proposal.trajectory
    role = editor_role(by, trajectory)
    with transaction.atomic():
        locked = _lock_proposal(proposal, version)
        if locked.status == ProposalStatus.DISCUSSED:
            raise Refused(_("This proposal is already marked to talk about first."))
        locked.save_next_version(
            status=ProposalStatus.DISCUSSED, decided_by=by, decided_at=timezone.now()
        )
        _log(by, role, AuditAction.CHANGE, trajectory, "goal proposal discussed")
    return locked
