"""The results list counts the outcomes of those who finished in one query: the same figures as
the outcomes' own selectors give, each in its own query (the oracle: `result_counts`,
`business_sectors`, `outcome_counts`, `sustained`, as the report asked them before)."""

import random

import pytest

from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Sector, Welfare
from kansrijk.outcomes.followup.choices import Answer
from kansrijk.outcomes.followup.selectors import sustained
from kansrijk.outcomes.followup.services import follow_up_record
from kansrijk.outcomes.models import OutcomeType
from kansrijk.outcomes.selectors import (
    business_sectors,
    main_conditions,
    outcome_counts,
    outcome_types,
    result_counts,
)
from kansrijk.reports.results import LASTED_MONTHS, _outcome_figures
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import OutcomeFactory, months_ago

pytestmark = pytest.mark.usefixtures("frozen_today")


def _random_outcomes(cast, journey, rng: random.Random) -> None:
    OutcomeType.objects.create(
        programme=cast.programme, code="own-choice", kind=OutcomeKind.OTHER, position=99
    )
    types = outcome_types(cast.programme, active_only=False)
    for _ in range(30):
        trajectory = journey(
            rng.choice([Phase.CLOSED, Phase.CLOSED, Phase.AFTERCARE]),
            buddy=None,
            matched_on=months_ago(31),
            aftercare_started_on=months_ago(19),
        )
        if trajectory.phase == Phase.CLOSED:
            Trajectory.objects.filter(pk=trajectory.pk).update(ended_on=months_ago(13))
        outcomes = [
            OutcomeFactory(
                trajectory=trajectory,
                outcome_type=rng.choice(types),
                recorded_by=cast.coordinator,
                reached_on=months_ago(14),
                hours=rng.choice(["", *Hours.values]),
                welfare=rng.choice(["", *Welfare.values]),
                level=rng.choice(["", *Level.values]),
                diploma=rng.random() < 0.4,
                sector=rng.choice(["", *Sector.values]),
            )
            for _ in range(rng.choice([0, 1, 2, 3]))
        ]
        if outcomes and trajectory.phase == Phase.CLOSED and rng.random() < 0.7:
            reachable = rng.random() < 0.8
            follow_up_record(
                trajectory=Trajectory.objects.get(pk=trajectory.pk),
                by=cast.coordinator,
                moment=LASTED_MONTHS,
                answers={o.pk: rng.choice([Answer.HOLDS, Answer.LOST]) for o in outcomes}
                if reachable
                else {},
                reachable=reachable,
            )


@pytest.mark.parametrize("seed", [1, 2])
def test_the_outcomes_counted_together_are_the_outcomes_counted_one_by_one(
    cast, journey, seed, django_assert_num_queries
):
    _random_outcomes(cast, journey, random.Random(seed))
    finished = Trajectory.objects.filter(programme=cast.programme, phase=Phase.CLOSED)
    codes = [t.code for t in outcome_types(cast.programme, active_only=False)]

    with django_assert_num_queries(1):
        together = _outcome_figures(finished, codes)

    assert together.results == result_counts(finished)
    assert together.sectors == business_sectors(finished)
    assert together.per_code == outcome_counts(finished)
    conditions = main_conditions(finished.values("pk"))
    assert together.lasted == sustained(finished, conditions, moment=LASTED_MONTHS)
    # The comparison means something: the figures count someone, not only zeros.
    assert together.results.work and together.sectors and together.per_code["own-choice"]
    assert any(holds and lost for _, holds, lost in together.lasted.values())
