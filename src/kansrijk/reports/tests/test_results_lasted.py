"""The results list says beside each result whether it lasted 12 months after closure."""

import pytest

from kansrijk.core.dates import today
from kansrijk.outcomes.followup.services import follow_up_record
from kansrijk.outcomes.services import outcome_record
from kansrijk.reports.cohort import Cohort
from kansrijk.reports.results import results_report
from kansrijk.reports.tables import Suppressed
from kansrijk.reports.tests.disclosure_check import assert_nothing_disclosed
from kansrijk.trajectories.choices import Phase
from tests.factories import months_ago, outcome_type_of

pytestmark = pytest.mark.usefixtures("frozen_today")
LASTED = "Did it last? 12 months after closure"


@pytest.fixture
def followed_up(cast, journey):
    """Seven households closed 13 months ago that found housing, one also work: four still
    housed, one no longer, one not reachable, one not asked yet."""
    households = []
    for _ in range(7):
        trajectory = journey(
            Phase.CLOSED,
            buddy=None,
            matched_on=months_ago(31),
            aftercare_started_on=months_ago(19),
            ended_on=months_ago(13),
        )
        outcome_record(
            trajectory=trajectory,
            by=cast.coordinator,
            outcome_type=outcome_type_of(cast.programme, "housing_found"),
            reached_on=months_ago(14),
        )
        households.append(trajectory)
    outcome_record(
        trajectory=households[0],
        by=cast.coordinator,
        outcome_type=outcome_type_of(cast.programme, "volunteer_work"),
        reached_on=months_ago(14),
    )
    for trajectory, answer in zip(households, ["holds"] * 4 + ["lost", None], strict=False):
        follow_up_record(
            trajectory=trajectory,
            by=cast.coordinator,
            moment=12,
            answers={o.pk: answer for o in trajectory.outcomes.all()} if answer else {},
            reachable=answer is not None,
        )
    return households


def _report(cast, **kwargs):
    cohort = Cohort(first_year=2022, last_year=2025, on=today())
    return results_report(programme=cast.programme, areas=None, cohort=cohort, **kwargs)


def _lasted(report):
    (table,) = [t for t in report.tables if t.caption == LASTED]
    return table


def _figures(report):
    (table,) = [t for t in report.tables if t.caption == "The results list in figures"]
    return table


def _lasted_sentence(report) -> str:
    (sentence,) = [p for p in report.paragraphs if p.startswith("Did it last?")]
    return sentence


def test_beside_each_result_what_still_holds_after_12_months(cast, followed_up):
    report = _report(cast)

    assert _lasted(report).rows == [
        ["Found good housing", 7, 4, 1, 2],
        ["Volunteer work", 1, 1, 0, 0],
    ]
    assert _lasted_sentence(report) == (
        "Did it last? Twelve months after closure: found good housing 7 → still holds 4 "
        "(1 no longer, 2 not known yet or not reachable); volunteer work 1 → still holds 1 "
        "(0 no longer, 0 not known yet or not reachable)."
    )


def test_reached_is_one_number_with_the_results_figure(cast, followed_up):
    report = _report(cast)
    figures = {row[0]: row[1] for row in _figures(report).rows}

    assert figures["Found good housing"] == _lasted(report).rows[0][1]
    assert _lasted(report).measures[(0, 1)] == _figures(report).measures[(1, 1)] == "housing"


def test_a_funder_sees_the_small_counts_hidden_and_nothing_can_be_worked_out(cast, followed_up):
    exact = _report(cast)
    shown = _report(cast, threshold=5)

    rows = _lasted(shown).rows
    assert rows[0][1] == 7
    assert all(isinstance(cell, Suppressed) for cell in rows[0][2:])  # 4, 1, 2: each below 5
    assert isinstance(rows[1][1], Suppressed)
    assert "a hidden number" in _lasted_sentence(shown)
    assert_nothing_disclosed(exact, shown, 5)


def test_no_follow_up_yet_reads_not_known(cast, journey):
    trajectory = journey(Phase.CLOSED, buddy=None)
    outcome_record(
        trajectory=trajectory,
        by=cast.coordinator,
        outcome_type=outcome_type_of(cast.programme, "housing_found"),
        reached_on=trajectory.ended_on,
    )

    assert _lasted(_report(cast)).rows == [["Found good housing", 1, 0, 0, 1]]
