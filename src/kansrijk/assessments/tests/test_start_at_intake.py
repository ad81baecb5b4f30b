"""The intake's picture of the life domains is the start assessment: asked once, counted once."""

import pytest
from django.urls import reverse

from kansrijk.assessments.choices import Moment
from kansrijk.assessments.models import Assessment, DomainScore
from kansrijk.assessments.services import assessment_record_at_intake
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.frameworks.models import ProgrammeFramework
from kansrijk.frameworks.selectors import framework_for
from kansrijk.frameworks.shipped import BROAD
from kansrijk.intake.models import Intake
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import INTAKE_PICTURE, shipped_framework

pytestmark = pytest.mark.usefixtures("frozen_today")

LEVELS = INTAKE_PICTURE


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def _version(trajectory) -> int:
    return Trajectory.objects.get(pk=trajectory.pk).version


def _picture(trajectory, by, levels=LEVELS, version=None):
    return assessment_record_at_intake(
        trajectory=trajectory,
        by=by,
        framework=framework_for(trajectory.household.programme),
        levels=levels,
        version=_version(trajectory) if version is None else version,
    )


def _post(client, trajectory, levels=LEVELS):
    framework = framework_for(trajectory.household.programme)
    data = {
        "version": str(_version(trajectory)),
        "framework": f"{framework.slug}@{framework.version}",
    }
    for code, (now, wanted) in levels.items():
        data |= {f"{code}-level": str(now), f"{code}-wanted": str(wanted)}
    return client.post(reverse("intake_picture", args=[trajectory.household.uuid]), data)


def test_the_intakes_picture_is_recorded_as_the_start_assessment_with_the_participant(
    cast, journey, frozen_today
):
    trajectory = journey(Phase.INTAKE)
    before = _version(trajectory)

    start = _picture(trajectory, cast.coordinator)

    assert (start.moment, start.held_on, start.recorded_by) == (
        Moment.START,
        frozen_today,
        cast.coordinator,
    )
    assert (start.with_participant, start.with_buddy, start.with_backup) == (True, False, False)
    assert {s.domain.code: (s.level, s.wanted_level) for s in start.scores.all()} == LEVELS
    assert Intake.objects.get(trajectory=trajectory).steps_saved == [4]
    assert _version(trajectory) == before + 1


def test_saving_the_picture_again_replaces_the_start_assessment_so_there_is_one(cast, journey):
    trajectory = journey(Phase.INTAKE)
    _picture(trajectory, cast.coordinator)

    _picture(trajectory, cast.coordinator, levels={**LEVELS, "work": (4, 5)})

    start = Assessment.objects.get(trajectory=trajectory)
    assert start.scores.get(domain__code="work").level == 4
    assert DomainScore.objects.filter(assessment__trajectory=trajectory).count() == len(LEVELS)


def test_a_picture_without_every_domain_is_refused_and_nothing_is_saved(cast, journey):
    trajectory = journey(Phase.INTAKE)
    before = _version(trajectory)

    with pytest.raises(Refused, match="Fill in every life domain"):
        _picture(trajectory, cast.coordinator, levels={"home": (2, 4)})

    assert not Assessment.objects.exists()
    assert not Intake.objects.filter(trajectory=trajectory).exists()
    assert _version(trajectory) == before


def test_a_picture_saved_on_a_page_someone_else_saved_since_is_refused(cast, journey):
    trajectory = journey(Phase.INTAKE)
    stale = _version(trajectory)
    _picture(trajectory, cast.coordinator)

    with pytest.raises(Overtaken):
        _picture(trajectory, cast.coordinator, levels={**LEVELS, "work": (4, 5)}, version=stale)

    assert Assessment.objects.get().scores.get(domain__code="work").level == 2


def test_the_picture_cannot_be_saved_outside_the_intake(cast, journey):
    trajectory = journey(Phase.MATCHING)

    with pytest.raises(Refused):
        _picture(trajectory, cast.coordinator)

    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "other_coordinator", "funder"])
def test_only_the_programmes_coordinator_opens_the_picture_step(client, cast, journey, who):
    trajectory = journey(Phase.INTAKE)
    client.force_login(getattr(cast, who))

    page = client.get(reverse("intake_picture", args=[trajectory.household.uuid]))
    sent = _post(client, trajectory)

    assert (page.status_code, sent.status_code) == (404, 404)
    assert not Assessment.objects.exists()


def test_the_picture_step_asks_the_domains_of_the_programmes_framework_and_the_check_says_saved(
    coordinator_client, cast, journey
):
    ProgrammeFramework.objects.create(programme=cast.programme, framework=shipped_framework(BROAD))
    trajectory = journey(Phase.INTAKE)
    broad = {d.code: (2, 4) for d in framework_for(cast.programme).domains.all()}

    page = coordinator_client.get(
        reverse("intake_step", args=[trajectory.household.uuid, "first-picture"])
    )
    saved = _post(coordinator_client, trajectory, broad)
    check = coordinator_client.get(saved["Location"])

    html = page.content.decode()
    assert 'name="income-level"' in html and 'name="justice-wanted"' in html
    assert 'name="finances-level"' not in html
    assert saved["Location"] == reverse("intake_finish", args=[trajectory.household.uuid])
    assert Assessment.objects.get(trajectory=trajectory).scores.count() == len(broad)
    assert "Saved as the start assessment" in check.content.decode()


def test_opening_the_picture_again_shows_what_was_saved(coordinator_client, cast, journey):
    trajectory = journey(Phase.INTAKE)
    _picture(trajectory, cast.coordinator)

    page = coordinator_client.get(reverse("intake_picture", args=[trajectory.household.uuid]))

    assert page.context["form"]["work-wanted"].value() == 5
    assert page.context["form"]["finances-level"].value() == 1
