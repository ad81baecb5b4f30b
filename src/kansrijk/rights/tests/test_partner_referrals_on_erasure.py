"""Erasing a household blanks the partner's referral that started its journey (partners)."""

from kansrijk.intake.services import NewMember, referral_register
from kansrijk.partners import services
from kansrijk.partners.choices import Decision
from kansrijk.partners.models import PartnerReferral
from kansrijk.people.choices import MemberRelation
from kansrijk.rights.services import household_erase
from kansrijk.trajectories.choices import DropOutReason
from kansrijk.trajectories.services import trajectory_drop_out
from tests.factories import PartnerReferralFactory

PERSONAL = (
    "given_name",
    "family_name",
    "phone",
    "email",
    "street_address",
    "postcode",
    "languages",
    "reason",
    "stress_sources",
    "preferences",
    "decline_reason",
    "consent_recorded_by",
)


def _sent(cast) -> PartnerReferral:
    """A referral from the organisation's own system (the API), waiting in the inbox."""
    return PartnerReferralFactory(
        area=cast.area, organisation=cast.organisation, source="api", email="y@example.org"
    )


def test_erasing_the_household_blanks_the_referral_that_started_its_journey(cast):
    referral = _sent(cast)
    trajectory = services.partner_referral_accept(by=cast.coordinator, referral=referral)
    # An older journey of another household, from a referral typed in by the coordinator.
    other = referral_register(
        by=cast.coordinator,
        area=cast.area,
        organisation=cast.organisation,
        participant=NewMember(MemberRelation.PARTICIPANT, "Dirk", "Mulder"),
        others=[],
        contact={"phone": "06 5555 1234"},
        reason="Eenzaam.",
        stress_sources="",
        preferences="",
        consent_on=referral.consent_on,
        consent_method="in_person",
    )
    kept = _sent(cast)  # still waiting: not hers to erase
    trajectory_drop_out(
        trajectory=trajectory,
        by=cast.coordinator,
        reason=DropOutReason.PARTICIPANT_STOPPED,
        on=trajectory.referred_on,
        note="",
        version=None,
    )

    household_erase(household=trajectory.household, by=cast.coordinator, reason="Her request.")

    referral.refresh_from_db()
    assert referral.blanked_at is not None
    assert {name: getattr(referral, name) for name in PERSONAL} == dict.fromkeys(PERSONAL, "")
    assert referral.status == Decision.ACCEPTED and referral.trajectory_id == trajectory.pk
    kept.refresh_from_db()
    assert kept.blanked_at is None and kept.given_name == "Yasmin"
    assert other.household.erased_at is None
