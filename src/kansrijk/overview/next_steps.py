"""Which next steps a user may take on a household page, the most likely one first."""

from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.core.dates import today
from kansrijk.escalation.rules import may_raise
from kansrijk.people.models import User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.rules import may_extend, may_start_aftercare, may_start_year
from kansrijk.trajectories.services import ALLOWED_MOVES, year_nearly_over

# The way to extend the year or the aftercare is offered when it ends within this many days
# (the page itself is there all along, for the coordinator).
EXTEND_OFFERED_DAYS = 62


def _ends_within(trajectory: Trajectory, days: int) -> bool:
    ends_on = (
        trajectory.active_year_ends_on
        if trajectory.phase == Phase.ACTIVE
        else trajectory.aftercare_ends_on
    )
    return ends_on is not None and (ends_on - today()).days <= days


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str
    style: str = "secondary"  # primary | secondary | danger


def _url(name: str, trajectory: Trajectory) -> str:
    return reverse(name, args=[trajectory.household.uuid])


def next_steps(user: User, trajectory: Trajectory, due_now: bool) -> list[NextStep]:
    """The buttons on a household page; the first is the one obvious next step."""
    household = trajectory.household
    manages = policy.may_manage(user, household)
    phase = trajectory.phase
    steps: list[NextStep] = []
    if manages and phase == Phase.REFERRED:
        steps.append(NextStep(_("Start the intake"), _url("start_intake", trajectory), "primary"))
    if manages and phase == Phase.INTAKE:
        steps.append(NextStep(_("Do the intake"), _url("intake", trajectory), "primary"))
    if manages and phase in (Phase.REFERRED, Phase.INTAKE):
        # Heard early, written down early: the referral often says what kind of buddy fits.
        steps.append(NextStep(_("Wishes for a buddy"), _url("match_wishes", trajectory)))
    if manages and phase == Phase.MATCHING:
        steps.append(NextStep(_("Find a buddy"), _url("match", trajectory), "primary"))
    if may_start_year(user, trajectory):
        steps.append(NextStep(_("Start the year"), _url("start_year", trajectory), "primary"))
    if policy.may_coach(user, trajectory):
        contact = NextStep(_("Log a contact"), _url("log_contact", trajectory))
        assess = NextStep(_("Record an assessment"), _url("record_assessment", trajectory))
        if not policy.may_see(user, trajectory, Content.ASSESSMENT_SCORES):
            steps.append(replace(contact, style="primary"))
        else:
            # When an assessment is due, that is the next step; otherwise the weekly contact is.
            first, second = (assess, contact) if due_now else (contact, assess)
            steps += [replace(first, style="primary"), second]
    if may_raise(user, trajectory):
        steps.append(NextStep(_("Raise a signal"), _url("signal_raise", trajectory)))
    year_over = phase == Phase.AFTERCARE or (
        phase == Phase.ACTIVE and year_nearly_over(trajectory, today())
    )
    if phase == Phase.ACTIVE and year_over and may_start_aftercare(user, trajectory):
        steps.append(NextStep(_("Start the aftercare"), _url("start_aftercare", trajectory)))
    if manages and year_over and Phase.CLOSED in ALLOWED_MOVES[phase]:
        steps.append(NextStep(_("Close the trajectory"), _url("close", trajectory)))
    if may_extend(user, trajectory) and _ends_within(trajectory, EXTEND_OFFERED_DAYS):
        label = _("Extend the year") if phase == Phase.ACTIVE else _("Extend the aftercare")
        steps.append(NextStep(label, _url("extend", trajectory)))
    if manages:
        steps.append(NextStep(_("Export the file"), _url("rights", trajectory)))
    if manages and trajectory.is_open:
        steps.append(NextStep(_("Transfer to another area"), _url("transfer_request", trajectory)))
        steps.append(NextStep(_("Record a drop-out"), _url("drop_out", trajectory), "danger"))
    return steps
