"""Starting the year: after both said yes, the buddy or the coordinator records the first meeting,
and every date of the year counts from that day."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access import policy
from kansrijk.core.dates import add_months
from kansrijk.core.errors import Refused
from kansrijk.trajectories import services
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.rules import may_start_year

DAY = dt.timedelta(days=1)


@pytest.fixture
def matched(journey, frozen_today):
    """A household of programme A whose participant and the cast's buddy said yes 5 days ago."""
    return journey(Phase.MATCHED, paired_on=frozen_today - 5 * DAY)


def _start(trajectory, by, start_on, version=None):
    return services.trajectory_start_year(
        trajectory=trajectory,
        by=by,
        start_on=start_on,
        version=trajectory.version if version is None else version,
    )


@pytest.mark.parametrize("who", ["buddy", "coordinator"])
def test_the_buddy_or_the_coordinator_starts_the_year_on_the_day_of_the_first_meeting(
    cast, matched, snapshot, frozen_today, who
):
    before = snapshot(matched)
    first_meeting = frozen_today - 2 * DAY

    _start(matched, getattr(cast, who), first_meeting)

    started = before.assert_moved(to=Phase.ACTIVE, by=getattr(cast, who))
    assert started.matched_on == first_meeting
    assert started.paired_on == frozen_today - 5 * DAY


def test_the_dates_of_the_year_follow_from_its_start(cast, matched, frozen_today):
    first_meeting = frozen_today - 2 * DAY

    started = _start(matched, cast.buddy, first_meeting)

    assert started.halfway_on == add_months(first_meeting, 6)
    assert started.active_year_ends_on == add_months(first_meeting, 12)


def test_the_year_may_start_on_the_day_both_said_yes(cast, matched, frozen_today):
    assert _start(matched, cast.buddy, frozen_today - 5 * DAY).phase == Phase.ACTIVE


def test_the_year_cannot_start_in_the_future(cast, matched, snapshot, frozen_today):
    before = snapshot(matched)

    with pytest.raises(Refused, match="cannot start in the future"):
        _start(matched, cast.buddy, frozen_today + DAY)

    before.assert_unchanged()


def test_the_year_cannot_start_before_both_said_yes(cast, matched, snapshot, frozen_today):
    before = snapshot(matched)

    with pytest.raises(Refused, match="before participant and buddy said yes"):
        _start(matched, cast.buddy, frozen_today - 6 * DAY)

    before.assert_unchanged()


@pytest.mark.parametrize("who", ["backup", "funder", "other_coordinator", "stranger"])
def test_nobody_else_starts_the_year(cast, matched, snapshot, frozen_today, who):
    before = snapshot(matched)

    assert not may_start_year(getattr(cast, who), matched)
    with pytest.raises(Refused, match="Only the buddy or a coordinator"):
        _start(matched, getattr(cast, who), frozen_today)

    before.assert_unchanged()


def test_a_year_that_started_cannot_start_again(cast, journey, frozen_today):
    active = journey(Phase.ACTIVE)

    assert not may_start_year(cast.coordinator, active)
    with pytest.raises(Refused):
        _start(active, cast.coordinator, frozen_today)


def test_a_start_on_an_old_version_is_refused(cast, matched, snapshot, frozen_today):
    before = snapshot(matched)

    with pytest.raises(Refused, match="Someone else changed"):
        _start(matched, cast.coordinator, frozen_today, version=matched.version + 3)

    before.assert_unchanged()


def test_a_matched_household_counts_for_the_buddy_and_is_in_their_file(cast, matched):
    assert services.buddy_load(cast.buddy) == 1
    assert matched.household in policy.visible_households(cast.buddy)


# ---- the page ----


def _url(name: str, trajectory: Trajectory) -> str:
    return reverse(name, args=[trajectory.household.uuid])


def test_the_buddy_starts_the_year_through_the_form_and_returns_to_the_household(
    client, cast, matched, frozen_today
):
    client.force_login(cast.buddy)

    response = client.post(
        _url("start_year", matched),
        {"version": matched.version, "start_on": (frozen_today - DAY).isoformat()},
        follow=True,
    )

    assert response.redirect_chain == [(_url("household", matched), 302)]
    assert "The year has started." in response.content.decode()
    assert Trajectory.objects.get(pk=matched.pk).matched_on == frozen_today - DAY


def test_the_form_proposes_today_and_shows_a_refused_date_on_the_form(
    client, cast, matched, frozen_today
):
    client.force_login(cast.coordinator)
    form = client.get(_url("start_year", matched)).context["form"]
    assert form["start_on"].value() == frozen_today

    response = client.post(
        _url("start_year", matched),
        {"version": matched.version, "start_on": (frozen_today - 30 * DAY).isoformat()},
    )

    assert response.status_code == 422
    assert "before participant and buddy said yes" in response.content.decode()
    assert Trajectory.objects.get(pk=matched.pk).phase == Phase.MATCHED


@pytest.mark.parametrize("who", ["backup", "funder", "other_coordinator", "stranger"])
def test_the_page_is_not_found_for_anyone_else(client, cast, matched, who):
    client.force_login(getattr(cast, who))

    assert client.get(_url("start_year", matched)).status_code == 404


def test_the_household_page_offers_start_the_year_as_the_first_step(client, cast, matched):
    client.force_login(cast.buddy)

    steps = client.get(_url("household", matched)).context["file"].actions

    assert (steps[0].url, steps[0].style) == (_url("start_year", matched), "primary")


def test_the_buddy_home_and_the_dashboard_show_the_household_waiting_for_its_year(
    client, cast, matched
):
    client.force_login(cast.buddy)
    assert list(client.get(reverse("buddy_home")).context["to_start"]) == [matched]

    client.force_login(cast.coordinator)
    dashboard = client.get(reverse("programme", args=[cast.programme.slug])).context["dashboard"]
    assert dashboard.year_to_start.rows == [matched]
    assert matched not in dashboard.waiting.rows
