"""Progress per domain since the previous assessment: up, the same or down."""

import pytest

from kansrijk.assessments.choices import Direction
from kansrijk.assessments.progress import Score, direction, domain_progress


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [(2, 3, Direction.UP), (1, 5, Direction.UP), (3, 3, Direction.SAME), (4, 2, Direction.DOWN)],
)
def test_the_direction_compares_the_level_with_the_one_before(before, now, expected):
    assert direction(before, now) == expected


def test_a_first_assessment_has_no_direction():
    assert direction(None, 3) is None


def _score(code: str, level: int, wanted: int = 5) -> Score:
    return Score(code=code, name=code, level=level, wanted=wanted, scale_size=5)


def test_each_domain_is_compared_with_the_same_domain_the_time_before():
    latest = [_score("home", 3), _score("finances", 2), _score("work", 4, wanted=4)]

    rows = domain_progress(latest, {"home": 2, "finances": 2, "work": 5})

    assert [(r.code, r.previous, r.direction) for r in rows] == [
        ("home", 2, Direction.UP),
        ("finances", 2, Direction.SAME),
        ("work", 5, Direction.DOWN),
    ]
    assert [r.to_go for r in rows] == [2, 3, 0]


def test_a_domain_new_in_this_framework_version_has_no_direction():
    rows = domain_progress([_score("housing", 2), _score("home", 4)], {"home": 3})

    assert [(r.code, r.direction) for r in rows] == [("housing", None), ("home", Direction.UP)]


def test_without_a_previous_assessment_nothing_has_a_direction():
    rows = domain_progress([_score("home", 2)], None)

    assert rows[0].previous is None
    assert rows[0].direction is None
