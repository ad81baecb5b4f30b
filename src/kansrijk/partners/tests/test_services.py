"""A partner's referral: sent once, accepted once into the intake, or declined with a reason."""

import datetime as dt

import pytest
from django.core import mail

from kansrijk.access.choices import Recipient
from kansrijk.access.models import AuditEntry, Consent
from kansrijk.core.errors import Refused
from kansrijk.intake.models import ConsentMethod, Referral
from kansrijk.partners import selectors, services
from kansrijk.partners.choices import Decision, ReferralStatus, Source
from kansrijk.partners.models import PartnerReferral
from kansrijk.people.choices import HouseholdType
from kansrijk.people.models import Household
from kansrijk.trajectories.choices import Phase
from tests.factories import HouseholdFactory, PartnerReferralFactory, trajectory_in

pytestmark = pytest.mark.usefixtures("frozen_today")

DETAILS = {
    "given_name": "Yasmin",
    "family_name": "El Amrani",
    "phone": "06 11223344",
    "postcode": "9736 AB",
    "street_address": "Beijumerweg 12",
    "household_type": HouseholdType.SINGLE_PARENT,
    "reason": "Debts and stress about the rent.",
    "consent_on": dt.date(2025, 6, 12),
    "consent_method": ConsentMethod.IN_PERSON,
    "share_basic": True,
    "share_plan": True,
}


def _submit(cast, by, **changes):
    referral, _made = services.partner_referral_submit(
        by=by, organisation=cast.organisation, area=cast.area, **{**DETAILS, **changes}
    )
    return referral


def test_a_referrer_sends_a_referral_into_the_programmes_inbox(cast, referrer):
    referral = _submit(cast, referrer)

    assert referral.status == Decision.RECEIVED
    assert (referral.programme, referral.source) == (cast.programme, Source.WEB)
    assert referral.consent_recorded_by == "Petra Verwijzer"
    assert list(selectors.inbox(cast.programme)) == [referral]
    assert list(selectors.referrals_sent_by(referrer)) == [referral]
    assert list(selectors.referrals_of_organisation(cast.organisation)) == [referral]
    assert AuditEntry.objects.filter(actor=referrer, detail="partner referral sent").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"given_name": "  "}, "Fill in the participant's first name."),
        ({"reason": ""}, "Say why you sign this household up."),
        ({"phone": "", "street_address": ""}, "Give a phone number"),
        ({"consent_on": dt.date(2025, 6, 17)}, "Consent cannot be given on a future date."),
        ({"consent_on": dt.date(1, 1, 1)}, "Choose a date between "),
        ({"share_basic": False}, "Without the basic details nothing else can be shown."),
        ({"email": "not an address"}, "E-mail: Enter a valid email address."),
        ({"household_type": "castle"}, "Household type: "),
    ],
)
def test_a_referral_the_coordinator_cannot_act_on_is_refused(cast, referrer, changes, message):
    with pytest.raises(Refused, match=message.replace("(", r"\(")):
        _submit(cast, referrer, **changes)
    assert not PartnerReferral.objects.exists()


def test_only_a_referrer_of_the_areas_programme_sends_one(cast, referrer, other_referrer):
    for user in (cast.coordinator, cast.buddy, cast.stranger):
        with pytest.raises(Refused, match="Only a referrer of this programme"):
            _submit(cast, user)
    with pytest.raises(Refused, match="your own organisation"):
        _submit(cast, other_referrer)
    other_area = __import__("tests.factories", fromlist=["x"]).AreaFactory(
        programme=cast.other_programme
    )
    with pytest.raises(Refused, match="Only a referrer of this programme"):
        services.partner_referral_submit(
            by=referrer, organisation=cast.organisation, area=other_area, **DETAILS
        )
    assert not PartnerReferral.objects.exists()


def test_a_partner_system_sending_its_reference_twice_gets_one_referral(cast):
    def send(reference):
        return services.partner_referral_submit(
            by=None,
            organisation=cast.organisation,
            area=cast.area,
            **{**DETAILS, "client_reference": reference, "consent_recorded_by": "Petra"},
        )

    first, made = send("wij-4711")
    again, made_again = send(" wij-4711 ")

    assert again == first
    assert (made, made_again) == (True, False)
    assert first.source == Source.API and first.referred_by is None
    assert PartnerReferral.objects.count() == 1
    # Without a reference every call is a referral of its own.
    _submit(cast, None, consent_recorded_by="Petra")
    assert PartnerReferral.objects.count() == 2


def test_a_partner_system_names_who_asked_for_consent(cast):
    with pytest.raises(Refused, match="who asked the participant"):
        _submit(cast, None)


