import datetime as dt

import pytest

from kansrijk.access.models import AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.evaluations import services
from kansrijk.evaluations.choices import Bond, EnteredBy
from kansrijk.evaluations.models import Evaluation
from kansrijk.evaluations.services import Answers
from kansrijk.trajectories.choices import Phase
from tests.encryption import assert_encrypted_at_rest

pytestmark = pytest.mark.django_db


def _give(trajectory, by, **answers):
    answers.setdefault("mark", 8)
    return services.evaluation_give(trajectory=trajectory, by=by, answers=Answers(**answers))


def test_the_participant_gives_her_evaluation(closed, participant):
    evaluation = _give(
        closed,
        participant,
        mark=9,
        helped="Iemand naast me",
        bond=Bond.VERY_GOOD,
        bond_words="Ze snapte mij",
        improve="Eerder een buddy",
    )

    evaluation.refresh_from_db()
    assert evaluation.mark == 9
    assert evaluation.entered == EnteredBy.PARTICIPANT
    assert evaluation.entered_by == participant
    assert evaluation.paper_dated is None
    assert evaluation.helped == "Iemand naast me"
    assert AuditEntry.objects.filter(
        household=closed.household, actor=participant, detail="evaluation"
    ).exists()


def test_the_words_are_stored_encrypted(closed, participant):
    evaluation = _give(closed, participant, helped="Rust", bond_words="Fijn", improve="Eerder")

    assert_encrypted_at_rest(evaluation, "helped", "Rust")
    assert_encrypted_at_rest(evaluation, "bond_words", "Fijn")
    assert_encrypted_at_rest(evaluation, "improve", "Eerder")


def test_only_the_mark_is_required(closed, participant):
    evaluation = _give(closed, participant, mark=7)

    assert (evaluation.helped, evaluation.bond, evaluation.improve) == ("", "", "")


@pytest.mark.parametrize("mark", [None, 0, 11, -3, True])
def test_a_mark_outside_1_to_10_is_refused(closed, participant, mark):
    with pytest.raises(Refused, match="mark from 1 to 10"):
        _give(closed, participant, mark=mark)
    assert not Evaluation.objects.exists()


def test_an_unknown_bond_is_refused(closed, participant):
    with pytest.raises(Refused):
        _give(closed, participant, bond="superb")


def test_a_second_evaluation_is_refused(cast, closed, participant, frozen_today):
    _give(closed, participant)

    with pytest.raises(Refused, match="already given"):
        _give(closed, participant, mark=3)
    with pytest.raises(Refused, match="already given"):
        services.evaluation_enter_paper(
            trajectory=closed,
            by=cast.coordinator,
            answers=Answers(mark=2),
            paper_dated=frozen_today,
        )
    assert Evaluation.objects.get().mark == 8


def test_an_answer_that_is_too_long_saves_nothing(closed, participant):
    with pytest.raises(Refused, match="shorter"):
        _give(closed, participant, helped="x" * 2001)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "buddy", "backup", "funder", "other_coordinator"])
def test_nobody_else_gives_it_in_the_portal(cast, closed, participant, who):
    with pytest.raises(Refused):
        _give(closed, getattr(cast, who))
    assert not Evaluation.objects.exists()


def test_a_participant_cannot_give_another_households_evaluation(cast, journey, participant):
    other = journey(Phase.CLOSED)

    with pytest.raises(Refused):
        _give(other, participant)


def test_no_evaluation_while_the_year_runs(cast, journey):
    from kansrijk.access.services import participant_account_create

    active = journey(Phase.ACTIVE)
    user = participant_account_create(
        household=active.household, trajectory=active, by=cast.coordinator, email="a@example.org"
    )

    with pytest.raises(Refused, match="no evaluation"):
        _give(active, user)


def test_no_evaluation_after_stopping_before_the_year_began(cast, journey, frozen_today):
    stopped = journey(Phase.DROPPED_OUT)

    with pytest.raises(Refused, match="no evaluation"):
        services.evaluation_enter_paper(
            trajectory=stopped,
            by=cast.coordinator,
            answers=Answers(mark=5),
            paper_dated=frozen_today,
        )


def test_those_who_stopped_during_the_year_are_asked_too(cast, journey, frozen_today):
    stopped = journey(Phase.DROPPED_OUT, matched_on=frozen_today - dt.timedelta(days=120))

    evaluation = services.evaluation_enter_paper(
        trajectory=stopped, by=cast.coordinator, answers=Answers(mark=5), paper_dated=frozen_today
    )

    assert evaluation.trajectory.phase == Phase.DROPPED_OUT


def test_the_invitation_closes_half_a_year_after_the_end(cast, journey, frozen_today):
    long_ago = journey(Phase.CLOSED, ended_on=frozen_today - dt.timedelta(days=200))

    with pytest.raises(Refused, match="no evaluation"):
        services.evaluation_enter_paper(
            trajectory=long_ago,
            by=cast.coordinator,
            answers=Answers(mark=8),
            paper_dated=frozen_today,
        )


def test_the_coordinator_enters_a_paper_form_with_its_date(cast, closed, frozen_today):
    dated = frozen_today - dt.timedelta(days=3)

    evaluation = services.evaluation_enter_paper(
        trajectory=closed,
        by=cast.coordinator,
        answers=Answers(mark=7, helped="Rust"),
        paper_dated=dated,
    )

    assert evaluation.entered == EnteredBy.PAPER
    assert evaluation.paper_dated == dated
    assert evaluation.entered_by == cast.coordinator
    assert AuditEntry.objects.filter(
        detail="evaluation from paper", actor=cast.coordinator
    ).exists()


@pytest.mark.parametrize("days", [1, -1000])
def test_a_paper_form_dated_in_the_future_or_before_the_year_is_refused(
    cast, closed, frozen_today, days
):
    with pytest.raises(Refused):
        services.evaluation_enter_paper(
            trajectory=closed,
            by=cast.coordinator,
            answers=Answers(mark=7),
            paper_dated=frozen_today + dt.timedelta(days=days),
        )


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_the_coordinator_enters_a_paper_form(cast, closed, frozen_today, who):
    with pytest.raises(Refused):
        services.evaluation_enter_paper(
            trajectory=closed,
            by=getattr(cast, who),
            answers=Answers(mark=7),
            paper_dated=frozen_today,
        )
    assert not Evaluation.objects.exists()


def test_the_database_refuses_a_mark_outside_1_to_10(cast, closed):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Evaluation.objects.create(
            trajectory=closed, mark=11, entered=EnteredBy.PARTICIPANT, entered_by=cast.coordinator
        )
