"""Her own page shows her network map and what Doorbraak solved for her, in plain words, and
never the professionals' notes behind them."""

import pytest
from django.urls import reverse

from kansrijk.access.services import participant_account_create
from kansrijk.core.dates import today
from kansrijk.trajectories.choices import Phase
from tests.factories import DoorbraakCaseFactory, NetworkMapFactory, SignalFactory, TieFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

CANARY = "CANARY-professionals-only"


@pytest.fixture
def coached(journey):
    return journey(Phase.ACTIVE)


@pytest.fixture
def me(client, cast, coached):
    participant = participant_account_create(
        household=coached.household, trajectory=coached, by=cast.coordinator, email="p@example.org"
    )
    client.force_login(participant)
    return client


@pytest.fixture
def her_file(coached):
    """A network map and a solved Doorbraak case, with the canary in every professional's note."""
    signal = SignalFactory(trajectory=coached, description=CANARY, response=CANARY)
    DoorbraakCaseFactory(
        trajectory=coached,
        signal=signal,
        barrier="De toeslag stopte",
        solution="Een voorschot tot het loon komt",
        blocking_rule=CANARY,
        lesson=CANARY,
        decided_by=CANARY,
        opened_on=coached.matched_on,
        solved_on=today(),
    )
    TieFactory(network_map=NetworkMapFactory(trajectory=coached), name="Zus Fatima", note=CANARY)


def test_her_page_shows_her_network_map(me, her_file):
    html = me.get(reverse("my_file")).content.decode()

    assert "The people around you" in html
    assert "Zus Fatima" in html
    assert "<svg" in html


def test_her_page_shows_what_doorbraak_solved_in_plain_words(me, her_file):
    html = me.get(reverse("my_file")).content.decode()

    assert "De toeslag stopte" in html
    assert "Een voorschot tot het loon komt" in html
    assert "Solved" in html


def test_no_page_of_hers_ever_shows_the_professionals_notes(me, her_file):
    pages = ["my_file", "my_consents", "my_reads", "my_proposal_new"]

    for name in pages:
        assert CANARY not in me.get(reverse(name)).content.decode(), name


def test_without_a_map_or_case_those_sections_stay_away(me):
    html = me.get(reverse("my_file")).content.decode()

    assert "The people around you" not in html
    assert "Where the rules were in your way" not in html
