"""Who the household is: its type and whether it is "working poor", recorded at the intake's
first step and changed later by the coordinator on its own page."""

import re

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.intake.services import household_type_record, intake_save_step
from kansrijk.people.choices import HouseholdType
from kansrijk.people.models import Household
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _household(trajectory) -> Household:
    return Household.objects.get(pk=trajectory.household_id)


def test_the_first_step_of_the_intake_records_the_household_type(client, cast, journey):
    trajectory = journey(Phase.INTAKE)
    client.force_login(cast.coordinator)
    url = reverse("intake_step", args=[trajectory.household.uuid, "basics"])

    response = client.post(
        url,
        {
            "version": trajectory.version,
            "household_type": HouseholdType.SINGLE_PARENT,
            "working_poor": "yes",
            "stress_now": "The rent arrears.",
        },
    )
    page = client.get(url)

    assert response.status_code == 302
    household = _household(trajectory)
    assert (household.household_type, household.working_poor) == ("single_parent", True)
    html = page.content.decode()
    assert re.search(r'value="single_parent"[^>]*checked', html)
    finish = client.get(reverse("intake_finish", args=[trajectory.household.uuid]))
    assert "Single parent with children" in finish.content.decode()


def test_an_intake_step_without_an_answer_leaves_the_type_not_known(cast, journey):
    trajectory = journey(Phase.INTAKE)

    intake_save_step(
        trajectory=trajectory,
        by=cast.coordinator,
        step=1,
        data={"household_type": "", "working_poor": None, "stress_now": "Debts."},
        version=trajectory.version,
    )

    household = _household(trajectory)
    assert (household.household_type, household.working_poor) == ("", None)


@pytest.mark.parametrize("phase", [Phase.ACTIVE, Phase.CLOSED])
def test_the_coordinator_changes_the_type_at_any_point(cast, journey, phase):
    trajectory = journey(phase)

    household_type_record(
        trajectory=trajectory,
        by=cast.coordinator,
        household_type=HouseholdType.YOUNG_PERSON,
        working_poor=False,
        version=trajectory.version,
    )

    household = _household(trajectory)
    assert (household.household_type, household.working_poor) == ("young_person", False)
    assert Trajectory.objects.get(pk=trajectory.pk).version == trajectory.version + 1
    assert AuditEntry.objects.filter(household=household, detail="household type").exists()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator"])
def test_only_the_coordinator_may_change_the_type(cast, journey, who):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused):
        household_type_record(
            trajectory=trajectory,
            by=getattr(cast, who),
            household_type=HouseholdType.SINGLE,
            working_poor=True,
            version=trajectory.version,
        )

    assert _household(trajectory).household_type == ""


def test_an_unknown_type_is_refused(cast, journey):
    trajectory = journey(Phase.ACTIVE)

    with pytest.raises(Refused, match="Choose one of the household types"):
        household_type_record(
            trajectory=trajectory,
            by=cast.coordinator,
            household_type="commune",
            working_poor=None,
            version=trajectory.version,
        )


def test_a_change_on_a_page_someone_else_changed_is_refused(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    household_type_record(
        trajectory=trajectory,
        by=cast.coordinator,
        household_type=HouseholdType.COUPLE,
        working_poor=None,
        version=trajectory.version,
    )

    with pytest.raises(Overtaken):
        household_type_record(
            trajectory=trajectory,
            by=cast.coordinator,
            household_type=HouseholdType.SINGLE,
            working_poor=None,
            version=trajectory.version,
        )

    assert _household(trajectory).household_type == "couple"


def test_the_household_page_shows_the_type_and_the_coordinators_way_to_change_it(
    client, cast, journey
):
    trajectory = journey(Phase.ACTIVE)
    household_type_record(
        trajectory=trajectory,
        by=cast.coordinator,
        household_type=HouseholdType.COUPLE_WITH_CHILDREN,
        working_poor=True,
        version=trajectory.version,
    )
    page = reverse("household", args=[trajectory.household.uuid])
    change = reverse("household_type", args=[trajectory.household.uuid])

    client.force_login(cast.coordinator)
    html = client.get(page).content.decode()
    assert "Couple with children" in html and change in html
    response = client.post(
        change,
        {"version": trajectory.version + 1, "household_type": "single", "working_poor": ""},
    )
    assert response.status_code == 302
    assert (_household(trajectory).household_type, _household(trajectory).working_poor) == (
        "single",
        None,
    )

    client.force_login(cast.buddy)
    html = client.get(page).content.decode()
    assert "Single, without children" in html and change not in html
    assert client.get(change).status_code == 404
    assert client.post(change, {"version": 1, "household_type": "couple"}).status_code == 404
