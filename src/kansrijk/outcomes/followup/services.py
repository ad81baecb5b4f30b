"""Recording a follow-up after closure. Each write checks who may, and says why it refuses.

The rules:
- only a closed trajectory (not a drop-out) is followed up, at 6 and at 12 months after it
  ended, and only once that moment is due;
- each moment is recorded once: the trajectory's row is locked while checking, and a
  constraint refuses a second row should two arrive at once;
- every outcome of the trajectory gets an answer (still holds, no longer holds, not reachable),
  unless the household as a whole could not be reached: then every answer is "not reachable";
- the coordinator records it, or the participant herself in her portal (she cannot say she was
  not reachable); the optional note is stored encrypted.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.access.audit import PARTICIPANT_IN_CONTROL, PARTICIPANT_IN_THE_LOG, audit_change
from kansrijk.access.models import AuditAction
from kansrijk.core.dates import long_date, today
from kansrijk.core.errors import Refused
from kansrijk.core.text import checked_text
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

from .. import rules
from .choices import Answer, Moment, RecordedBy
from .models import FollowUp, FollowUpAnswer
from .selectors import due_on

MAX_NOTE = 1000


def _already() -> Refused:
    return Refused(_("This follow-up was already recorded. It is shown on the household's page."))


def _check(trajectory: Trajectory, moment: int) -> None:
    if moment not in Moment.values:
        raise Refused(_("Choose 6 or 12 months after closure."))
    if trajectory.phase != Phase.CLOSED:
        raise Refused(_("Only a closed trajectory is followed up."))
    day = due_on(trajectory, moment)
    if day is None or day > today():
        raise Refused(
            _("This follow-up is due on %(date)s, not before.")
            % {"date": long_date(day) if day else "—"}
        )


def follow_up_record(
    *,
    trajectory: Trajectory,
    by: User,
    moment: int,
    answers: dict[int, str],
    reachable: bool = True,
    note: str = "",
    as_participant: bool = False,
) -> FollowUp:
    """Record whether each outcome of a closed trajectory still holds `moment` months on.

    `answers`: outcome id → `Answer`. With `reachable=False` the answers are left out and every
    outcome is "not reachable". `as_participant`: she answers herself, in her portal."""
    if as_participant:
        if not rules.answers_own_follow_up(by, trajectory):
            raise Refused(pgettext("participant", "You can only answer for your own household."))
        if not reachable:
            raise Refused(pgettext("participant", "Answer the questions, please."))
    elif not rules.may_record_follow_up(by, trajectory.household):
        raise Refused(_("Only a coordinator of this programme can do this."))
    _check(trajectory, moment)
    note = checked_text(note, MAX_NOTE)
    with transaction.atomic():
        locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
        if FollowUp.objects.filter(trajectory=locked, moment=moment).exists():
            raise _already()
        outcomes = list(locked.outcomes.order_by("pk"))
        if not outcomes:
            raise Refused(_("This household has no outcomes to follow up."))
        given = _answers(outcomes, answers, reachable, as_participant)
        try:
            with transaction.atomic():
                follow_up = FollowUp.objects.create(
                    trajectory=locked,
                    moment=moment,
                    reachable=reachable,
                    note=note,
                    recorded_by=by,
                    recorded_as=RecordedBy.PARTICIPANT
                    if as_participant
                    else RecordedBy.COORDINATOR,
                )
        except IntegrityError:
            raise _already() from None
        FollowUpAnswer.objects.bulk_create(
            FollowUpAnswer(follow_up=follow_up, outcome_id=pk, answer=answer, moment=moment)
            for pk, answer in given.items()
        )
        counts.figures_changed(locked.programme_id)
        audit_change(
            by=by,
            action=AuditAction.CREATE,
            household=trajectory.household,
            detail=f"follow-up {moment}",
            role=PARTICIPANT_IN_THE_LOG if as_participant else Role.COORDINATOR,
            purpose=PARTICIPANT_IN_CONTROL if as_participant else "journey",
        )
    return follow_up


def _answers(outcomes, answers: dict[int, str], reachable: bool, participant: bool) -> dict:
    if not reachable:
        return {o.pk: Answer.UNREACHABLE for o in outcomes}
    allowed = [Answer.HOLDS, Answer.LOST] if participant else Answer.values
    unknown = set(answers) - {o.pk for o in outcomes}
    if unknown:
        raise Refused(_("Answer only about the outcomes of this household."))
    for outcome in outcomes:
        if answers.get(outcome.pk) not in allowed:
            if participant:
                raise Refused(pgettext("participant", "Answer each question, please."))
            raise Refused(
                _(
                    "Say for each outcome whether it still holds, or that the household was not reachable."
                )
            )
    return {o.pk: answers[o.pk] for o in outcomes}
