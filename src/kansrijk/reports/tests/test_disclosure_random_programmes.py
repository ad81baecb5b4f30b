"""Random programmes: no funder page discloses a hidden count (a property test, SQLite only).

Hypothesis builds a programme of two areas with households in random phases and random
outcomes, then every report a funder can open for this year and last year is audited the way
someone holding all of its pages (all areas and each area) would audit it.
"""

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Welfare
from kansrijk.outcomes.services import Details, outcome_record
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, outcome_type_of

from .disclosure_check import assert_funder_year_discloses_nothing

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="a property test: once, on SQLite"),
]

THRESHOLD = 5
PHASES = [Phase.MATCHING, Phase.ACTIVE, Phase.AFTERCARE, Phase.CLOSED, Phase.DROPPED_OUT]
OUTCOMES = [
    (OutcomeKind.PAID_WORK, {"hours": Hours.FULL_TIME, "welfare": Welfare.ENDED}),
    (OutcomeKind.PAID_WORK, {"hours": Hours.PART_TIME, "welfare": Welfare.REDUCED}),
    (OutcomeKind.HOUSING_FOUND, {}),
    (OutcomeKind.EDUCATION_STARTED, {"level": Level.MBO}),
    (OutcomeKind.EDUCATION_STARTED, {"level": Level.HBO}),
    (OutcomeKind.DEBT_ARRANGEMENT, {}),
    (OutcomeKind.EVICTION_PREVENTED, {}),
]

households = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=1),  # area
        st.sampled_from(PHASES),
        st.lists(st.integers(min_value=0, max_value=len(OUTCOMES) - 1), max_size=3, unique=True),
    ),
    min_size=1,
    max_size=24,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=households)
def test_no_funder_page_of_a_random_programme_discloses_a_hidden_count(
    cast, journey, frozen_today, drawn
):
    with transaction.atomic():
        random_programme(cast, journey, drawn)
        for year in (frozen_today.year - 1, frozen_today.year):
            assert_funder_year_discloses_nothing(cast.programme, year, THRESHOLD)
        transaction.set_rollback(True)


def random_programme(cast, journey, drawn) -> None:
    """The drawn households in two areas of the cast's programme, each ended journey with its
    drawn outcomes (recorded through the service, as a coordinator would)."""
    areas = [cast.area, AreaFactory(programme=cast.programme, name="Lewenborg")]
    for area, phase, outcomes in drawn:
        trajectory = journey(phase, household__area=areas[area], buddy=None)
        for index in outcomes if trajectory.ended_on else ():
            kind, details = OUTCOMES[index]
            outcome_record(
                trajectory=trajectory,
                by=cast.coordinator,
                outcome_type=outcome_type_of(cast.programme, kind),
                reached_on=trajectory.ended_on,
                details=Details(**details),
            )
