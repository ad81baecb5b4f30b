"""The role pages read in a fixed number of queries, however many households there are.

Each test measures a page with 5 households in every phase, then again after adding 45 more
in every phase (50 each), and prints both counts (`pytest -s` shows them).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.core.phases import WAITING_PHASES
from kansrijk.overview.selectors import ATTENTION_LIMIT
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.trajectories import counts
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import (
    AssessmentFactory,
    ContactFactory,
    HouseholdMemberFactory,
    IntakeFactory,
    PhaseChangeFactory,
    ProgrammeRoleFactory,
    ReferralFactory,
)

# The household page and dashboard also read the signals to the backup and Doorbraak cases, and
# the coordinator's menu counts the referrals waiting in the inbox.
CEILING = 25
# The goal for every key page, with the queries every logged-in page pays (the session and the
# signed-in user's one read).
KEY_PAGE_CEILING = 10
SMALL, LARGE = 5, 50


def _add_households(cast, journey, per_phase: int) -> None:
    """Households in every phase, coached by the cast's pair, each with a full file."""
    for phase in Phase:
        for _ in range(per_phase):
            trajectory = journey(phase)
            HouseholdMemberFactory(household=trajectory.household)
            ReferralFactory(trajectory=trajectory, organisation=cast.organisation)
            if trajectory.matched_on:
                ContactFactory(trajectory=trajectory, on=trajectory.matched_on)
                AssessmentFactory(trajectory=trajectory)


def _queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def _measure_small_then_large(client, cast, journey, url: str) -> tuple[int, int, object]:
    _add_households(cast, journey, SMALL)
    small, _ = _queries(client, url)
    _add_households(cast, journey, LARGE - SMALL)
    large, response = _queries(client, url)
    print(f"\n{url}: {small} queries with {SMALL} per phase, {large} with {LARGE} per phase")
    return small, large, response


def _full_lists(dashboard) -> int:
    """Attention lists that reached their limit (their count goes beyond their rows)."""
    lists = (
        dashboard.no_contact,
        dashboard.overdue_assessment,
        dashboard.ending_soon,
        dashboard.year_to_start,
        dashboard.waiting,
    )
    return sum(len(attention.rows) == ATTENTION_LIMIT for attention in lists)


def _dashboard_queries(client, url: str) -> tuple[int, object]:
    """The dashboard as a coordinator sees it most days: the factories write past the services,
    so the phase counts are made as the services would keep them, and the reach, cached under
    the figures' version, was counted by an earlier view."""
    counts.rebuild()
    client.get(url)
    return _queries(client, url)


def test_the_coordinator_dashboard_does_not_query_per_household(client, cast, journey):
    client.force_login(cast.coordinator)
    url = reverse("programme", args=[cast.programme.slug])
    _add_households(cast, journey, SMALL)
    small, response = _dashboard_queries(client, url)
    full_when_small = _full_lists(response.context["dashboard"])
    _add_households(cast, journey, LARGE - SMALL)

    large, response = _dashboard_queries(client, url)

    print(f"\n{url}: {small} queries with {SMALL} per phase, {large} with {LARGE} per phase")
    dashboard = response.context["dashboard"]
    # Every list, full or not, and its count come from one query over the open journeys.
    assert _full_lists(dashboard) > full_when_small
    waiting = Trajectory.objects.filter(phase__in=WAITING_PHASES).exclude(phase=Phase.MATCHED)
    assert dashboard.waiting.count == waiting.count() > ATTENTION_LIMIT
    assert large == small
    assert large <= KEY_PAGE_CEILING


def test_the_household_list_does_not_query_per_household(client, cast, journey):
    client.force_login(cast.coordinator)

    small, large, _ = _measure_small_then_large(
        client, cast, journey, reverse("programme_households", args=[cast.programme.slug])
    )

    assert small == large
    assert large <= CEILING


def test_the_household_page_does_not_query_per_member_contact_assessment_or_change(
    client, cast, journey
):
    trajectory = journey(Phase.ACTIVE)
    IntakeFactory(trajectory=trajectory)
    ReferralFactory(trajectory=trajectory)
    url = reverse("household", args=[trajectory.household.uuid])
    client.force_login(cast.coordinator)

    def add(count: int) -> None:
        for _ in range(count):
            HouseholdMemberFactory(household=trajectory.household, relation=MemberRelation.CHILD)
            ContactFactory(trajectory=trajectory)
            AssessmentFactory(trajectory=trajectory, moment=Moment.EXTRA)
            PhaseChangeFactory(trajectory=trajectory, by=cast.coordinator)

    add(SMALL)
    small, _ = _queries(client, url)
    add(LARGE - SMALL)
    large, _ = _queries(client, url)

    print(f"\n{url}: {small} queries with {SMALL} of everything, {large} with {LARGE}")
    assert small == large
    assert large <= CEILING


def test_the_buddy_home_does_not_query_per_household(client, cast, journey):
    # More households than a buddy may coach (two), to make any per-row query show.
    client.force_login(cast.buddy)

    small, large, response = _measure_small_then_large(client, cast, journey, reverse("buddy_home"))

    assert len(response.context["coached"]) == 2 * LARGE  # active and aftercare
    assert small == large
    assert large <= CEILING


def test_the_backup_home_does_not_query_per_household(client, cast, journey):
    client.force_login(cast.backup)

    small, large, response = _measure_small_then_large(
        client, cast, journey, reverse("backup_home")
    )

    assert len(response.context["coached"]) == 2 * LARGE
    assert small == large
    assert large <= CEILING


def test_the_funders_start_page_does_not_query_per_household_or_programme(client, cast, journey):
    ProgrammeRoleFactory(user=cast.funder, programme=cast.other_programme, role=Role.FUNDER)
    client.force_login(cast.funder)

    small, large, response = _measure_small_then_large(client, cast, journey, reverse("figures"))

    assert set(response.context["programmes"]) == {cast.programme, cast.other_programme}
    assert small == large
    assert large <= CEILING


@pytest.mark.parametrize("page", ["household", "log_contact", "record_assessment"])
def test_household_pages_stay_under_the_ceiling(client, cast, journey, page):
    trajectory = journey(Phase.ACTIVE)
    client.force_login(cast.buddy)
    url = reverse(page, args=[trajectory.household.uuid])
    # The first request may set up what a flushed test database lacks (the shipped framework).
    client.get(url)

    count, _ = _queries(client, url)

    assert count <= CEILING