def test_accepting_starts_a_journey_with_the_referral_and_the_referrers_consent(
    cast, referrer, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    referral = _submit(cast, referrer)

    with django_capture_on_commit_callbacks(execute=True):
        trajectory = services.partner_referral_accept(by=cast.coordinator, referral=referral)

    referral.refresh_from_db()
    assert (referral.status, referral.trajectory, referral.decided_by) == (
        Decision.ACCEPTED,
        trajectory,
        cast.coordinator,
    )
    household = trajectory.household
    assert (household.display_name, household.phone, household.household_type) == (
        "Yasmin El Amrani",
        "06 11223344",
        HouseholdType.SINGLE_PARENT,
    )
    assert trajectory.phase == Phase.INTAKE
    assert Referral.objects.get(trajectory=trajectory).organisation == cast.organisation
    consent = Consent.objects.get(
        household=household, recipient=Recipient.ORGANISATION, organisation=cast.organisation
    )
    assert (consent.basic, consent.plan, consent.assessments, consent.sensitive) == (
        True,
        True,
        False,
        False,
    )
    assert consent.starts_on == dt.date(2025, 6, 12)
    assert selectors.inbox(cast.programme).count() == 0
    # The referrer hears of it, without a word about the household.
    [message] = mail.outbox
    assert message.to == [referrer.email]
    assert "intake" in message.body and "Yasmin" not in message.body
    assert str(referral.uuid) in message.body


def test_a_referrer_without_sharing_gets_no_consent(cast, referrer):
    referral = _submit(cast, referrer, share_basic=False, share_plan=False)
    trajectory = services.partner_referral_accept(by=cast.coordinator, referral=referral)
    assert not Consent.objects.filter(household=trajectory.household).exists()


def test_an_old_consent_counts_from_a_month_before_the_acceptance(cast, referrer):
    referral = _submit(cast, referrer, consent_on=dt.date(2025, 1, 6))
    trajectory = services.partner_referral_accept(by=cast.coordinator, referral=referral)
    consent = Consent.objects.get(household=trajectory.household)
    assert consent.starts_on == dt.date(2025, 5, 16)


def test_accepting_twice_starts_one_journey_and_says_who_was_first(cast, referrer):
    referral = _submit(cast, referrer)
    services.partner_referral_accept(by=cast.coordinator, referral=referral)

    with pytest.raises(Refused, match="Carla Coördinator accepted this referral already"):
        services.partner_referral_accept(by=cast.coordinator, referral=referral)
    with pytest.raises(Refused, match="accepted this referral already"):
        services.partner_referral_decline(by=cast.coordinator, referral=referral, reason="No")
    assert Household.objects.count() == 1
    assert Referral.objects.count() == 1


def test_a_known_household_is_referred_again(cast, referrer):
    known = trajectory_in(
        Phase.CLOSED, household__programme=cast.programme, household__area=cast.area
    ).household
    referral = _submit(cast, referrer)

    trajectory = services.partner_referral_accept(
        by=cast.coordinator, referral=referral, household=known
    )

    assert trajectory.household == known
    assert known.trajectories.count() == 2
    assert Household.objects.count() == 1


def test_a_household_of_another_programme_or_still_coached_is_not_referred_again(cast, referrer):
    referral = _submit(cast, referrer)
    elsewhere = HouseholdFactory(programme=cast.other_programme)
    with pytest.raises(Refused, match="Choose a household of this programme"):
        services.partner_referral_accept(
            by=cast.coordinator, referral=referral, household=elsewhere
        )
    coached = trajectory_in(
        Phase.ACTIVE, household__programme=cast.programme, household__area=cast.area
    ).household
    with pytest.raises(Refused, match="has not ended yet"):
        services.partner_referral_accept(by=cast.coordinator, referral=referral, household=coached)
    referral.refresh_from_db()
    assert referral.status == Decision.RECEIVED


def test_only_a_coordinator_of_the_programme_decides(cast, referrer):
    referral = _submit(cast, referrer)
    for user in (cast.other_coordinator, referrer, cast.buddy, cast.backup):
        with pytest.raises(Refused, match="Only a coordinator of this programme"):
            services.partner_referral_accept(by=user, referral=referral)
        with pytest.raises(Refused, match="Only a coordinator of this programme"):
            services.partner_referral_decline(by=user, referral=referral, reason="Full")
    referral.refresh_from_db()
    assert referral.status == Decision.RECEIVED


def test_declining_needs_a_reason_and_goes_back_to_the_referrer(
    cast, referrer, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    referral = _submit(cast, referrer)
    with pytest.raises(Refused, match="Say why"):
        services.partner_referral_decline(by=cast.coordinator, referral=referral, reason="  ")

    with django_capture_on_commit_callbacks(execute=True):
        services.partner_referral_decline(
            by=cast.coordinator, referral=referral, reason="The household lives outside Oost."
        )

    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (
        Decision.DECLINED,
        "The household lives outside Oost.",
    )
    assert selectors.referral_status(referral).status == ReferralStatus.DECLINED
    [message] = mail.outbox
    assert "not accepted" in message.body and "Oost" not in message.body
    with pytest.raises(Refused, match="declined this referral already"):
        services.partner_referral_accept(by=cast.coordinator, referral=referral)


def test_the_referrer_hears_of_each_new_step_and_not_of_steps_within_one(
    cast, referrer, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    from kansrijk.trajectories.models import PhaseChange

    referral = PartnerReferralFactory(area=cast.area, referred_by=referrer)
    trajectory = services.partner_referral_accept(by=cast.coordinator, referral=referral)
    mail.outbox.clear()
    queued = []
    for before, after in [
        (Phase.REFERRED, Phase.INTAKE),
        (Phase.INTAKE, Phase.MATCHING),
        (Phase.MATCHING, Phase.MATCHED),
        (Phase.MATCHED, Phase.ACTIVE),
        (Phase.ACTIVE, Phase.AFTERCARE),
        (Phase.AFTERCARE, Phase.CLOSED),
    ]:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            PhaseChange.objects.create(
                trajectory=trajectory, from_phase=before, to_phase=after, by=cast.coordinator
            )
        queued.append(len(callbacks))

    # A change within one step queues nothing (no query after the commit either).
    assert queued == [0, 0, 1, 1, 0, 1]

    assert [m.body.split(": ")[1].split(".")[0] for m in mail.outbox] == [
        "buddy found",
        "year running",
        "ended",
    ]
