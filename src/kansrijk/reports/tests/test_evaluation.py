"""The participants' evaluation in the reports: counts and marks in bands, never their words."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from kansrijk.reports.cohort import Cohort
from kansrijk.reports.dashboard import Audience, dashboard_report
from kansrijk.reports.scope import scope_from
from kansrijk.reports.tests.disclosure_check import assert_nothing_disclosed
from kansrijk.trajectories.choices import Phase
from tests.factories import EvaluationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

CAPTION = "The participants' evaluation"
WORDS = "kanariewoordenvandeelnemer"
PERIOD = {"from": "2024", "to": "2024"}


@pytest.fixture
def evaluated(cast, journey):
    """2024: eight households finished (six answered: marks 8, 8, 9, 7, 4, 10), one stopped
    during the year (answered 5), one stopped before it began (not asked)."""
    marks = [8, 8, 9, 7, 4, 10, None, None]
    for mark in marks:
        closed = journey(Phase.CLOSED, matched_on=dt.date(2023, 2, 1), ended_on=dt.date(2024, 5, 1))
        if mark:
            EvaluationFactory(trajectory=closed, mark=mark, helped=WORDS, improve=WORDS)
    stopped = journey(
        Phase.DROPPED_OUT, matched_on=dt.date(2024, 1, 1), ended_on=dt.date(2024, 4, 1)
    )
    EvaluationFactory(trajectory=stopped, mark=5, bond_words=WORDS)
    journey(Phase.DROPPED_OUT, ended_on=dt.date(2024, 3, 1))


def _table(report):
    return next(t for t in report.tables if t.caption == CAPTION)


def _report(cast, audience):
    scope, _form = scope_from(PERIOD, cast.programme)
    cohort = Cohort(first_year=2024, last_year=2024, on=dt.date(2024, 12, 31))
    return dashboard_report(scope, audience, cohort)


def test_the_coordinator_sees_invited_answered_and_the_marks_in_bands(client, cast, evaluated):
    client.force_login(cast.coordinator)

    report = client.get(reverse("programme_report", args=[cast.programme.slug]), PERIOD).context[
        "report"
    ]

    rows = {row[0]: row[1:] for row in _table(report).rows}
    assert rows["Invited to evaluate"] == [8, 1, 9]
    assert rows["Answered"] == [6, 1, 7]
    assert rows["Mark 1–5"] == [1, 1, 2]
    assert rows["Mark 6"] == [0, 0, 0]
    assert rows["Mark 7"] == [1, 0, 1]
    assert rows["Mark 8"] == [2, 0, 2]
    assert rows["Mark 9–10"] == [2, 0, 2]
    assert "Average mark: 7.7 finished, 5 stopped, 7.3 in all." in _table(report).notes


def test_the_funder_sees_small_counts_hidden_and_no_average(cast, evaluated):
    exact = _report(cast, Audience(exact=True, threshold=0))
    shown = _report(cast, Audience(exact=False, threshold=5))

    table = _table(shown)
    assert str(table.rows[1][2]) == "hidden"  # one answer after stopping early
    assert "Average mark: hidden with the counts." in table.notes
    assert_nothing_disclosed(exact, shown, 5)


@pytest.mark.parametrize("kind", ["dashboard", "results", "cost-benefit"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx", "pdf"])
def test_no_word_of_a_participant_reaches_a_funders_download(
    client, cast, evaluated, kind, file_format
):
    client.force_login(cast.funder)
    url = reverse("report_download", args=[cast.programme.slug, kind, file_format])

    response = client.get(url, {"year": "2024"})

    assert response.status_code == 200
    assert WORDS.encode() not in response.content


@pytest.mark.parametrize("page", ["programme_report", "results", "cost_benefit"])
def test_no_word_of_a_participant_reaches_a_funders_page(client, cast, evaluated, page):
    client.force_login(cast.funder)

    response = client.get(reverse(page, args=[cast.programme.slug]), {"year": "2024"})

    assert response.status_code == 200
    assert WORDS not in response.content.decode()
    if page == "programme_report":
        assert escape(CAPTION) in response.content.decode()
