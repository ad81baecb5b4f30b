"""Random programmes: no funder page discloses a hidden count (a property test, SQLite only).

Hypothesis builds a programme of two areas with households in random phases and random
outcomes, then every report a funder can open for this year and last year is audited the way
someone holding all of its pages (all areas and each area) would audit it.
"""

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Welfare
from kansrijk.outcomes.services import Details, outcome_record
from kansrijk.reports.dashboard import Audience
from kansrijk.reports.disclosure import _cross_links, audit
from kansrijk.reports.scope import scope_from
from kansrijk.reports.tables import Suppressed
from kansrijk.reports.views import _build, _published
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, outcome_type_of

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
        areas = [cast.area, AreaFactory(programme=cast.programme, name="Lewenborg")]
        for area, phase, outcomes in drawn:
            trajectory = journey(phase, household__area=areas[area], buddy=None)
            if phase == Phase.CLOSED:
                for index in outcomes:
                    kind, details = OUTCOMES[index]
                    outcome_record(
                        trajectory=trajectory,
                        by=cast.coordinator,
                        outcome_type=outcome_type_of(cast.programme, kind),
                        reached_on=trajectory.ended_on,
                        details=Details(**details),
                    )
        for year in (frozen_today.year - 1, frozen_today.year):
            for kind in ("dashboard", "results", "cost-benefit"):
                _assert_nothing_disclosed(cast.programme, year, kind)
        transaction.set_rollback(True)


def _assert_nothing_disclosed(programme, year: int, kind: str) -> None:
    scope, _form = scope_from(QueryDict(f"year={year}"), programme, single_year=True)
    areas = list(programme.areas.all())
    selections = [scope.with_area(None, areas), *(scope.with_area(a, areas) for a in areas)]
    exact = [_build(kind, s, Audience(exact=True, threshold=0)).tables for s in selections]
    shown = [
        _published(kind, s, Audience(exact=False, threshold=THRESHOLD)).tables for s in selections
    ]
    offsets = [sum(len(s) for s in exact[:i]) for i in range(len(exact))]
    hidden = {
        (offset + t, r, c)
        for offset, selection in zip(offsets, shown, strict=True)
        for t, table in enumerate(selection)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if isinstance(cell, Suppressed)
    }
    tables = [table for selection in exact for table in selection]

    assert not audit(tables, hidden, THRESHOLD, _cross_links(exact, offsets)), (kind, year)
    for t, table in enumerate(tables):
        for r, row in enumerate(table.rows):
            for c in table.count_columns:
                value = row[c] if c < len(row) else None
                if isinstance(value, int) and 0 < value < THRESHOLD:
                    assert (t, r, c) in hidden, (kind, year, table.caption, row[0])
