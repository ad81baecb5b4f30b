from dataclasses import replace

import pytest
from django.utils.functional import Promise

from kansrijk.matching.scoring import (
    Buddy,
    Refusal,
    Seeker,
    Strength,
    Weights,
    haversine_km,
    refusal,
    score,
)

HOUSEHOLD = Seeker(id=1, area="oosterpark", languages=frozenset({"nl", "ar"}))
BUDDY = Buddy(id=7, areas=frozenset({"oosterpark"}), languages=frozenset({"nl"}))


@pytest.mark.parametrize(
    ("seeker", "buddy", "expected"),
    [
        (HOUSEHOLD, replace(BUDDY, unavailable=True), Refusal.UNAVAILABLE),
        (HOUSEHOLD, replace(BUDDY, training_complete=False), Refusal.TRAINING),
        (replace(HOUSEHOLD, excluded_buddies=frozenset({7})), BUDDY, Refusal.EXCLUDED),
        (HOUSEHOLD, replace(BUDDY, capacity=2, load=2), Refusal.NO_ROOM),
        (HOUSEHOLD, replace(BUDDY, areas=frozenset({"paddepoel"})), Refusal.OUT_OF_REACH),
        (
            replace(HOUSEHOLD, preferred_gender="woman", gender_wish=Strength.MUST),
            replace(BUDDY, gender="man"),
            Refusal.GENDER,
        ),
        (
            replace(HOUSEHOLD, wants_evening=True, evening_wish=Strength.MUST),
            BUDDY,
            Refusal.EVENING,
        ),
    ],
    ids=lambda value: value.value if isinstance(value, Refusal) else "",
)
def test_each_hard_constraint_refuses_the_buddy_with_its_reason(seeker, buddy, expected):
    assert refusal(seeker, buddy) == expected
    assert score(seeker, buddy, Weights()) is None
    assert str(expected.message)


def test_a_nice_to_have_wish_that_is_not_met_only_earns_no_points():
    household = replace(
        HOUSEHOLD, preferred_gender="woman", wants_evening=True, gender_wish=Strength.NICE
    )
    met = score(household, replace(BUDDY, gender="woman", evening=True), Weights())
    unmet = score(household, replace(BUDDY, gender="man"), Weights())
    assert met is not None and unmet is not None
    assert met.total == unmet.total + Weights().gender + Weights().evening


def test_a_fitting_buddy_is_explained_in_plain_words():
    household = replace(
        HOUSEHOLD,
        location=(53.2100, 6.5800),
        preferred_gender="woman",
        lived_experience=frozenset({"debt"}),
    )
    buddy = replace(
        BUDDY,
        location=(53.2200, 6.5800),
        languages=frozenset({"ar"}),
        gender="woman",
        capacity=2,
        load=1,
        lived_experience=frozenset({"debt", "illness"}),
    )
    result = score(household, buddy, Weights())
    assert result is not None
    assert [str(r) for r in result.reasons] == [
        "speaks Arabic",
        "lives about 1.1 km away",
        "has room for one more household",
        "participant prefers a woman",
        "knows debt stress from own life",
    ]
    assert result.total == pytest.approx(sum(r.points for r in result.reasons))


def test_a_buddy_with_two_free_places_says_so_and_earns_more():
    one = score(HOUSEHOLD, replace(BUDDY, capacity=2, load=1), Weights())
    two = score(HOUSEHOLD, replace(BUDDY, capacity=2, load=0), Weights())
    assert one is not None and two is not None
    assert "has room for 2 more households" in [str(r) for r in two.reasons]
    assert two.total > one.total


def test_without_locations_reaching_the_neighbourhood_counts_instead_of_distance():
    result = score(HOUSEHOLD, BUDDY, Weights(same_area=5.0))
    assert result is not None
    assert ("can reach the neighbourhood", 5.0) in [(str(r), r.points) for r in result.reasons]


def test_a_buddy_from_the_same_neighbourhood_gets_all_distance_points():
    household = replace(HOUSEHOLD, location=(53.2375, 6.6010))
    buddy = replace(BUDDY, location=(53.2375, 6.6010))
    result = score(household, buddy, Weights(distance=4.0))
    assert result is not None
    assert ("lives in the same neighbourhood", 4.0) in [(str(r), r.points) for r in result.reasons]


def test_a_buddy_further_than_the_maximum_distance_earns_no_distance_points():
    far = score(
        replace(HOUSEHOLD, location=(53.2194, 6.5665)),
        replace(BUDDY, location=(52.3676, 4.9041)),  # Amsterdam
        Weights(),
    )
    assert far is not None
    assert [r.points for r in far.reasons if "km away" in str(r)] == [0.0]


def test_reasons_stay_translatable_until_shown():
    result = score(HOUSEHOLD, BUDDY, Weights())
    assert result is not None
    assert all(isinstance(r.message, Promise) for r in result.reasons)


def test_haversine_gives_the_distance_groningen_to_assen():
    assert haversine_km((53.2194, 6.5665), (52.9928, 6.5642)) == pytest.approx(25.2, abs=0.2)
