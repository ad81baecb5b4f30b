"""The demo's network maps: two moments that show growth, made through the services, once."""

import pytest

from kansrijk.demo.network import network_demo_households
from kansrijk.network.choices import Moment
from kansrijk.network.comparison import compare
from kansrijk.network.ecomap import TieFacts
from kansrijk.network.models import NetworkMap, Tie
from kansrijk.trajectories.choices import Phase
from tests.factories import months_ago

pytestmark = pytest.mark.usefixtures("frozen_today")


def _facts(network_map):
    return [
        TieFacts(t.uuid.hex, t.name, t.kind, t.strength, t.flow, t.is_organisation, t.thread.hex)
        for t in network_map.ties.all()
    ]


def test_chosen_households_get_two_moments_that_show_growth(journey):
    # The cast's buddy is called "buddy", like the demo buddy: both of theirs get maps.
    halfway = journey(Phase.ACTIVE, matched_on=months_ago(7))
    aftercare = journey(Phase.AFTERCARE)
    young = journey(Phase.ACTIVE, matched_on=months_ago(3), buddy=None)
    just_started = journey(Phase.ACTIVE, matched_on=months_ago(1), buddy=None)
    waiting = journey(Phase.MATCHING)

    # The third of three with enough time behind it is not one of the one in three.
    assert network_demo_households() == 2

    assert not NetworkMap.objects.filter(trajectory__in=[just_started, waiting]).exists()
    assert not NetworkMap.objects.filter(trajectory=young).exists()
    maps = list(NetworkMap.objects.filter(trajectory=halfway).order_by("drawn_on"))
    assert [m.moment for m in maps] == [Moment.START, Moment.HALFWAY]
    growth = compare(_facts(maps[0]), _facts(maps[1]))
    assert growth.difference > 0 and growth.new
    assert growth.supporting_after > growth.supporting_before
    assert maps[0].strengths and maps[1].strengths
    assert [m.moment for m in NetworkMap.objects.filter(trajectory=aftercare)] == [
        Moment.START,
        Moment.END,
    ]


def test_mapping_twice_changes_nothing(journey):
    journey(Phase.ACTIVE, matched_on=months_ago(7))
    network_demo_households()
    before = (NetworkMap.objects.count(), Tie.objects.count())

    assert network_demo_households() == 0

    assert (NetworkMap.objects.count(), Tie.objects.count()) == before
