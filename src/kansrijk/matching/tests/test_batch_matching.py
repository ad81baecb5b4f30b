"""Batch matching: one proposal for every waiting household, checked again when proposed."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.matching.models import BuddyProfile, MatchWishes, Proposal
from kansrijk.matching.tests.test_proposals import _buddy
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, trajectory_in


def _url(cast) -> str:
    return reverse("batch_matching", args=[cast.programme.slug])


def _run(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(_url(cast), {"action": "run"})
    assert response.status_code == 200
    return response.context["result"]


def _value(trajectory, buddy) -> str:
    return f"{trajectory.household.uuid}:{buddy.uuid}"


@pytest.fixture
def buddies(cast):
    return [
        _buddy(cast, "Amira", capacity=1, languages="ar, nl"),
        _buddy(cast, "Ben", capacity=2, evening=True),
    ]


def test_the_proposal_keeps_capacity_and_exclusions_and_beats_one_by_one(
    client, cast, journey, buddies
):
    amira, ben = buddies
    waiting = [journey(Phase.MATCHING) for _ in range(5)]
    MatchWishes.objects.create(trajectory=waiting[0], languages="ar")
    MatchWishes.objects.create(trajectory=waiting[1], languages="ar")
    MatchWishes.objects.create(trajectory=waiting[2]).excluded.add(ben)

    result = _run(client, cast)

    per_buddy = Counter(pair.buddy for pair in result.pairs)
    assert per_buddy[amira] <= 1
    assert per_buddy[ben] <= 2
    assert (waiting[2].pk, ben) not in {(p.trajectory.pk, p.buddy) for p in result.pairs}
    assert len(result.pairs) + len(result.unmatched) == 5
    assert result.total >= result.greedy_total
    assert all(left.why for left in result.unmatched)


def test_the_page_shows_the_comparison_and_logs_the_read_first(client, cast, journey, buddies):
    journey(Phase.MATCHING)
    client.force_login(cast.coordinator)

    response = client.post(_url(cast), {"action": "run"})

    assert "matching one by one, best pair first, would score" in response.content.decode()
    entry = AuditEntry.objects.get(detail=f"batch matching {cast.programme.slug}")
    assert entry.household is None
    assert entry.purpose == "journey"
    assert entry.role == "coordinator"


def test_showing_the_proposal_saves_nothing(client, cast, journey, buddies):
    journey(Phase.MATCHING)

    _run(client, cast)

    assert not Proposal.objects.exists()


def test_proposing_creates_proposals_only_for_the_ticked_pairs(client, cast, journey, buddies):
    amira, _ben = buddies
    first, second = journey(Phase.MATCHING), journey(Phase.MATCHING)
    client.force_login(cast.coordinator)

    response = client.post(
        _url(cast), {"action": "propose", "pair": [_value(first, amira)]}, follow=True
    )

    assert response.status_code == 200
    assert [(p.trajectory, p.buddy) for p in Proposal.objects.all()] == [(first, amira)]
    assert not Proposal.objects.filter(trajectory=second).exists()


def test_a_household_with_an_open_proposal_no_longer_waits(client, cast, journey, buddies):
    amira, _ben = buddies
    first, second = journey(Phase.MATCHING), journey(Phase.MATCHING)
    client.force_login(cast.coordinator)
    client.post(_url(cast), {"action": "propose", "pair": [_value(first, amira)]})

    response = client.get(_url(cast))

    assert response.context["round"].trajectories == [second]


def test_tampered_pairs_are_refused_and_nothing_is_made_for_them(client, cast, journey, buddies):
    amira, ben = buddies
    waiting = journey(Phase.MATCHING)
    elsewhere = trajectory_in(
        Phase.MATCHING,
        household__programme=cast.other_programme,
        household__area=AreaFactory(programme=cast.other_programme),
    )
    full = BuddyProfile.objects.create(role=cast.buddy.programme_roles.get())
    full.areas.add(cast.area)
    journey(Phase.ACTIVE, buddy=cast.buddy)
    client.force_login(cast.coordinator)

    response = client.post(
        _url(cast),
        {
            "action": "propose",
            "pair": [
                _value(elsewhere, amira),
                _value(waiting, cast.buddy),
                _value(waiting, ben),
            ],
        },
        follow=True,
    )

    shown = [str(m) for m in response.context["messages"]]
    assert any("not found" in m for m in shown)
    assert any("as many households as they can" in m for m in shown)
    assert [(p.trajectory, p.buddy) for p in Proposal.objects.all()] == [(waiting, ben)]


def test_one_buddy_is_not_proposed_beyond_their_room_in_one_round(client, cast, journey, buddies):
    amira, _ben = buddies
    first, second = journey(Phase.MATCHING), journey(Phase.MATCHING)
    client.force_login(cast.coordinator)

    client.post(
        _url(cast), {"action": "propose", "pair": [_value(first, amira), _value(second, amira)]}
    )

    assert Proposal.objects.filter(buddy=amira).count() == 1


def test_a_pair_that_is_not_two_uuids_is_not_found(client, cast, journey, buddies):
    client.force_login(cast.coordinator)

    response = client.post(_url(cast), {"action": "propose", "pair": ["1:2"]})

    assert response.status_code == 404
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_the_programmes_coordinator_opens_batch_matching(client, cast, journey, who):
    journey(Phase.MATCHING)
    client.force_login(getattr(cast, who))

    assert client.get(_url(cast)).status_code == 404
    assert client.post(_url(cast), {"action": "run"}).status_code == 404


def _queries(client, cast) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(_url(cast), {"action": "run"})
    assert response.status_code == 200
    return len(captured)


def test_the_proposal_does_not_query_per_household(client, cast, journey, buddies):
    client.force_login(cast.coordinator)
    for _ in range(5):
        MatchWishes.objects.create(trajectory=journey(Phase.MATCHING), languages="nl")
    small = _queries(client, cast)
    for _ in range(15):
        MatchWishes.objects.create(trajectory=journey(Phase.MATCHING), languages="ar")

    assert _queries(client, cast) == small
