"""The demo's goal-action plans: plausible, made through the services, and loaded once."""

import pytest

from kansrijk.demo.plans import GENERIC, RECIPES, plan_demo_households
from kansrijk.demo.texts import SCENARIOS
from kansrijk.plans.choices import GoalStatus
from kansrijk.plans.models import Action, Goal, ProgressNote
from kansrijk.trajectories.choices import Phase
from tests.factories import IntakeFactory, months_ago

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_every_intake_wish_of_the_demo_has_its_own_plan():
    assert {scenario.wishes for scenario in SCENARIOS} == set(RECIPES)
    for recipes in [*RECIPES.values(), GENERIC]:
        assert recipes[0].calm, "calm at the base comes first"
        assert all(recipe.steps and recipe.success for recipe in recipes)


def test_coached_households_get_a_plan_that_fits_how_far_they_are(journey):
    fresh = journey(Phase.ACTIVE, matched_on=months_ago(1))
    halfway = journey(Phase.ACTIVE, matched_on=months_ago(6), buddy=None)
    aftercare = journey(Phase.AFTERCARE, buddy=None)
    waiting = journey(Phase.MATCHING)
    IntakeFactory(trajectory=halfway, wishes=SCENARIOS[1].wishes)

    assert plan_demo_households() == 3

    assert not Goal.objects.filter(trajectory=waiting).exists()
    assert Goal.objects.filter(trajectory=fresh).count() < len(GENERIC) + 1
    halfway_goals = Goal.objects.filter(trajectory=halfway)
    assert [g.text for g in halfway_goals.order_by("created_at", "id")] == [
        r.text for r in RECIPES[SCENARIOS[1].wishes]
    ]
    assert halfway_goals.filter(basic_calm=True, status=GoalStatus.ACHIEVED).exists()
    assert Action.objects.filter(goal__trajectory=halfway, done_on__isnull=False).exists()
    assert ProgressNote.objects.filter(goal__trajectory=aftercare, is_success=True).exists()
    assert ProgressNote.objects.filter(celebrated_at__isnull=False).exists()


def test_planning_twice_changes_nothing(journey):
    journey(Phase.ACTIVE, matched_on=months_ago(6))
    plan_demo_households()
    before = (Goal.objects.count(), Action.objects.count(), ProgressNote.objects.count())

    assert plan_demo_households() == 0

    assert (Goal.objects.count(), Action.objects.count(), ProgressNote.objects.count()) == before
