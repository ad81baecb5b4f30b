"""Doorbraak cases: opening one (with the participant's consent), and keeping it up to date.

The rules:
- a professional opens a case: the coordinator, the household's backup professional or a
  Doorbraak professional, each as far as `access.policy` lets them see the household;
- only while the participant's consent for Doorbraak is in force: without it, a plain refusal;
- a case opened from a signal marks that signal "escalated to Doorbraak", in one transaction;
- a case is solved with a solution and who decided it; the lead time is opened → solved;
- the lesson for policy is the only free text the learning register shows, so it is refused
  when it names someone of the household;
- every edit carries the version the user saw: a stale version is refused.
"""

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.models import lock_at_version
from kansrijk.core.text import checked_text
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.models import Household, User
from kansrijk.trajectories import counts
from kansrijk.trajectories.models import Trajectory

from . import rules, services
from .choices import WAITING, TagKind
from .models import BarrierTag, DoorbraakCase, Signal

MAX_TEXT = 2000
MAX_LESSON = 600
MAX_DECIDED_BY = 150
MAX_COSTS = Decimal("1000000")
# Names shorter than this ("Al", "Bo") are too likely to be part of an ordinary word.
SHORTEST_NAME = 3


def _check_tags(household: Household, tags: list[BarrierTag], kind: TagKind) -> None:
    for tag in tags:
        wrong_programme = tag.programme_id not in (None, household.programme_id)
        if tag.kind != kind or not tag.active or wrong_programme:
            raise Refused(_("Choose the tags from the list."))


def _check_domains(household: Household, codes: list[str]) -> list[str]:
    known = [d.code for d in framework_for(household.programme).domains.all()]
    unknown = set(codes) - set(known)
    if unknown:
        raise Refused(_("Choose the life domains from the list."))
    return [code for code in known if code in codes]


def names_in(household: Household) -> list[str]:
    """The household's name and its members' names: what a lesson for policy must not hold."""
    names = set(household.display_name.split())
    for given, family in household.members.values_list("given_name", "family_name"):
        names.update(given.split())
        names.update(family.split())
    return sorted(n for n in names if len(n) >= SHORTEST_NAME)


def _check_lesson(household: Household, lesson: str) -> str:
    lesson = checked_text(lesson, MAX_LESSON)
    for name in names_in(household):
        if re.search(rf"\b{re.escape(name)}\b", lesson, flags=re.IGNORECASE):
            raise Refused(
                _(
                    "The lesson for policy is read without the file: write it without names "
                    "of the household (it says “%(name)s”)."
                )
                % {"name": name}
            )
    return lesson


def _check_day(trajectory: Trajectory, day: dt.date, what: str) -> None:
    if day > today():
        raise Refused(_("%(what)s cannot be in the future.") % {"what": what})
    if day < trajectory.referred_on:
        raise Refused(_("%(what)s cannot be before the referral.") % {"what": what})


def _log(by: User, trajectory: Trajectory, action: AuditAction, detail: str) -> None:
    role = policy.acting_role(by, trajectory.household, trajectory)
    audit_change(by=by, action=action, household=trajectory.household, detail=detail, role=role)


