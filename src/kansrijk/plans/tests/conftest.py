"""Fixtures for the plan's tests: a coached household, the default life domains, goals."""

import datetime as dt

import pytest

from kansrijk.access.services import participant_account_create
from kansrijk.core.dates import today
from kansrijk.frameworks.selectors import default_framework
from kansrijk.plans import services
from kansrijk.plans.choices import ActionBy
from kansrijk.trajectories.choices import Phase
from tests.factories import ConsentFactory


@pytest.fixture
def coached(journey):
    """An active household of the cast's buddy; its backup sees basic details, not the plan."""
    return journey(Phase.ACTIVE)


@pytest.fixture
def domains(db) -> dict:
    return {domain.code: domain for domain in default_framework().domains.all()}


@pytest.fixture
def make_goal(cast, domains):
    def make(trajectory, *, domain: str = "finances", by=None, **kwargs):
        kwargs.setdefault("text", "Rust in mijn schulden")
        kwargs.setdefault("target_on", today() + dt.timedelta(days=30))
        return services.goal_create(
            trajectory=trajectory, by=by or cast.buddy, domain=domains[domain], **kwargs
        )

    return make


@pytest.fixture
def make_action(cast):
    def make(goal, *, by=None, **kwargs):
        kwargs.setdefault("who", ActionBy.PARTICIPANT)
        kwargs.setdefault("what", "De Kredietbank bellen")
        kwargs.setdefault("due_on", today() + dt.timedelta(days=7))
        return services.action_add(goal=goal, by=by or cast.buddy, **kwargs)

    return make


@pytest.fixture
def participant(cast, coached):
    """The household's participant, with a portal login."""
    return participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="p@example.org"
    )


@pytest.fixture
def plan_consent(cast, coached):
    """The participant lets the backup professional see (and so work on) the plan too."""
    coached.household.consents.all().delete()
    return ConsentFactory(
        household=coached.household,
        recorded_by=cast.coordinator,
        starts_on=coached.referred_on,
        plan=True,
    )
