"""Assessment due dates through the year: start at pairing, halfway at month 6, end at month 12.

An assessment counts as overdue GRACE_DAYS after its due day; then it shows on the buddy's home
page and in the coordinator's "needs attention".
"""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.selectors import GRACE_DAYS, due_assessments, with_overdue_assessment
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import AssessmentFactory

PAIRED_ON = dt.date(2025, 1, 6)


def _on(day: dt.date):
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    )


def _due(trajectory):
    return {d.moment: d for d in due_assessments(trajectory, list(trajectory.assessments.all()))}


def _overdue_in_sql(trajectory) -> bool:
    return with_overdue_assessment(Trajectory.objects.filter(pk=trajectory.pk)).exists()


def test_start_is_due_at_pairing_halfway_at_month_6_and_the_end_at_month_12(journey):
    trajectory = journey(Phase.ACTIVE, matched_on=PAIRED_ON)

    due = _due(trajectory)

    assert {moment: d.due_on for moment, d in due.items()} == {
        Moment.START: PAIRED_ON,
        Moment.HALFWAY: dt.date(2025, 7, 6),
        Moment.END: dt.date(2026, 1, 6),
    }


def test_through_the_year_each_assessment_turns_overdue_after_its_grace_days(journey):
    trajectory = journey(Phase.ACTIVE, matched_on=PAIRED_ON)

    with _on(PAIRED_ON):
        start = _due(trajectory)[Moment.START]
        assert (start.upcoming, start.overdue) == (True, False)
        assert not _overdue_in_sql(trajectory)
    with _on(PAIRED_ON + dt.timedelta(days=GRACE_DAYS)):
        assert not _due(trajectory)[Moment.START].overdue
        assert not _overdue_in_sql(trajectory)
    with _on(PAIRED_ON + dt.timedelta(days=GRACE_DAYS + 1)):
        assert _due(trajectory)[Moment.START].overdue
        assert _overdue_in_sql(trajectory)

    AssessmentFactory(trajectory=trajectory, moment=Moment.START, held_on=PAIRED_ON)

    with _on(dt.date(2025, 7, 6) + dt.timedelta(days=GRACE_DAYS)):
        due = _due(trajectory)
        assert due[Moment.START].done is not None
        assert not due[Moment.HALFWAY].overdue
        assert not _overdue_in_sql(trajectory)
    with _on(dt.date(2025, 7, 6) + dt.timedelta(days=GRACE_DAYS + 1)):
        assert _due(trajectory)[Moment.HALFWAY].overdue
        assert _overdue_in_sql(trajectory)

    AssessmentFactory(trajectory=trajectory, moment=Moment.HALFWAY, held_on=dt.date(2025, 7, 10))

    with _on(dt.date(2025, 12, 20)):
        end = _due(trajectory)[Moment.END]
        assert (end.upcoming, end.overdue) == (True, False)
    with _on(dt.date(2026, 1, 6) + dt.timedelta(days=GRACE_DAYS + 1)):
        assert _due(trajectory)[Moment.END].overdue
        assert _overdue_in_sql(trajectory)


def test_an_overdue_assessment_shows_on_the_buddys_home_and_the_coordinators_dashboard(
    client, cast, journey
):
    trajectory = journey(Phase.ACTIVE, matched_on=PAIRED_ON)
    AssessmentFactory(trajectory=trajectory, moment=Moment.START, held_on=PAIRED_ON)

    with _on(dt.date(2025, 8, 20)):
        client.force_login(cast.buddy)
        buddy_home = client.get(reverse("buddy_home")).content.decode()
        client.force_login(cast.coordinator)
        dashboard = client.get(reverse("programme", args=[cast.programme.slug]))
        household = client.get(reverse("household", args=[trajectory.household.uuid]))

    assert "Halfway, 6 July 2025" in buddy_home
    assert '<span class="badge badge--warning">overdue</span>' in buddy_home
    assert reverse("record_assessment", args=[trajectory.household.uuid]) in buddy_home
    overdue = dashboard.context["dashboard"].overdue_assessment
    assert overdue.rows == [trajectory]
    assert [d.moment for d in overdue.rows[0].overdue] == [Moment.HALFWAY]
    assert "halfway, due 6 July 2025" in dashboard.content.decode()
    assert "overdue since 6 July 2025" in household.content.decode()


def test_a_household_with_every_assessment_done_is_not_overdue(client, cast, journey):
    trajectory = journey(Phase.ACTIVE, matched_on=PAIRED_ON)
    for moment, day in [
        (Moment.START, PAIRED_ON),
        (Moment.HALFWAY, dt.date(2025, 7, 6)),
        (Moment.END, dt.date(2026, 1, 6)),
    ]:
        AssessmentFactory(trajectory=trajectory, moment=moment, held_on=day)

    with _on(dt.date(2026, 3, 1)):
        assert not any(d.overdue for d in _due(trajectory).values())
        assert not _overdue_in_sql(trajectory)
