"""Giving an evaluation: by the participant in her portal, or typed in from paper.

The rules:
- a journey is evaluated once: a second evaluation is refused, also when two arrive at the
  same moment (the database's unique link decides, and the loser gets the same refusal);
- only invited journeys (finished, or stopped during the year), while the invitation is open;
- the participant gives her own (her portal account's household); the programme's coordinator
  types in a paper form, with the date written on it (not in the future, not before the year began: it may be
  filled in at the last visit);
- the mark is 1 to 10 and required; the other answers are optional; words are encrypted.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.access.audit import PARTICIPANT_IN_CONTROL, PARTICIPANT_IN_THE_LOG, audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.text import checked_text
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories import counts
from kansrijk.trajectories.models import Trajectory

from . import rules, selectors
from .choices import MARKS, Bond, EnteredBy
from .models import Evaluation

MAX_ANSWER = 2000


@dataclass(frozen=True)
class Answers:
    """What the participant answered; only the mark is required."""

    mark: int | None
    helped: str = ""
    bond: str = ""
    bond_words: str = ""
    improve: str = ""

    def checked(self) -> dict:
        if self.mark is None or isinstance(self.mark, bool) or self.mark not in MARKS:
            raise Refused(pgettext("participant", "Choose a mark from 1 to 10."))
        if self.bond and self.bond not in Bond.values:
            raise Refused(pgettext("participant", "Choose one of the answers given."))
        return {
            "mark": self.mark,
            "helped": checked_text(self.helped, MAX_ANSWER),
            "bond": self.bond,
            "bond_words": checked_text(self.bond_words, MAX_ANSWER),
            "improve": checked_text(self.improve, MAX_ANSWER),
        }


def _check_open(trajectory: Trajectory) -> None:
    if Evaluation.objects.filter(trajectory=trajectory).exists():
        raise Refused(pgettext("participant", "This evaluation was already given. Thank you!"))
    if not selectors.is_open(trajectory):
        raise Refused(pgettext("participant", "There is no evaluation to fill in now."))


def _create(trajectory: Trajectory, by: User, fields: dict) -> Evaluation:
    """Create it, or refuse when another arrived first (the unique link on the trajectory)."""
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(trajectory=trajectory, entered_by=by, **fields)
            counts.figures_changed(trajectory.programme_id)
            return evaluation
    except IntegrityError:
        raise Refused(
            pgettext("participant", "This evaluation was already given. Thank you!")
        ) from None


def evaluation_give(*, trajectory: Trajectory, by: User, answers: Answers) -> Evaluation:
    """The participant gives her own evaluation in her portal."""
    if not rules.gives_own(by, trajectory.household):
        raise Refused(_("Only the participant gives her evaluation in the portal."))
    fields = answers.checked()
    with transaction.atomic():
        _check_open(trajectory)
        evaluation = _create(trajectory, by, {**fields, "entered": EnteredBy.PARTICIPANT})
        audit_change(
            by=by,
            action=AuditAction.CREATE,
            household=trajectory.household,
            detail="evaluation",
            role=PARTICIPANT_IN_THE_LOG,
            purpose=PARTICIPANT_IN_CONTROL,
        )
    return evaluation


def evaluation_enter_paper(
    *, trajectory: Trajectory, by: User, answers: Answers, paper_dated: dt.date
) -> Evaluation:
    """The coordinator types in the evaluation the participant filled in on paper."""
    if not rules.may_enter_paper(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can do this."))
    fields = answers.checked()
    if paper_dated > today():
        raise Refused(_("The date on the paper form cannot be in the future."))
    if paper_dated < (trajectory.matched_on or trajectory.referred_on):
        raise Refused(_("The paper form cannot be dated before the year began."))
    with transaction.atomic():
        _check_open(trajectory)
        evaluation = _create(
            trajectory, by, {**fields, "entered": EnteredBy.PAPER, "paper_dated": paper_dated}
        )
        audit_change(
            by=by,
            action=AuditAction.CREATE,
            household=trajectory.household,
            detail="evaluation from paper",
            role=Role.COORDINATOR,
            purpose="journey",
        )
    return evaluation
