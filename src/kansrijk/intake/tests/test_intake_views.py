"""The referral form and the intake form."""

import pytest
from django.urls import reverse

from kansrijk.intake.models import Intake, Referral
from kansrijk.people.choices import MemberRelation
from kansrijk.people.models import Household
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from tests.factories import AreaFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def coordinator_client(client, cast):
    client.force_login(cast.coordinator)
    return client


def _refer_url(cast) -> str:
    return reverse("refer", args=[cast.programme.slug])


def _children(*rows: tuple[str, str]) -> dict[str, str]:
    data = {"children-TOTAL_FORMS": "4", "children-INITIAL_FORMS": "0"}
    for index, (name, year) in enumerate(rows):
        data[f"children-{index}-given_name"] = name
        data[f"children-{index}-birth_year"] = year
    return data


def _referral(cast, **changes) -> dict[str, str]:
    data = {
        "area": str(cast.area.pk),
        "organisation": str(cast.organisation.pk),
        "referrer_name": "Petra",
        "given_name": "Yasmin",
        "family_name": "El Amrani",
        "birth_year": "1988",
        "phone": "06 11223344",
        "postcode": "9736ab",
        "reason": "Debts and stress about the rent.",
        "consent_given": "on",
        "consent_on": "2025-06-12",
        "consent_method": "paper",
        **_children(("Noor", "2016")),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_referral_form_opens_for_the_coordinator(coordinator_client, cast):
    response = coordinator_client.get(_refer_url(cast))

    assert response.status_code == 200
    areas = list(response.context["form"].fields["area"].queryset)
    assert areas == [cast.area]


def test_the_referral_form_offers_only_the_programmes_own_areas(coordinator_client, cast):
    elsewhere = AreaFactory(programme=cast.other_programme)

    response = coordinator_client.post(_refer_url(cast), _referral(cast, area=str(elsewhere.pk)))

    assert response.status_code == 422
    assert "area" in response.context["form"].errors
    assert not Household.objects.exists()


def test_a_good_referral_creates_the_household_and_opens_its_page(coordinator_client, cast):
    response = coordinator_client.post(_refer_url(cast), _referral(cast))

    household = Household.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("household", args=[household.uuid])
    assert (household.display_name, household.postcode) == ("Yasmin El Amrani", "9736 AB")
    child = household.members.get(relation=MemberRelation.CHILD)
    assert (child.given_name, child.family_name, child.birth_year) == ("Noor", "", 2016)
    assert Trajectory.objects.get(household=household).phase == Phase.REFERRED
    page = coordinator_client.get(response["Location"])
    assert "The referral is registered." in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reason": ""}, "reason", "Fill in “"),
        ({"consent_given": None}, "consent_given", "Tick “"),
        ({"postcode": "12345"}, "postcode", "Fill in a Dutch postcode, for example 9736 AB."),
        ({"birth_year": "2015"}, "birth_year", "A participant is at least 16 years old."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"consent_method": "telepathy"}, "consent_method", "telepathy is not one of the"),
    ],
)
def test_a_referral_with_bad_input_answers_422_with_messages_and_creates_nothing(
    coordinator_client, cast, changes, field, message
):
    response = coordinator_client.post(_refer_url(cast), _referral(cast, **changes))

    assert response.status_code == 422
    assert any(message in error for error in response.context["form"][field].errors)
    assert message in response.content.decode()
    assert not Household.objects.exists()
    assert not Referral.objects.exists()


def test_a_child_needs_both_a_first_name_and_a_birth_year(coordinator_client, cast):
    response = coordinator_client.post(_refer_url(cast), _referral(cast, **_children(("Noor", ""))))

    assert response.status_code == 422
    assert "Fill in both the first name and the birth year." in response.content.decode()
    assert not Household.objects.exists()


def test_consent_in_the_future_is_refused_on_the_form_and_creates_nothing(coordinator_client, cast):
    response = coordinator_client.post(_refer_url(cast), _referral(cast, consent_on="2025-06-17"))

    assert response.status_code == 422
    assert "Consent cannot be given on a future date." in response.content.decode()
    assert not Household.objects.exists()


def test_the_referral_form_of_another_programme_is_404(client, cast):
    client.force_login(cast.other_coordinator)

    response = client.post(_refer_url(cast), _referral(cast))

    assert response.status_code == 404
    assert not Household.objects.exists()


def test_the_intake_steps_record_the_intake_and_the_household_waits_for_a_buddy(
    coordinator_client, journey
):
    trajectory = journey(Phase.INTAKE)
    uuid = trajectory.household.uuid

    coordinator_client.post(
        reverse("intake_step", args=[uuid, "basics"]),
        {"version": "1", "stress_now": "The energy bill."},
    )
    coordinator_client.post(
        reverse("intake_step", args=[uuid, "wishes"]), {"version": "2", "wishes": "A calm month."}
    )
    response = coordinator_client.post(
        reverse("intake_finish", args=[uuid]), {"version": "3", "held_on": "2025-06-16"}
    )

    assert response.status_code == 302
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.MATCHING
    assert Intake.objects.get().wishes == "A calm month."


def test_finishing_the_intake_without_the_wishes_answers_422(coordinator_client, journey):
    trajectory = journey(Phase.INTAKE)
    uuid = trajectory.household.uuid
    coordinator_client.post(
        reverse("intake_step", args=[uuid, "basics"]),
        {"version": "1", "stress_now": "The energy bill."},
    )

    response = coordinator_client.post(
        reverse("intake_finish", args=[uuid]), {"version": "2", "held_on": "2025-06-16"}
    )

    assert response.status_code == 422
    assert "Step 2, “What do you want?”, is not filled in yet." in response.content.decode()
    assert Trajectory.objects.get(pk=trajectory.pk).phase == Phase.INTAKE
    assert Intake.objects.get().completed_at is None
