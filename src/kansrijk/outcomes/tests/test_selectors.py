"""Counting outcomes over many trajectories: one query, each household once per type."""

import pytest

from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Welfare
from kansrijk.outcomes.selectors import outcome_counts, result_counts
from kansrijk.outcomes.services import Details
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_outcome_counts_counts_households_per_type_in_one_query(
    journey, record, django_assert_num_queries
):
    first, second, elsewhere = (journey(Phase.CLOSED, buddy=None) for _ in range(3))
    record(first, OutcomeKind.EDUCATION_STARTED, details=Details(level=Level.MBO))
    # Started twice (a course changed): still one household.
    record(first, OutcomeKind.EDUCATION_STARTED, details=Details(level=Level.HBO))
    record(second, OutcomeKind.EDUCATION_STARTED, details=Details(level=Level.MBO))
    record(second, OutcomeKind.HOUSING_FOUND)
    record(elsewhere, OutcomeKind.HOUSING_FOUND)
    chosen = Trajectory.objects.filter(pk__in=[first.pk, second.pk])

    with django_assert_num_queries(1):
        counts = outcome_counts(chosen)

    assert counts == {"education_started": 2, "housing_found": 1}


def test_result_counts_tell_work_education_and_the_young_apart(
    journey, record, django_assert_num_queries
):
    adult, young, other = (journey(Phase.CLOSED, buddy=None) for _ in range(3))
    record(adult, OutcomeKind.PAID_WORK, details=Details(Hours.FULL_TIME, Welfare.ENDED))
    record(other, OutcomeKind.PAID_WORK, details=Details(Hours.PART_TIME, Welfare.REDUCED))
    record(other, OutcomeKind.EDUCATION_STARTED, details=Details(level=Level.HBO))
    record(young, OutcomeKind.BACK_TO_SCHOOL)
    record(young, OutcomeKind.PAID_WORK, details=Details(Hours.PART_TIME, Welfare.NONE))
    record(young, OutcomeKind.EDUCATION_COMPLETED, details=Details(level=Level.MBO, diploma=True))

    with django_assert_num_queries(1):
        counts = result_counts(Trajectory.objects.all())

    # Work next to school is told in the young people's line, not counted as work found.
    assert (counts.work, counts.welfare_ended, counts.welfare_reduced) == (2, 1, 1)
    assert (counts.work_full_time, counts.work_part_time) == (1, 1)
    assert (counts.young, counts.young_work, counts.young_part_time) == (1, 1, 1)
    assert counts.young_diploma_levels[Level.MBO] == 1
    # Their education counts with everyone's.
    assert counts.education == 2
    assert (counts.education_levels[Level.MBO], counts.education_levels[Level.HBO]) == (1, 1)
    assert counts.diplomas == 1
