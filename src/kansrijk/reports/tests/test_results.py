"""The results list of a cohort: took part = finished + stopped (before or during the year) +
still taking part, and the outcomes in words, counted in SQL, the same on the page and in the
`Report` the downloads write."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from kansrijk.outcomes import services
from kansrijk.outcomes.choices import Hours, Level, OutcomeKind, Sector, Welfare
from kansrijk.outcomes.services import Details
from kansrijk.reports.cohort import Cohort
from kansrijk.reports.results import results_report
from kansrijk.reports.tables import Suppressed
from kansrijk.trajectories.choices import DropOutReason, Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import AreaFactory, months_ago, outcome_type_of

pytestmark = pytest.mark.usefixtures("frozen_today")

# The households referred from 2023 (the finished ones were, 20 months ago) to today.
COHORT = Cohort(first_year=2023, last_year=2025, on=dt.date(2025, 6, 16))


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
        referred_on=dt.date(2020, 11, 2),
        matched_on=dt.date(2021, 1, 4),
        ended_on=dt.date(2022, 3, 1),
    )
    return active, dropped, old


def _report(cast, **kwargs):
    kwargs.setdefault("areas", None)
    kwargs.setdefault("cohort", COHORT)
    return results_report(programme=cast.programme, **kwargs)


def test_it_tells_the_results_in_the_style_of_the_pilot(cast, finished, others):
    report = _report(cast)

    assert report.paragraphs[1] == (
        "Of the 4 participants who finished: 1 participant found good housing; 2 participants"
        " found work and so are fully (1) or mostly (1) out of welfare (bijstand); 1 participant"
        " started their own business in care; 2 participants follow education at MBO (1) or"
        " HBO (1) level; the young participant went back to school, has part-time work and"
        " earns their MBO diploma."
    )
    assert report.paragraphs[2] == "Steps on the way: debt arrangement (1)."
    assert report.period == "referred in 2023–2025"


def test_took_part_is_finished_plus_stopped_plus_still_taking_part(cast, finished, others):
    report = _report(cast)

    places, reasons, running = report.tables[0], report.tables[1], report.tables[2]
    # The household that finished in 2022 was referred in 2020: not of this cohort.
    assert places.rows == [
        ["Finished the trajectory", 4],
        ["Stopped before their year began", 0],
        ["Stopped during the year", 1],
        ["Still taking part", 1],
        ["Took part", 6],
    ]
    assert reasons.rows == [["Moved out of the area", 0, 1, 1], ["Total", 0, 1, 1]]
    assert running.rows[-1] == ["Still taking part", 1]
    assert report.paragraphs[0] == (
        "Cohort 2023–2025: the households referred from 1 January 2023 to 16 June 2025, where"
        " they stand on 16 June 2025. 6 households took part; 4 finished the trajectory;"
        " 1 stopped early: 0 before their year began and 1 during the year (moved out of the"
        " area: 1); 1 is still taking part."
    )


def test_a_household_that_never_began_its_year_stopped_before_it_began(cast, journey):
    never = journey(Phase.MATCHING, buddy=None)
    Trajectory.objects.filter(pk=never.pk).update(
        phase=Phase.DROPPED_OUT,
        ended_on=dt.date(2025, 6, 1),
        drop_out_reason=DropOutReason.NO_MATCH,
    )
    journey(Phase.MATCHING, buddy=None)

    report = _report(cast)

    assert [row[1] for row in report.tables[0].rows] == [0, 1, 0, 1, 2]
    assert report.tables[1].rows[-1] == ["Total", 1, 0, 1]
    assert report.tables[2].rows == [
        ["Waiting for their year to begin", 1],
        ["In their active year", 0],
        ["In aftercare", 0],
        ["Still taking part", 1],
    ]


def test_a_cohort_stands_where_it_stood_on_its_day(cast, finished):
    # Looked at on the last day of 2023, the finished households were still in their year.
    report = _report(cast, cohort=Cohort(first_year=2023, last_year=2023, on=dt.date(2023, 12, 31)))

    assert [row[1] for row in report.tables[0].rows] == [0, 0, 0, 4, 4]
    assert report.paragraphs[1] == "Nobody finished the trajectory in this period."


def test_the_sums_the_page_shows_are_declared_for_the_audit(cast, finished, others):
    report = _report(cast)

    places, reasons, _running, figures, *_breakdowns = report.tables
    assert places.total_labels == {"Took part"}
    assert reasons.total_columns == {3}
    # "finished" is one number in the places table and the results list.
    assert places.measures[(0, 1)] == figures.measures[(0, 1)] == "finished"
    labels = [row[0] for row in figures.rows]
    work = next(r for r in figures.relations if r.total == (labels.index("Found work"), 1))
    assert work.parts == tuple(
        (labels.index(label), 1)
        for label in [
            "– full-time",
            "– part-time",
            "– fully out of welfare (bijstand)",
            "– mostly out of welfare (bijstand)",
        ]
    )
    assert not work.exact
    everything = next(r for r in figures.relations if r.total == (0, 1))
    assert (labels.index("Young people back at school"), 1) in everything.parts
    assert (labels.index("– with work"), 1) not in everything.parts


def test_one_list_of_results_where_found_work_leaves_out_work_next_to_school(
    cast, finished, others
):
    report = _report(cast)

    assert [t.caption for t in report.tables] == [
        "Where the households stand",
        "Stopped early, by reason",
        "Still taking part, by phase",
        "The results list in figures",
        "Did it last? 12 months after closure",
        "Extended years and aftercare",
        "Who took part, by household type",
        "Working poor: paid work, yet not enough income",
    ]
    figures = dict(report.tables[3].rows)
    assert (figures["Found work"], figures["– with work"]) == (2, 1)
    assert "not under found work" in report.tables[3].notes[0]


def test_it_speaks_dutch_by_default(cast, finished, others):
    with translation.override("nl"):
        report = _report(cast)

    assert report.paragraphs[1] == (
        "Van de 4 deelnemers die het traject afrondden: 1 deelnemer heeft goede huisvesting"
        " gekregen; 2 deelnemers hebben werk gevonden en zijn daarmee volledig (1) of voor het"
        " grootste deel (1) uit de bijstand; 1 deelnemer is een eigen bedrijf in de Zorg"
        " gestart; 2 deelnemers volgen een opleiding op MBO (1) of HBO (1) niveau; de jongere"
        " gaat weer naar school, heeft parttime werk en haalt zijn MBO-diploma."
    )


def test_it_counts_only_the_areas_asked_for(cast, journey, finished):
    elsewhere = AreaFactory(programme=cast.programme, name="Lewenborg", slug="lewenborg")
    journey(Phase.CLOSED, buddy=None, household__area=elsewhere)

    everywhere = _report(cast)
    lewenborg = _report(cast, areas=[elsewhere])

    assert everywhere.tables[0].rows[0][1] == 5
    assert lewenborg.tables[0].rows[0][1] == 1
    assert lewenborg.paragraphs[1] == (
        "Of the 1 participant who finished: no housing, work, own business or education"
        " recorded yet."
    )
    assert lewenborg.period == "referred in 2023–2025, Lewenborg"


def test_nobody_finished_is_said_in_words(cast):
    assert _report(cast).paragraphs[1] == "Nobody finished the trajectory in this period."


def test_a_funder_sees_small_counts_hidden_in_the_tables_and_the_text(cast, finished, others):
    report = _report(cast, threshold=5)

    assert report.paragraphs[1].startswith(
        "Of the participants who finished (how many is hidden): a hidden number of participants"
        " found good housing; a hidden number of participants found work"
    )
    assert all(isinstance(row[1], Suppressed) for row in report.tables[3].rows if row[1])
    assert report.suppression_note


def test_a_sentence_that_starts_with_a_hidden_count_starts_with_a_capital(cast, finished, others):
    report = _report(cast, threshold=10)  # six took part: hidden below ten

    assert ". A hidden number of households took part;" in report.paragraphs[0]


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

    assert report.tables[0].rows[0][1] == 22


# ---- the page ----


def _page(client, cast, query=""):
    return client.get(reverse("results", args=[cast.programme.slug]) + query)


def test_the_coordinator_reads_the_results_page(client, cast, finished, others):
    client.force_login(cast.coordinator)

    response = _page(client, cast, "?from=2023&to=2025")

    text = response.content.decode()
    assert response.status_code == 200
    assert "6 households took part; 4 finished the trajectory" in text
    assert "Of the 4 participants who finished: 1 participant found good housing" in text
    assert "The results list in figures" in text


def test_the_funder_reads_it_suppressed_and_without_any_name(client, cast, finished, others):
    client.force_login(cast.funder)

    # A funder reads whole years that have ended: come back when 2025 is over.
    with time_machine.travel(dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC), tick=False):
        client.force_login(cast.funder)
        # The households referred in 2023, where they stand at the end of 2025.
        response = _page(client, cast, "?year=2023")

    text = response.content.decode()
    assert response.status_code == 200
    assert "a hidden number of participants found good housing" in text
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
    cache.clear()  # the report is built, not read from the cache (`snapshot.cached_exact`)
    with django_assert_max_num_queries(30) as few:
        _page(client, cast)
    for _ in range(10):
        journey(Phase.CLOSED, buddy=None, matched_on=months_ago(20))

    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _page(client, cast).status_code == 200


def test_the_coordinator_chooses_a_cohort_apart_from_the_period(client, cast, finished, others):
    client.force_login(cast.coordinator)

    response = _page(client, cast, "?from=2023&to=2025&cohort_from=2025&cohort_to=2025")

    text = response.content.decode()
    # Only the two referred in 2025: one still in the year, one that moved away.
    assert "2 households took part; 0 finished the trajectory" in text
    assert "cohort_from=2025&amp;cohort_to=2025" in text  # the downloads name the same cohort


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?cohort_from=2025&cohort_to=2023", "The cohort’s first year must not come after"),
        ("?from=2023&to=2024&cohort_from=2025&cohort_to=2025", "referred before the period ends"),
    ],
)
def test_a_cohort_that_cannot_be_counted_is_explained(client, cast, query, message):
    client.force_login(cast.coordinator)

    text = _page(client, cast, query).content.decode()

    assert message.replace("’", "&#x27;") in text or message in text
    assert "Cohort 2023–2024" in text or "Cohort 2023–2025" in text or "Cohort 20" in text
