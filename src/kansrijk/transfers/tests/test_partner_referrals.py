"""A partner's referral after its household moved to another programme."""

import pytest
from django.urls import reverse

from kansrijk.partners import services as partner_services
from kansrijk.transfers import services
from tests.factories import PartnerReferralFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def test_after_a_transfer_the_old_coordinator_no_longer_reads_the_accepted_referral(
    client, cast, selwerd
):
    accepted = PartnerReferralFactory(area=cast.area, organisation=cast.organisation)
    declined = PartnerReferralFactory(area=cast.area, organisation=cast.organisation)
    partner_services.partner_referral_accept(by=cast.coordinator, referral=accepted)
    partner_services.partner_referral_decline(by=cast.coordinator, referral=declined, reason="No.")
    accepted.refresh_from_db()
    client.force_login(cast.coordinator)
    url = reverse("incoming_referral", args=[cast.programme.slug, accepted.uuid])
    assert client.get(url).status_code == 200

    transfer = services.transfer_request(
        household=accepted.trajectory.household,
        by=cast.coordinator,
        to_area=selwerd,
        reason="The family moved house.",
    )
    services.transfer_accept(transfer=transfer, by=cast.other_coordinator)

    # Her phone, address and reason are the household's now, in programme B.
    assert client.get(url).status_code == 404
    decline = reverse("referral_decline", args=[cast.programme.slug, accepted.uuid])
    assert client.post(decline, {"reason": "No."}).status_code == 404
    # A declined referral has no household: it stays its programme's coordinator's.
    url = reverse("incoming_referral", args=[cast.programme.slug, declined.uuid])
    assert client.get(url).status_code == 200
