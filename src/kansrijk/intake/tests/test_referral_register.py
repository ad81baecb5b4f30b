"""Registering a referral: a household, its members and a journey in the referral phase."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry
from kansrijk.core.errors import Refused
from kansrijk.intake import services
from kansrijk.intake.forms import ReferralForm
from kansrijk.intake.models import ConsentMethod, Referral
from kansrijk.intake.services import NewMember
from kansrijk.people.choices import Gender, HouseholdType, MemberRelation, Role
from kansrijk.people.models import Household, HouseholdMember
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import PhaseChange, Trajectory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _register(cast, *, by, consent_on: dt.date | None = None, others=None, **extra):
    return services.referral_register(
        by=by,
        area=cast.area,
        organisation=cast.organisation,
        referrer_name="Petra from WIJ",
        participant=NewMember(MemberRelation.PARTICIPANT, "Yasmin", "El Amrani", 1988),
        others=others if others is not None else [],
        contact={"phone": "06 11223344", "postcode": "9736 AB", "languages": "Dutch, Arabic"},
        reason="Debts and stress about the rent.",
        stress_sources="A letter about eviction.",
        preferences="A woman, visits in the evening.",
        consent_on=consent_on or dt.date(2025, 6, 12),
        consent_method=ConsentMethod.IN_PERSON,
        **extra,
    )


def test_a_referral_creates_the_household_its_members_and_a_journey_in_the_referral_phase(
    cast, frozen_today
):
    trajectory = _register(
        cast,
        by=cast.coordinator,
        others=[
            NewMember(MemberRelation.PARTNER, "Karim", "El Amrani"),
            NewMember(MemberRelation.CHILD, "Noor", "El Amrani", 2016),
            NewMember(MemberRelation.CHILD, "Adam", birth_year=2019),
        ],
    )

    household = trajectory.household
    assert (household.display_name, household.programme, household.area) == (
        "Yasmin El Amrani",
        cast.programme,
        cast.area,
    )
    assert (household.phone, household.postcode, household.languages) == (
        "06 11223344",
        "9736 AB",
        "Dutch, Arabic",
    )
    members = {
        (m.relation, m.given_name, m.family_name, m.birth_year) for m in household.members.all()
    }
    assert members == {
        (MemberRelation.PARTICIPANT, "Yasmin", "El Amrani", 1988),
        (MemberRelation.PARTNER, "Karim", "El Amrani", None),
        # Children: a first name and a birth year, never a family name (even when given one).
        (MemberRelation.CHILD, "Noor", "", 2016),
        (MemberRelation.CHILD, "Adam", "", 2019),
    }
    assert (trajectory.phase, trajectory.referred_on, trajectory.version) == (
        Phase.REFERRED,
        frozen_today,
        1,
    )


def test_a_referral_keeps_who_referred_why_and_the_consent(cast):
    trajectory = _register(cast, by=cast.coordinator)

    referral = Referral.objects.get(trajectory=trajectory)
    assert (referral.organisation, referral.referrer_name) == (cast.organisation, "Petra from WIJ")
    assert referral.reason == "Debts and stress about the rent."
    assert (referral.consent_on, referral.consent_method) == (
        dt.date(2025, 6, 12),
        ConsentMethod.IN_PERSON,
    )
    assert referral.recorded_by == cast.coordinator


def test_a_referral_is_the_first_step_in_the_history_and_in_the_audit_log(cast):
    trajectory = _register(cast, by=cast.coordinator)

    change = PhaseChange.objects.get(trajectory=trajectory)
    assert (change.from_phase, change.to_phase, change.by) == ("", Phase.REFERRED, cast.coordinator)
    entry = AuditEntry.objects.get(household=trajectory.household)
    assert (entry.action, entry.actor, entry.role) == (
        AuditAction.CREATE,
        cast.coordinator,
        Role.COORDINATOR,
    )


def test_a_referral_that_knows_the_household_type_keeps_it_and_refuses_an_unknown_one(cast):
    trajectory = _register(cast, by=cast.coordinator, household_type=HouseholdType.SINGLE_PARENT)
    assert trajectory.household.household_type == HouseholdType.SINGLE_PARENT
    with pytest.raises(Refused, match="Choose one of the household types"):
        _register(cast, by=cast.coordinator, household_type="castle")
    assert Household.objects.count() == 1


def test_consent_given_today_is_accepted(cast, frozen_today):
    trajectory = _register(cast, by=cast.coordinator, consent_on=frozen_today)

    assert trajectory.referral.consent_on == frozen_today


def test_consent_dated_in_the_future_is_refused_and_nothing_is_created(cast, frozen_today):
    with pytest.raises(Refused, match="Consent cannot be given on a future date"):
        _register(cast, by=cast.coordinator, consent_on=frozen_today + dt.timedelta(days=1))

    _assert_nothing_created()


@pytest.mark.parametrize("who", ["buddy", "backup", "funder", "other_coordinator", "stranger"])
def test_only_a_coordinator_of_the_programme_registers_a_referral(cast, who):
    with pytest.raises(Refused, match="Only a coordinator of this programme"):
        _register(cast, by=getattr(cast, who))

    _assert_nothing_created()


def _assert_nothing_created() -> None:
    assert not Household.objects.exists()
    assert not HouseholdMember.objects.exists()
    assert not Trajectory.objects.exists()
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_referral_form_records_the_gender_the_participant_prefers_for_the_buddy(client, cast):
    client.force_login(cast.coordinator)
    data = {
        "area": cast.area.pk,
        "organisation": cast.organisation.pk,
        "given_name": "Noor",
        "family_name": "Haddad",
        "reason": "Debts.",
        "preferred_gender": Gender.WOMAN,
        "consent_given": "on",
        "consent_on": "2025-06-01",
        "consent_method": "paper",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("refer", args=[cast.programme.slug]), data)

    assert response.status_code == 302
    assert Referral.objects.get().preferred_gender == Gender.WOMAN
    refused = ReferralForm(
        data={**data, "preferred_gender": Gender.OTHER}, programme=cast.programme
    )
    assert "preferred_gender" in refused.errors
