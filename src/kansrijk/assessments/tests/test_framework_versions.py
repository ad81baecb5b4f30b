"""Past assessments keep the framework and wording they were held with, whatever changes later."""

from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.assessments.choices import Moment
from kansrijk.assessments.services import assessment_record
from kansrijk.core.phases import Phase
from kansrijk.frameworks.models import Domain, Level
from kansrijk.frameworks.selectors import default_framework, framework_for
from kansrijk.frameworks.services import framework_in_use, new_version
from kansrijk.frameworks.shipped import BROAD
from tests.factories import AssessmentFactory, shipped_framework

FIVE = ["home", "wellbeing", "finances", "education", "work"]


def test_a_new_version_leaves_the_wording_of_past_assessments_intact(cast, journey, frozen_today):
    trajectory = journey(Phase.ACTIVE)
    old = AssessmentFactory(trajectory=trajectory, moment=Moment.START)
    newer = new_version(old.framework)
    Domain.objects.filter(framework=newer, code="home").update(name="living")
    Level.objects.filter(domain__framework=newer, domain__code="home", value=2).update(
        label="Wobbly"
    )

    new = assessment_record(
        trajectory=trajectory,
        by=cast.buddy,
        moment=Moment.HALFWAY,
        held_on=frozen_today,
        levels=dict.fromkeys(FIVE, (2, 3)),
    )

    home_then = old.scores.get(domain__code="home")
    home_now = new.scores.get(domain__code="home")
    assert (old.framework.version, new.framework.version) == (1, 2)
    assert (home_then.domain.name, home_then.now.label) == ("home situation", "Shaky")
    assert (home_now.domain.name, home_now.now.label) == ("living", "Wobbly")
    assert framework_in_use(old.framework)
    assert not framework_in_use(shipped_framework(BROAD))


def test_the_coordinator_switches_to_the_eleven_life_areas_and_the_past_stays(
    client, cast, journey
):
    trajectory = journey(Phase.ACTIVE)
    past = AssessmentFactory(trajectory=trajectory, moment=Moment.START)
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("programme_framework", args=[cast.programme.slug]),
        {"framework": "kansrijk-eleven@1", "current": "kansrijk-five@1"},
    )

    assert response.status_code == 302
    assert framework_for(cast.programme).slug == BROAD.slug
    past.refresh_from_db()
    assert past.framework == default_framework()
    assert sorted(past.scores.values_list("domain__code", flat=True)) == sorted(
        ["education", "finances", "home", "wellbeing", "work"]
    )
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert (entry.actor, entry.detail) == (
        cast.coordinator,
        "framework of oost: kansrijk-eleven v1",
    )
