"""Report pages and downloads count in SQL: the same number of queries for 2 or 12 households."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.outcomes.choices import Welfare
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import (
    AssessmentFactory,
    DoorbraakCaseFactory,
    EvaluationFactory,
    OutcomeFactory,
    ProgrammeRoleFactory,
    UserFactory,
    outcome_type_of,
)

PERIOD = {"from": "2023", "to": "2025"}
CEILING = 40
# A funder's page, when the programme's published set is not in the cache, builds every kind of
# report for all areas and for each area (here two selections), to protect them together: more
# queries, as fixed as one build's (the results now add what lasted, extended journeys and
# household types; the dashboard the evaluation).
FUNDER_CEILING = 100
# From the cache: the session, the user, their roles, the second factor, then the programme's
# areas, its threshold and its figures version.
FUNDER_CACHED = 7


def _add(cast, journey, n):
    """n households of each kind: active with assessments and a Doorbraak case, closed with an
    outcome, dropped out; each with its own buddy."""
    for _ in range(n):
        buddy = UserFactory()
        ProgrammeRoleFactory(user=buddy, programme=cast.programme, role=Role.BUDDY)
        active = journey(Phase.ACTIVE, matched_on=dt.date(2024, 4, 1), buddy=buddy)
        closed = journey(Phase.CLOSED, matched_on=dt.date(2023, 3, 1), ended_on=dt.date(2024, 9, 1))
        journey(Phase.DROPPED_OUT, matched_on=dt.date(2024, 1, 1), ended_on=dt.date(2024, 5, 1))
        AssessmentFactory(trajectory=closed, moment=Moment.START)
        EvaluationFactory(trajectory=closed, mark=8)
        AssessmentFactory(trajectory=closed, moment=Moment.END, held_on=dt.date(2024, 3, 1))
        DoorbraakCaseFactory(
            trajectory=active, opened_on=dt.date(2024, 5, 1), solved_on=dt.date(2024, 6, 1)
        )
        OutcomeFactory(
            trajectory=closed,
            outcome_type=outcome_type_of(cast.programme, "paid_work"),
            reached_on=dt.date(2024, 8, 1),
            hours="full_time",
            welfare=Welfare.ENDED,
        )


def _count(client, url) -> int:
    """The queries of a request that finds nothing in the cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, PERIOD)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("who", "name", "kwargs"),
    [
        ("coordinator", "programme_report", {}),
        ("funder", "programme_report", {}),
        ("funder", "cost_benefit", {}),
        ("coordinator", "cost_benefit_edit", {}),
        ("funder", "report_download", {"report_kind": "dashboard", "file_format": "xlsx"}),
        ("funder", "report_download", {"report_kind": "cost-benefit", "file_format": "pdf"}),
        ("coordinator", "report_download", {"report_kind": "results", "file_format": "csv"}),
    ],
)
def test_reports_do_not_query_per_household(
    client, cast, journey, django_assert_max_num_queries, who, name, kwargs
):
    client.force_login(getattr(cast, who))
    url = reverse(name, kwargs={"programme_slug": cast.programme.slug, **kwargs})
    _add(cast, journey, 2)
    client.get(url, PERIOD)  # the first request may seed the programme's outcome types
    small = _count(client, url)
    _add(cast, journey, 10)

    cache.clear()
    with django_assert_max_num_queries(small):
        client.get(url, PERIOD)
    print(f"\n{url}: {small} queries with 2 × 3 households, at most as many with 12 × 3")
    assert small <= (FUNDER_CEILING if who == "funder" else CEILING)


# The coordinator's report pages and the funder's start page, each within its own number of
# queries at both sizes: the session, the user, their roles, the second factor and the
# navigation's count of new referrals, then the page's own. The report's tables that scan the
# same trajectories are counted in one grouped query each (`dashboard.area_counts`,
# `cohort.cohort_breakdown`), the Doorbraak lead times with their median in one, the buddies'
# load in one and the Academie in one; the results' outcomes (what was reached, the
# businesses' sectors, the programme's own kinds and what lasted) in one.
PAGE_QUERIES = {"programme_report": 14, "results": 9}


@pytest.mark.parametrize("name", list(PAGE_QUERIES))
def test_the_coordinators_report_pages_ask_a_fixed_small_number_of_queries(
    client, cast, journey, django_assert_max_num_queries, name
):
    client.force_login(cast.coordinator)
    url = reverse(name, kwargs={"programme_slug": cast.programme.slug})
    for n in (2, 10):
        _add(cast, journey, n)
        with django_assert_max_num_queries(PAGE_QUERIES[name]):
            assert client.get(url, PERIOD).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs", "queries"),
    [
        ("programme_report", {}, FUNDER_CACHED),
        ("results", {}, FUNDER_CACHED),
        ("cost_benefit", {}, FUNDER_CACHED),
        # and the audit log's row of the download
        ("report_download", {"report_kind": "dashboard", "file_format": "csv"}, FUNDER_CACHED + 1),
    ],
)
def test_a_funders_report_from_the_cache_asks_the_same_few_queries_at_any_size(
    client, cast, journey, django_assert_max_num_queries, name, kwargs, queries
):
    client.force_login(cast.funder)
    url = reverse(name, kwargs={"programme_slug": cast.programme.slug, **kwargs})
    for n in (2, 10):
        _add(cast, journey, n)
        client.get(url, PERIOD)  # builds the programme's set for the year after the writes
        with django_assert_max_num_queries(queries):
            assert client.get(url, PERIOD).status_code == 200


def test_the_funders_start_page_shows_a_page_of_programmes_in_the_same_queries(
    client, cast, django_assert_max_num_queries
):
    from kansrijk.reports.views import PROGRAMMES_PER_PAGE
    from tests.factories import ProgrammeFactory

    client.force_login(cast.funder)
    url = reverse("figures")
    for n in (2, PROGRAMMES_PER_PAGE + 3):
        while cast.funder.programme_roles.count() < n:
            ProgrammeRoleFactory(user=cast.funder, programme=ProgrammeFactory(), role=Role.FUNDER)
        with django_assert_max_num_queries(6):
            html = client.get(url).content.decode()
        assert html.count("Open the report of") == min(n, PROGRAMMES_PER_PAGE)
    last = client.get(url, {"page": 2}).content.decode()
    assert last.count("Open the report of") == 3
