"""What the referral and the intake tell about a household is stored encrypted, still limited."""

import datetime as dt

import pytest

from kansrijk.intake.forms import ReferralForm
from kansrijk.intake.models import ConsentMethod, Intake, Referral
from kansrijk.intake.services import NewMember, intake_record, referral_register
from kansrijk.intake.step_forms import BasicsForm, StrengthsForm
from kansrijk.people.choices import MemberRelation
from kansrijk.trajectories.choices import Phase
from tests.encryption import assert_encrypted_at_rest

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_the_reasons_stress_and_wishes_of_a_referral_are_encrypted_at_rest(cast):
    trajectory = referral_register(
        by=cast.coordinator,
        area=cast.area,
        organisation=cast.organisation,
        participant=NewMember(MemberRelation.PARTICIPANT, "Yasmin", "El Amrani", 1988),
        others=[],
        contact={},
        reason="Debts with the bailiff at the door.",
        stress_sources="Violence at home.",
        preferences="A woman, speaks Arabic.",
        consent_on=dt.date(2025, 6, 12),
        consent_method=ConsentMethod.IN_PERSON,
    )

    referral = Referral.objects.get(trajectory=trajectory)
    assert_encrypted_at_rest(referral, "reason", "Debts with the bailiff at the door.")
    assert_encrypted_at_rest(referral, "stress_sources", "Violence at home.")
    assert_encrypted_at_rest(referral, "preferences", "A woman, speaks Arabic.")


def test_what_the_intake_brings_to_light_is_encrypted_at_rest(cast, journey, frozen_today):
    trajectory = journey(Phase.INTAKE)

    intake_record(
        trajectory=trajectory,
        by=cast.coordinator,
        held_on=frozen_today,
        stress_now="Gambling debts.",
        wishes="To sleep without worrying.",
        strengths="Good with numbers.",
        notes="Was in hospital last spring.",
        version=trajectory.version,
    )

    intake = Intake.objects.get(trajectory=trajectory)
    assert_encrypted_at_rest(intake, "stress_now", "Gambling debts.")
    assert_encrypted_at_rest(intake, "wishes", "To sleep without worrying.")
    assert_encrypted_at_rest(intake, "strengths", "Good with numbers.")
    assert_encrypted_at_rest(intake, "notes", "Was in hospital last spring.")


def test_the_forms_still_limit_the_length_of_the_encrypted_notes(cast):
    referral = ReferralForm(data={"preferences": "x" * 301}, programme=cast.programme)
    basics = BasicsForm(data={"stress_now": "x" * 3001})
    strengths = StrengthsForm(data={"notes": "x" * 3001})

    assert "preferences" in referral.errors
    assert "stress_now" in basics.errors
    assert "notes" in strengths.errors
