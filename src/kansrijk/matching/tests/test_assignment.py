import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.matching.assignment import (
    Assignment,
    greedy_assignment,
    optimal_assignment,
)
from kansrijk.matching.scoring import (
    Buddy,
    Seeker,
    Strength,
    Weights,
    points,
    score,
)

AREAS = ["noord", "zuid"]
LANGUAGES = ["nl", "ar", "tr"]
WEIGHTS = Weights()


@st.composite
def rounds(draw, max_households=8, max_buddies=6):
    m = draw(st.integers(0, max_buddies))
    buddies = []
    for j in range(m):
        capacity = draw(st.integers(1, 2))
        buddies.append(
            Buddy(
                id=100 + j,
                areas=frozenset(draw(st.sets(st.sampled_from(AREAS), min_size=1))),
                location=draw(st.none() | st.tuples(st.floats(53.1, 53.3), st.floats(6.4, 6.7))),
                languages=frozenset(draw(st.sets(st.sampled_from(LANGUAGES)))),
                gender=draw(st.sampled_from(["woman", "man"])),
                evening=draw(st.booleans()),
                lived_experience=frozenset(draw(st.sets(st.sampled_from(["debt", "illness"])))),
                capacity=capacity,
                load=draw(st.integers(0, capacity)),
                unavailable=draw(st.booleans()) and draw(st.booleans()),
                training_complete=draw(st.booleans()) or draw(st.booleans()),
            )
        )
    ids = [b.id for b in buddies]
    n = draw(st.integers(0, max_households))
    seekers = [
        Seeker(
            id=i,
            area=draw(st.sampled_from(AREAS)),
            location=draw(st.none() | st.tuples(st.floats(53.1, 53.3), st.floats(6.4, 6.7))),
            languages=frozenset(draw(st.sets(st.sampled_from(LANGUAGES), min_size=1))),
            preferred_gender=draw(st.sampled_from([None, "woman", "man"])),
            gender_wish=draw(st.sampled_from(Strength)),
            wants_evening=draw(st.booleans()),
            evening_wish=draw(st.sampled_from(Strength)),
            lived_experience=frozenset(draw(st.sets(st.sampled_from(["debt", "illness"])))),
            excluded_buddies=frozenset(draw(st.sets(st.sampled_from(ids)))) if ids else frozenset(),
        )
        for i in range(n)
    ]
    return seekers, buddies


def assert_keeps_every_rule(assignment: Assignment, seekers, buddies):
    by_id = {c.id: c for c in seekers}
    buddy_by_id = {b.id: b for b in buddies}
    matched = [p.seeker_id for p in assignment.pairs]
    assert len(matched) == len(set(matched))
    assert sorted(matched + assignment.unmatched) == sorted(by_id)
    for buddy_id, taken in Counter(p.buddy_id for p in assignment.pairs).items():
        buddy = buddy_by_id[buddy_id]
        assert buddy.load + taken <= buddy.capacity
    for pair in assignment.pairs:
        seeker, buddy = by_id[pair.seeker_id], buddy_by_id[pair.buddy_id]
        assert buddy.id not in seeker.excluded_buddies
        result = score(seeker, buddy, WEIGHTS)
        assert result is not None
        assert pair.score == pytest.approx(result.total)


def brute_force_total(seekers, buddies) -> float:
    """Try every way to give each household a buddy or nobody."""
    best = 0.0
    for choice in itertools.product([None, *buddies], repeat=len(seekers)):
        taken = Counter(b.id for b in choice if b is not None)
        if any(b.load + taken[b.id] > b.capacity for b in buddies):
            continue
        total = 0.0
        for seeker, buddy in zip(seekers, choice, strict=True):
            if buddy is None:
                continue
            result = score(seeker, buddy, WEIGHTS)
            if result is None:
                break
            total += result.total
        else:
            best = max(best, total)
    return best


@settings(max_examples=150, deadline=None)
@given(rounds(), st.sampled_from(["dense", "sparse"]))
def test_no_assignment_ever_breaks_capacity_an_exclusion_or_a_hard_constraint(instance, method):
    seekers, buddies = instance
    assert_keeps_every_rule(
        optimal_assignment(seekers, buddies, WEIGHTS, method=method), seekers, buddies
    )
    assert_keeps_every_rule(greedy_assignment(seekers, buddies, WEIGHTS), seekers, buddies)


@settings(max_examples=150, deadline=None)
@given(rounds(), st.sampled_from(["dense", "sparse"]))
def test_the_optimal_total_is_never_below_greedy(instance, method):
    seekers, buddies = instance
    optimal = optimal_assignment(seekers, buddies, WEIGHTS, method=method)
    greedy = greedy_assignment(seekers, buddies, WEIGHTS)
    assert optimal.total >= greedy.total - 1e-9


@settings(max_examples=100, deadline=None)
@given(rounds(max_households=4, max_buddies=3), st.sampled_from(["dense", "sparse"]))
def test_the_optimal_total_equals_brute_force_on_tiny_rounds(instance, method):
    seekers, buddies = instance
    optimal = optimal_assignment(seekers, buddies, WEIGHTS, method=method)
    assert optimal.total == pytest.approx(brute_force_total(seekers, buddies))


def test_greedy_takes_the_best_pair_and_leaves_a_household_unmatched_where_optimal_matches_both():
    # Amira fits Bea best, but Bea is also the only buddy who can reach Daan's neighbourhood.
    amira = Seeker(id=1, area="noord", languages=frozenset({"ar", "nl"}))
    daan = Seeker(id=2, area="zuid", languages=frozenset({"nl"}))
    bea = Buddy(id=10, areas=frozenset({"noord", "zuid"}), languages=frozenset({"ar", "nl"}))
    kees = Buddy(id=11, areas=frozenset({"noord"}), languages=frozenset({"nl"}))

    greedy = greedy_assignment([amira, daan], [bea, kees], WEIGHTS)
    optimal = optimal_assignment([amira, daan], [bea, kees], WEIGHTS)

    assert [(p.seeker_id, p.buddy_id) for p in greedy.pairs] == [(1, 10)]
    assert greedy.unmatched == [2]
    assert [(p.seeker_id, p.buddy_id) for p in optimal.pairs] == [(1, 11), (2, 10)]
    assert optimal.unmatched == []
    assert optimal.total > greedy.total


def test_households_nobody_may_coach_are_listed_as_unmatched():
    household = Seeker(id=1, area="noord", excluded_buddies=frozenset({10}))
    buddy = Buddy(id=10, areas=frozenset({"noord"}))
    result = optimal_assignment([household], [buddy], WEIGHTS)
    assert result.pairs == []
    assert result.unmatched == [1]
    assert result.total == 0


def test_a_buddy_with_two_free_places_can_take_two_households():
    households = [Seeker(id=i, area="noord") for i in (1, 2)]
    buddy = Buddy(id=10, areas=frozenset({"noord"}), capacity=2)
    result = optimal_assignment(households, [buddy], WEIGHTS)
    assert [(p.seeker_id, p.buddy_id) for p in result.pairs] == [(1, 10), (2, 10)]


@given(rounds(max_households=4, max_buddies=4))
def test_the_quick_points_always_equal_the_explained_score(instance):
    seekers, buddies = instance
    for seeker, buddy in itertools.product(seekers, buddies):
        explained = score(seeker, buddy, Weights())
        quick = points(seeker, buddy, Weights())
        if explained is None:
            assert quick is None
        else:
            assert quick == pytest.approx(explained.total)
