"""The end assessment is at the end of the year: an extension of the year moves it."""

import datetime as dt

import pytest

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.selectors import due_assessments, with_overdue_assessment
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.services import trajectory_extend
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.usefixtures("frozen_today")  # Monday 16 June 2025


def _extend(trajectory, by, new_end):
    return trajectory_extend(
        trajectory=trajectory, by=by, new_end=new_end, reason="other", version=trajectory.version
    ).trajectory


def test_the_end_assessment_moves_with_the_extended_year(cast, journey):
    trajectory = _extend(
        journey(Phase.ACTIVE, matched_on=dt.date(2024, 8, 1)),
        cast.coordinator,
        dt.date(2025, 11, 1),
    )

    due = {d.moment: d.due_on for d in due_assessments(trajectory, [])}

    assert due == {
        Moment.START: dt.date(2024, 8, 1),
        Moment.HALFWAY: dt.date(2025, 2, 1),
        Moment.END: dt.date(2025, 11, 1),
    }


def test_an_end_assessment_is_not_overdue_while_the_extended_year_runs(cast, journey):
    # The standard years ended on 1 May: without the extension the end assessment is overdue.
    extended = journey(Phase.ACTIVE, matched_on=dt.date(2024, 5, 1))
    Trajectory.objects.filter(pk=extended.pk).update(active_year_extended_to=dt.date(2025, 9, 1))
    standard = journey(Phase.ACTIVE, matched_on=dt.date(2024, 5, 1), buddy=cast.backup)
    for trajectory in (extended, standard):
        for moment in (Moment.START, Moment.HALFWAY):
            AssessmentFactory(trajectory=trajectory, moment=moment)

    overdue = set(with_overdue_assessment(Trajectory.objects.all()))

    assert overdue == {standard}
