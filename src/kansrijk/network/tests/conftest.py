"""Fixtures for the network's tests: a coached household, its maps and ties."""

import datetime as dt

import pytest

from kansrijk.network import services
from kansrijk.network.choices import Flow, Moment, Strength, TieKind
from kansrijk.trajectories.choices import Phase
from tests.factories import ConsentFactory


@pytest.fixture
def coached(journey):
    """An active household of the cast's buddy (started 60 days ago); its backup professional
    sees the basic details and assessments, not the plan (and so not the network)."""
    return journey(Phase.ACTIVE)


@pytest.fixture
def plan_consent(cast, coached):
    """The participant lets the backup professional see the plan too (and so the network)."""
    coached.household.consents.all().delete()
    return ConsentFactory(
        household=coached.household,
        recorded_by=cast.coordinator,
        starts_on=coached.referred_on,
        plan=True,
    )


@pytest.fixture
def make_map(cast):
    def make(trajectory, *, by=None, moment=Moment.START, drawn_on=None, **kwargs):
        return services.network_map_create(
            trajectory=trajectory,
            by=by or cast.buddy,
            moment=moment,
            drawn_on=drawn_on or trajectory.matched_on + dt.timedelta(days=7),
            **kwargs,
        )

    return make


@pytest.fixture
def make_tie(cast):
    def make(network_map, name="zus", *, by=None, **kwargs):
        kwargs.setdefault("kind", TieKind.FAMILY)
        kwargs.setdefault("strength", Strength.NORMAL)
        kwargs.setdefault("flow", Flow.SUPPORT)
        return services.tie_add(network_map=network_map, by=by or cast.buddy, name=name, **kwargs)

    return make


@pytest.fixture
def start_map(coached, make_map, make_tie):
    """The start map: a sister, a neighbour who costs energy, the WIJ-team (an organisation)."""
    network_map = make_map(coached, strengths="Kookt graag; goed met de kinderen.")
    make_tie(network_map, "zus", strength=Strength.STRONG)
    make_tie(network_map, "buurvrouw Els", kind=TieKind.NEIGHBOURS, flow=Flow.COSTS)
    make_tie(network_map, "WIJ-team", kind=TieKind.HELP, is_organisation=True)
    return network_map
