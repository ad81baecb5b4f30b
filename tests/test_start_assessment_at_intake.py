"""The start assessment made at the intake counts as the start everywhere: the household page,
the next assessment's moment, the dashboard's overdue list and the funders' figures."""

import pytest
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.selectors import due_assessments, with_overdue_assessment
from kansrijk.assessments.services import assessment_record_at_intake
from kansrijk.frameworks.selectors import framework_for
from kansrijk.overview.selectors import programme_dashboard
from kansrijk.reports.selectors import domain_changes
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import INTAKE_PICTURE, AssessmentFactory, months_ago

pytestmark = pytest.mark.usefixtures("frozen_today")

LEVELS = INTAKE_PICTURE


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def _picture(trajectory, by):
    return assessment_record_at_intake(
        trajectory=trajectory,
        by=by,
        framework=framework_for(trajectory.household.programme),
        levels=LEVELS,
        version=Trajectory.objects.get(pk=trajectory.pk).version,
    )


def _start_the_year(trajectory, cast, months: int = 2) -> Trajectory:
    Trajectory.objects.filter(pk=trajectory.pk).update(
        phase=Phase.ACTIVE, matched_on=months_ago(months), buddy=cast.buddy, backup=cast.backup
    )
    return Trajectory.objects.get(pk=trajectory.pk)


def test_the_start_made_at_the_intake_counts_as_done_once_the_year_runs(cast, journey):
    trajectory = journey(Phase.INTAKE)
    _picture(trajectory, cast.coordinator)
    # Long enough ago that a start assessment not made would be overdue.
    active = _start_the_year(trajectory, cast, months=3)

    due = due_assessments(active, list(active.assessments.all()))
    overdue = with_overdue_assessment(Trajectory.objects.filter(pk=active.pk))
    dashboard = programme_dashboard(cast.coordinator, cast.programme)

    assert [(d.moment, d.done is not None) for d in due] == [
        (Moment.START, True),
        (Moment.HALFWAY, False),
        (Moment.END, False),
    ]
    assert not overdue.exists()
    assert dashboard.overdue_assessment.count == 0


def test_the_household_page_shows_the_start_from_the_intake_as_done(
    coordinator_client, cast, journey
):
    trajectory = journey(Phase.INTAKE)
    _picture(trajectory, cast.coordinator)
    active = _start_the_year(trajectory, cast)

    page = coordinator_client.get(reverse("household", args=[active.household.uuid]))

    due = {d.moment: d for d in page.context["file"].due}
    assert due[Moment.START].done is not None
    assert page.context["file"].summary.latest.moment == Moment.START


def test_the_next_assessment_after_the_intakes_start_is_the_halfway_one(client, cast, journey):
    trajectory = journey(Phase.INTAKE)
    _picture(trajectory, cast.coordinator)
    active = _start_the_year(trajectory, cast)
    client.force_login(cast.buddy)

    page = client.get(reverse("record_assessment", args=[active.household.uuid]))

    assert page.context["form"].initial["moment"] == Moment.HALFWAY


def test_the_figures_compare_the_end_with_the_start_made_at_the_intake(cast, journey, frozen_today):
    trajectory = journey(Phase.INTAKE)
    _picture(trajectory, cast.coordinator)
    active = _start_the_year(trajectory, cast, months=12)
    AssessmentFactory(
        trajectory=active,
        moment=Moment.END,
        held_on=frozen_today,
        scores={code: (now + 1, wanted) for code, (now, wanted) in LEVELS.items()},
    )

    changes = {
        c.code: c for c in domain_changes([cast.area], since=frozen_today, until=frozen_today)
    }

    assert changes["finances"].assessed == 1
    assert (changes["finances"].average_start, changes["finances"].average_end) == (1, 2)
    assert changes["finances"].went_up == 1
