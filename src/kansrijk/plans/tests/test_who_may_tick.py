"""Who sees the tick (or undo) button of a step: one rule, `rules.may_tick`, asked by the
template; the pages that show it are tested in test_plan_pages and the portal's tests."""

from types import SimpleNamespace

import pytest

from kansrijk.plans.rules import may_tick


def _step(*, own: bool = True, done: bool = False, goal_closed: bool = False):
    return SimpleNamespace(
        is_participants_own=own, is_done=done, goal=SimpleNamespace(is_closed=goal_closed)
    )


@pytest.mark.parametrize("done", [False, True])
@pytest.mark.parametrize("own", [False, True])
def test_the_plans_editors_tick_and_undo_every_step_of_an_open_goal(own, done):
    assert may_tick(_step(own=own, done=done), edits_plan=True, writes_as_participant=False)


def test_the_participant_ticks_her_own_open_steps_only():
    def participant(step) -> bool:
        return may_tick(step, edits_plan=False, writes_as_participant=True)

    assert participant(_step())
    assert not participant(_step(own=False))
    assert not participant(_step(done=True))  # she cannot undo a tick


def test_nobody_ticks_a_step_of_an_achieved_or_stopped_goal():
    for edits, writes in [(True, False), (False, True)]:
        assert not may_tick(_step(goal_closed=True), edits_plan=edits, writes_as_participant=writes)


def test_a_reader_who_may_not_change_the_plan_sees_no_button():
    assert not may_tick(_step(), edits_plan=False, writes_as_participant=False)
