"""The assessments on the household page and the participant's own page: progress per domain,
the chart with its table, in a number of queries that does not grow with the assessments."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.services import participant_account_create
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.selectors import assessments_with_scores, year_summary
from kansrijk.trajectories.choices import Phase
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

FIVE = ["home", "wellbeing", "finances", "education", "work"]
# Both pages, whatever the number of assessments behind them. Her own page also shows her
# proposed goals, network map, Doorbraak cases, follow-up and evaluation: a few queries each.
MAX_QUERIES = 35


@pytest.fixture
def assessed(journey):
    trajectory = journey(Phase.ACTIVE, matched_on=dt.date(2024, 12, 2))
    AssessmentFactory(
        trajectory=trajectory,
        moment=Moment.START,
        held_on=dt.date(2024, 12, 9),
        scores=dict(zip(FIVE, [(2, 4), (3, 4), (1, 3), (3, 3), (2, 4)], strict=True)),
    )
    AssessmentFactory(
        trajectory=trajectory,
        moment=Moment.HALFWAY,
        held_on=dt.date(2025, 6, 2),
        scores=dict(zip(FIVE, [(3, 4), (3, 4), (2, 3), (2, 3), (2, 4)], strict=True)),
        scores__notes={"finances": "The debts are frozen."},
    )
    return trajectory


def _participant(cast, trajectory):
    return participant_account_create(
        household=trajectory.household, trajectory=trajectory, by=cast.coordinator, email="p@x.nl"
    )


def test_the_summary_compares_each_domain_with_the_assessment_before(assessed):
    summary = year_summary(assessments_with_scores(assessed))

    assert [(row.code, row.previous, row.level, row.direction) for row in summary.progress] == [
        ("home", 2, 3, "up"),
        ("wellbeing", 3, 3, "same"),
        ("finances", 1, 2, "up"),
        ("education", 3, 2, "down"),
        ("work", 2, 2, "same"),
    ]
    assert [bar.label for bar in summary.chart.rows[0].bars] == ["Start", "Halfway"]


def test_the_household_page_shows_progress_in_words_and_the_chart_with_a_table(
    client, cast, assessed
):
    client.force_login(cast.buddy)

    html = client.get(reverse("household", args=[assessed.household.uuid])).content.decode()

    assert "went up (2 → 3)" in html
    assert "went down (3 → 2)" in html
    assert html.count("stayed the same") == 2
    assert "3 of 5: Steady, but fragile" in html
    assert "The debts are frozen." in html
    assert '<svg class="chart__svg" viewBox="0 0 360 ' in html
    assert '<title id="year-chart-svg-title">Life domains over the year</title>' in html
    assert '<th scope="row">Finances</th>' in html
    assert not re.search(r"\d,\d", re.search(r"<svg class=\"chart__svg\".*?</svg>", html, re.S)[0])


def test_the_backup_without_consent_for_sensitive_notes_sees_no_notes(client, cast, assessed):
    client.force_login(cast.backup)

    html = client.get(reverse("household", args=[assessed.household.uuid])).content.decode()

    assert "went up (2 → 3)" in html
    assert "The debts are frozen." not in html


def test_the_participant_sees_their_own_progress_and_chart(client, cast, assessed):
    client.force_login(_participant(cast, assessed))

    html = client.get(reverse("my_file")).content.decode()

    assert "Where you stand" in html
    assert "went up (1 → 2)" in html
    assert "you want to reach 4" in html
    assert "The debts are frozen." in html
    assert "Life domains over the year" in html


def test_the_chart_draws_numbers_with_a_dot_in_dutch_too(client, cast, assessed):
    client.force_login(cast.buddy)

    response = client.get(
        reverse("household", args=[assessed.household.uuid]), headers={"accept-language": "nl"}
    )

    svg = re.search(r"<svg class=\"chart__svg\".*?</svg>", response.content.decode(), re.S)[0]
    assert not re.search(r"\d,\d", svg)


@pytest.mark.parametrize("page", ["household", "my_file"])
def test_the_pages_ask_the_same_queries_for_two_or_twenty_assessments(
    client, cast, assessed, page, django_assert_max_num_queries, django_assert_num_queries
):
    participant = _participant(cast, assessed)
    client.force_login(cast.buddy if page == "household" else participant)
    url = reverse(page, args=[assessed.household.uuid]) if page == "household" else reverse(page)
    client.get(url)  # warm up: sessions, caches

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(18):
        AssessmentFactory(
            trajectory=assessed,
            moment=Moment.EXTRA,
            held_on=dt.date(2025, 6, 1) + dt.timedelta(day),
        )

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    with django_assert_num_queries(len(few)):
        client.get(url)

    assert response.status_code == 200
    assert "Only the latest 6 of 20 assessments are drawn." in response.content.decode()
