"""The results list counts extended journeys apart and breaks the cohort down per household
type and working poor or not: exact for the coordinator, suppressed for a funder."""

import datetime as dt

import pytest

from kansrijk.people.choices import HouseholdType
from kansrijk.reports.cohort import Cohort
from kansrijk.reports.disclosure import audit
from kansrijk.reports.exports import export
from kansrijk.reports.results import results_report
from kansrijk.reports.tables import Suppressed
from kansrijk.trajectories.choices import ExtendedPart, ExtensionReason, Phase
from kansrijk.trajectories.models import TrajectoryExtension

pytestmark = pytest.mark.usefixtures("frozen_today")

COHORT = Cohort(first_year=2023, last_year=2025, on=dt.date(2025, 6, 16))
EXTENDED = "Extended years and aftercare"
BY_TYPE = "Who took part, by household type"
WORKING_POOR = "Working poor: paid work, yet not enough income"


def _extended(trajectory, by):
    end = trajectory.standard_year_ends_on
    TrajectoryExtension.objects.create(
        trajectory=trajectory,
        part=ExtendedPart.ACTIVE_YEAR,
        old_end=end,
        new_end=end + dt.timedelta(days=90),
        reason=ExtensionReason.OTHER,
        by=by,
    )


@pytest.fixture
def cohort(cast, journey):
    """Six single parents (two working poor), three couples with children (one working poor),
    one young person, one household whose type is not recorded; three journeys extended."""
    made = []

    def household(phase, kind, working_poor):
        trajectory = journey(
            phase,
            buddy=None,
            household__household_type=kind,
            household__working_poor=working_poor,
        )
        made.append(trajectory)
        return trajectory

    for index in range(6):
        household(Phase.CLOSED if index < 4 else Phase.ACTIVE, "single_parent", index < 2)
    for index in range(3):
        household(Phase.CLOSED if index < 2 else Phase.MATCHING, "couple_with_children", index == 0)
    household(Phase.ACTIVE, "young_person", False)
    household(Phase.ACTIVE, "", None)
    _extended(made[0], cast.coordinator)  # a single parent who finished
    _extended(made[4], cast.coordinator)  # a single parent still in the year
    _extended(made[9], cast.coordinator)  # the young person
    return made


def _table(report, caption):
    return next(t for t in report.tables if t.caption == caption)


def _rows(table):
    return {row[0]: row[1:] for row in table.rows}


def test_the_coordinator_sees_whom_the_programme_reaches_per_household_type(cast, cohort):
    report = results_report(programme=cast.programme, areas=None, cohort=COHORT)

    rows = _rows(_table(report, BY_TYPE))
    # finished, stopped early, still taking part, took part
    assert rows[str(HouseholdType.SINGLE_PARENT.label).capitalize()] == [4, 0, 2, 6]
    assert rows["Couple with children"] == [2, 0, 1, 3]
    assert rows["Young person (up to 27) on their own"] == [0, 0, 1, 1]
    assert rows["Couple without children"] == [0, 0, 0, 0]
    assert rows["Not recorded"] == [0, 0, 1, 1]
    assert rows["Total"] == [6, 0, 5, 11]
    assert _rows(_table(report, WORKING_POOR)) == {
        "Yes": [3, 0, 0, 3],
        "No": [3, 0, 4, 7],
        "Not recorded": [0, 0, 1, 1],
        "Total": [6, 0, 5, 11],
    }


def test_extended_journeys_are_counted_apart(cast, cohort):
    report = results_report(programme=cast.programme, areas=None, cohort=COHORT)

    assert _rows(_table(report, EXTENDED)) == {
        "Finished the trajectory": [6, 1],
        "Stopped during the year": [0, 0],
        "Still taking part": [5, 2],
        "Total": [11, 3],
    }
    # The places still count from the year's start: nobody moved for being extended.
    assert [row[1] for row in report.tables[0].rows] == [6, 0, 0, 5, 11]
    assert report.paragraphs[-1] == (
        "The year or the aftercare was extended for 1 of those who finished, 0 of those who "
        "stopped during the year and 2 of those still taking part."
    )


def test_an_extension_recorded_after_the_cohorts_day_does_not_count(cast, cohort):
    earlier = Cohort(first_year=2023, last_year=2025, on=dt.date(2025, 6, 15))
    report = results_report(programme=cast.programme, areas=None, cohort=earlier)

    assert _table(report, EXTENDED).rows[-1][2] == 0


def test_a_funder_sees_the_small_counts_of_the_breakdowns_hidden(cast, cohort):
    report = results_report(programme=cast.programme, areas=None, cohort=COHORT, threshold=5)

    by_type = _rows(_table(report, BY_TYPE))
    assert all(isinstance(cell, Suppressed) for cell in by_type["Couple with children"] if cell)
    extended = _rows(_table(report, EXTENDED))
    assert isinstance(extended["Finished the trajectory"][1], Suppressed)
    assert isinstance(extended["Still taking part"][1], Suppressed)
    assert report.paragraphs[-1] == (
        "The year or the aftercare was extended for a hidden number of those who finished, "
        "0 of those who stopped during the year and a hidden number of those still taking part."
    )


def test_no_hidden_count_of_the_breakdowns_can_be_worked_out(cast, cohort):
    exact = results_report(programme=cast.programme, areas=None, cohort=COHORT)
    shown = results_report(programme=cast.programme, areas=None, cohort=COHORT, threshold=5)

    hidden = {
        (t, r, c)
        for t, table in enumerate(shown.tables)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if isinstance(cell, Suppressed)
    }
    assert hidden
    assert audit(exact.tables, hidden, 5) == []


def test_the_downloads_carry_the_same_breakdowns(cast, cohort):
    report = results_report(programme=cast.programme, areas=None, cohort=COHORT, threshold=5)

    csv = export(report, "csv").decode("utf-8-sig")

    for caption in (EXTENDED, BY_TYPE, WORKING_POOR):
        assert caption in csv
    assert "Of which extended" in csv
