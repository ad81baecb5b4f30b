"""The rules of a plan that every change checks: who may change it, and what input is sound.

`services.py` applies them; views and templates ask `may_edit_plan`, `is_participant_of` and
`may_tick` (the `{% may_tick %}` tag) to decide which buttons to show.
"""

import datetime as dt

from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.core.dates import add_months, today
from kansrijk.core.errors import Refused
from kansrijk.core.phases import COACHING_PHASES
from kansrijk.frameworks.models import Domain
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.models import User
from kansrijk.trajectories.models import Trajectory

from .models import Action

PARTICIPANT = "participant"
# Goals and actions are small steps: further ahead than this is a typo or not small.
MAX_MONTHS_AHEAD = 18
MAX_GOAL = 500
MAX_ACTION = 300
MAX_NOTE = 1000
MAX_REASON = 500
MAX_ORGANISATION_NAME = 100

# ---- who may ----


def may_edit_plan(user: User, trajectory: Trajectory) -> bool:
    """Buddy and coordinator of a coached household; its backup when consent covers the plan."""
    return policy.may_coach(user, trajectory) and policy.may_see(user, trajectory, Content.PLAN)


def is_participant_of(user: User, trajectory: Trajectory) -> bool:
    """The participant of this household, during its active year or aftercare."""
    if trajectory.phase not in COACHING_PHASES:
        return False
    own = policy.own_household(user)
    return own is not None and own.pk == trajectory.household_id


def may_tick(action: Action, *, edits_plan: bool, writes_as_participant: bool) -> bool:
    """Whether a step shows its tick (or undo) button: to the plan's editors on every open goal;
    to the participant, in her portal, on her own steps not done yet (she cannot undo a tick).

    `edits_plan` and `writes_as_participant` are `may_edit_plan` and `is_participant_of`,
    asked once per page rather than once per step.
    """
    if action.goal.is_closed:
        return False
    if edits_plan:
        return True
    return writes_as_participant and action.is_participants_own and not action.is_done


def editor_role(by: User, trajectory: Trajectory) -> str:
    """The role in which `by` changes this plan (for the audit log); refused for anyone else."""
    if not may_edit_plan(by, trajectory):
        raise Refused(_("The plan is changed during the active year and aftercare only."))
    return policy.acting_role(by, trajectory.household, trajectory)


def editor_or_participant_role(by: User, trajectory: Trajectory) -> str:
    """As `editor_role`, or "participant" for the household's own participant."""
    if may_edit_plan(by, trajectory):
        return policy.acting_role(by, trajectory.household, trajectory)
    if is_participant_of(by, trajectory):
        return PARTICIPANT
    raise Refused(_("The plan is changed during the active year and aftercare only."))


# ---- checks on input ----


def check_day(trajectory: Trajectory, day: dt.date, early: str, late: str) -> None:
    """Refuse a day before the active year began, or further ahead than MAX_MONTHS_AHEAD."""
    if trajectory.matched_on and day < trajectory.matched_on:
        raise Refused(early)
    if day > add_months(today(), MAX_MONTHS_AHEAD):
        raise Refused(late)


def check_target(trajectory: Trajectory, target_on: dt.date) -> None:
    check_day(
        trajectory,
        target_on,
        _("The target date cannot be before the start of the active year."),
        _("Choose a target date within a year and a half: small goals are close by."),
    )


def check_domain(trajectory: Trajectory, domain: Domain, keep: Domain | None = None) -> None:
    """A new goal gets a domain of the programme's framework; an old one may keep its own."""
    if keep is not None and domain.pk == keep.pk:
        return
    if domain.framework_id != framework_for(trajectory.household.programme).pk:
        raise Refused(_("Choose one of the life domains of this programme."))
