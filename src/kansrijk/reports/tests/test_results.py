"""The results list: started, finished, dropped out, still active, and the outcomes in words,
counted in SQL, the same on the page and in the `Report` the downloads write."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from kansrijk.outcomes import services
from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Sector, Welfare
from kansrijk.outcomes.services import Details
from kansrijk.reports.results import results_report
from kansrijk.reports.tables import Suppressed
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import AreaFactory, months_ago, outcome_type_of

pytestmark = pytest.mark.usefixtures("frozen_today")

SINCE, UNTIL = dt.date(2024, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture
def finished(cast, journey):
    """Four households that finished this year, with what they reached."""

    def record(trajectory, kind, **details):
        services.outcome_record(
            trajectory=trajectory,
            by=cast.coordinator,
            outcome_type=outcome_type_of(cast.programme, kind),
            reached_on=trajectory.ended_on,
            details=Details(**details),
        )

    households = [journey(Phase.CLOSED, buddy=None) for _ in range(4)]
    first, second, third, young = households
    record(first, OutcomeKind.HOUSING_FOUND)
    record(first, OutcomeKind.PAID_WORK, hours=Hours.FULL_TIME, welfare=Welfare.ENDED)
    record(second, OutcomeKind.PAID_WORK, hours=Hours.PART_TIME, welfare=Welfare.REDUCED)
    record(second, OutcomeKind.DEBT_ARRANGEMENT)
    record(third, OutcomeKind.BUSINESS_STARTED, sector=Sector.CARE)
    record(third, OutcomeKind.EDUCATION_STARTED, level=Level.HBO)
    record(young, OutcomeKind.BACK_TO_SCHOOL)
    record(young, OutcomeKind.PAID_WORK, hours=Hours.PART_TIME, welfare=Welfare.NONE)
    record(young, OutcomeKind.EDUCATION_COMPLETED, level=Level.MBO, diploma=True)
    return households


@pytest.fixture
def others(journey):
    """One still in the year, one dropped out this year, one that finished long ago."""
    active = journey(Phase.ACTIVE, buddy=None)
    dropped = journey(Phase.ACTIVE, buddy=None)
    Trajectory.objects.filter(pk=dropped.pk).update(
        phase=Phase.DROPPED_OUT, ended_on=dt.date(2025, 5, 1), drop_out_reason=DropOutReason.MOVED
    )
    old = journey(Phase.CLOSED, buddy=None)
    Trajectory.objects.filter(pk=old.pk).update(
        matched_on=dt.date(2021, 1, 4), ended_on=dt.date(2022, 3, 1)
    )
    return active, dropped, old


def _report(cast, **kwargs):
    kwargs.setdefault("areas", None)
    return results_report(programme=cast.programme, since=SINCE, until=UNTIL, **kwargs)


def test_it_tells_the_results_in_the_style_of_the_pilot(cast, finished, others):
    report = _report(cast)

    assert report.paragraphs[1] == (
        "Of the 4 participants who finished: 1 found good housing; 2 found work, of whom 1 fully"
        " and 1 mostly out of welfare (bijstand); 1 started their own business in care;"
        " 2 follow education at MBO (1) or HBO (1) level; the young participant went back to"
        " school, has part-time work and earned the MBO diploma."
    )
    assert report.paragraphs[2] == "Steps on the way: debt arrangement (1)."
    assert report.period == "2024–2025"


def test_it_counts_started_finished_dropped_out_and_still_active(cast, finished, others):
    report = _report(cast)

    participants, reasons = report.tables[0], report.tables[1]
    # The closed ones began their year in 2023 (19 months ago); the other two 60 days ago.
    assert [row[1] for row in participants.rows] == [2, 4, 1, 1]
    assert reasons.rows == [["Moved out of the area", 1], ["Total", 1]]
    assert "1 stopped early (moved out of the area: 1)" in report.paragraphs[0]


def test_it_speaks_dutch_by_default(cast, finished, others):
    with translation.override("nl"):
        report = _report(cast)

    assert report.paragraphs[1] == (
        "Van de 4 deelnemers die het traject afrondden: 1 heeft goede huisvesting gevonden;"
        " 2 hebben werk gevonden, van wie 1 volledig en 1 grotendeels uit de bijstand;"
        " 1 is een eigen bedrijf gestart in de zorg; 2 volgen een opleiding op MBO (1) of"
        " HBO (1) niveau; de jongere gaat weer naar school, heeft parttime werk en haalde het"
        " MBO-diploma."
    )


def test_it_counts_only_the_areas_asked_for(cast, journey, finished):
    elsewhere = AreaFactory(programme=cast.programme, name="Lewenborg", slug="lewenborg")
    journey(Phase.CLOSED, buddy=None, household__area=elsewhere)

    everywhere = _report(cast)
    lewenborg = _report(cast, areas=[elsewhere])

    assert everywhere.tables[0].rows[1][1] == 5
    assert lewenborg.tables[0].rows[1][1] == 1
    assert lewenborg.paragraphs[1] == (
        "Of the 1 participant who finished: no housing, work, own business or education"
        " recorded yet."
    )
    assert lewenborg.period == "2024–2025, Lewenborg"


def test_nobody_finished_is_said_in_words(cast):
    assert _report(cast).paragraphs[1] == "Nobody finished the trajectory in this period."


def test_a_funder_sees_small_counts_hidden_in_the_tables_and_the_text(cast, finished, others):
    report = _report(cast, threshold=5)

    assert report.paragraphs[1].startswith(
        "Of the hidden participants who finished: hidden found good housing; hidden found work"
    )
    assert all(isinstance(row[1], Suppressed) for row in report.tables[2].rows if row[1])
    assert report.suppression_note


def test_the_report_runs_the_same_queries_for_few_or_many_participants(
    cast, journey, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            trajectory = journey(Phase.CLOSED, buddy=None)
            services.outcome_record(
                trajectory=trajectory,
                by=cast.coordinator,
                outcome_type=outcome_type_of(cast.programme, OutcomeKind.PAID_WORK),
                reached_on=trajectory.ended_on,
                details=Details(Hours.FULL_TIME, Welfare.ENDED),
            )

    add(2)
    with django_assert_max_num_queries(12) as few:
        _report(cast)
    add(20)

    with django_assert_max_num_queries(len(few.captured_queries)):
        report = _report(cast)

    assert report.tables[0].rows[1][1] == 22


# ---- the page ----


def _page(client, cast, query=""):
    return client.get(reverse("results", args=[cast.programme.slug]) + query)


def test_the_coordinator_reads_the_results_page(client, cast, finished, others):
    client.force_login(cast.coordinator)

    response = _page(client, cast, "?from=2024&to=2025")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Of the 4 participants who finished: 1 found good housing" in text
    assert "The results list in figures" in text


def test_the_funder_reads_it_suppressed_and_without_any_name(client, cast, finished, others):
    client.force_login(cast.funder)

    # A funder reads whole years that have ended: come back when 2025 is over.
    with time_machine.travel(dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.funder)
        response = _page(client, cast, "?year=2025")

    text = response.content.decode()
    assert response.status_code == 200
    assert "hidden found good housing" in text
    assert not any(t.household.display_name in text for t in [*finished, *others])


@pytest.mark.parametrize("who", ["buddy", "backup", "other_coordinator", "stranger"])
def test_others_get_404_on_the_results_page(client, cast, who):
    client.force_login(getattr(cast, who))

    assert _page(client, cast).status_code == 404


def test_the_results_page_reads_in_a_fixed_number_of_queries(
    client, cast, journey, django_assert_max_num_queries
):
    client.force_login(cast.coordinator)
    journey(Phase.CLOSED, buddy=None)
    _page(client, cast)
    with django_assert_max_num_queries(30) as few:
        _page(client, cast)
    for _ in range(10):
        journey(Phase.CLOSED, buddy=None, matched_on=months_ago(20))

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _page(client, cast).status_code == 200