@transaction.atomic
def case_open(
    *,
    trajectory: Trajectory,
    by: User,
    barrier: str,
    blocking_rule: str = "",
    barrier_types: Sequence[BarrierTag] = (),
    agencies: Sequence[BarrierTag] = (),
    opened_on: dt.date | None = None,
    signal: Signal | None = None,
    signal_version: int | None = None,
) -> DoorbraakCase:
    """Open a Doorbraak case for a household; from a signal, that signal is escalated."""
    household = trajectory.household
    if not rules.may_open_case(by, trajectory):
        raise Refused(
            _("A Doorbraak case is opened by a professional during the year or aftercare.")
        )
    if not policy.doorbraak_consent_in_force(household):
        raise Refused(
            _(
                "The participant has not given consent for Doorbraak professionals to see "
                "the file. Ask the participant first; the buddy or coordinator records the "
                "consent on the consent page."
            )
        )
    opened_on = opened_on or today()
    _check_day(trajectory, opened_on, _("The day the case was opened"))
    barrier = checked_text(barrier, MAX_TEXT, _("Write the barrier in plain words."))
    blocking_rule = checked_text(blocking_rule, MAX_TEXT)
    _check_tags(household, list(barrier_types), TagKind.BARRIER)
    _check_tags(household, list(agencies), TagKind.AGENCY)
    if signal is not None:
        if signal.trajectory_id != trajectory.pk:
            raise Refused(_("This signal is about another household."))
        if signal.status not in WAITING:
            raise Refused(_("This signal has had its answer already."))
        if DoorbraakCase.objects.filter(signal=signal).exists():
            raise Refused(_("A Doorbraak case was opened from this signal already."))
        signal.trajectory = trajectory
        signal = services.signal_escalate(signal=signal, by=by, version=signal_version)
    case = DoorbraakCase.objects.create(
        trajectory=trajectory,
        signal=signal,
        barrier=barrier,
        blocking_rule=blocking_rule,
        opened_on=opened_on,
        opened_by=by,
        changed_by=by,
    )
    case.barrier_types.set(barrier_types)
    case.agencies.set(agencies)
    case.trajectory = trajectory
    counts.figures_changed(trajectory.programme_id)
    _log(
        by, trajectory, AuditAction.CREATE, "doorbraak case" + (" from a signal" if signal else "")
    )
    return case


@transaction.atomic
def case_update(
    *,
    case: DoorbraakCase,
    by: User,
    version: int | None,
    barrier: str,
    blocking_rule: str = "",
    barrier_types: Sequence[BarrierTag] = (),
    agencies: Sequence[BarrierTag] = (),
    solution: str = "",
    decided_by: str = "",
    costs: Decimal | None = None,
    opened_on: dt.date,
    solved_on: dt.date | None = None,
    freed_domains: Sequence[str] = (),
    lesson: str = "",
) -> DoorbraakCase:
    """Keep a case up to date: the solution, who decided it, costs, solved date, the lesson."""
    trajectory = case.trajectory
    household = trajectory.household
    if not rules.may_edit_case(by, case):
        raise Refused(_("Only a coordinator, the backup or a Doorbraak professional can do this."))
    locked = lock_at_version(
        DoorbraakCase.objects,
        case.pk,
        version,
        _("Someone else saved this case in the meantime. Look at it again and then try once more."),
    )
    values = {
        "barrier": checked_text(barrier, MAX_TEXT, _("Write the barrier in plain words.")),
        "blocking_rule": checked_text(blocking_rule, MAX_TEXT),
        "solution": checked_text(solution, MAX_TEXT),
        "decided_by": checked_text(decided_by, MAX_DECIDED_BY),
        "costs": costs,
        "opened_on": opened_on,
        "solved_on": solved_on,
        "freed_domains": _check_domains(household, list(freed_domains)),
        "lesson": _check_lesson(household, lesson),
    }
    _check_day(trajectory, opened_on, _("The day the case was opened"))
    if costs is not None and not Decimal(0) <= costs < MAX_COSTS:
        raise Refused(_("Fill in the costs in euros: zero or more, below a million."))
    if solved_on is not None:
        _check_day(trajectory, solved_on, _("The day it was solved"))
        if solved_on < opened_on:
            raise Refused(_("A case is solved on or after the day it was opened."))
        if not values["solution"] or not values["decided_by"]:
            raise Refused(_("A solved case says what the solution is and who decided it."))
    _check_tags(household, list(barrier_types), TagKind.BARRIER)
    _check_tags(household, list(agencies), TagKind.AGENCY)
    locked.save_next_version(**values, changed_by=by)
    locked.barrier_types.set(barrier_types)
    locked.agencies.set(agencies)
    locked.trajectory = trajectory
    counts.figures_changed(trajectory.programme_id)
    solved = solved_on is not None and case.solved_on is None
    _log(
        by, trajectory, AuditAction.CHANGE, "doorbraak case solved" if solved else "doorbraak case"
    )
    return locked
