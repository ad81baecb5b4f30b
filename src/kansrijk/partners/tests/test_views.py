"""The referrer's pages and the coordinator's inbox: who opens what, and what each one shows."""

import re

import pytest
from django.urls import reverse

from kansrijk.access.models import AuditEntry
from kansrijk.partners import services
from kansrijk.partners.choices import Decision
from kansrijk.partners.models import PartnerReferral
from kansrijk.trajectories.choices import Phase
from tests.factories import PartnerReferralFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

KEY = re.compile(r'name="submission" value="([^"]+)"')


def _key(client, url):
    return KEY.findall(client.get(url).content.decode())[0]


def _sent_by(referrer, cast, **fields):
    return PartnerReferralFactory(
        area=cast.area, organisation=cast.organisation, referred_by=referrer, **fields
    )


def test_the_referrer_signs_a_household_up_and_follows_it(client, cast, referrer):
    client.force_login(referrer)
    url = reverse("referral_new")
    response = client.post(
        url,
        {
            "submission": _key(client, url),
            "area": cast.area.pk,
            "given_name": "Yasmin",
            "family_name": "El Amrani",
            "phone": "06 11223344",
            "reason": "Debts.",
            "consent_given": "on",
            "consent_on": "2025-06-12",
            "consent_method": "in_person",
            "share_basic": "on",
        },
    )
    referral = PartnerReferral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("my_referral", args=[referral.uuid])
    assert referral.referred_by == referrer and referral.organisation == cast.organisation
    page = client.get(reverse("my_referrals")).content.decode()
    assert "Yasmin El Amrani" in page and "Received" in page
    assert client.get(reverse("home"))["Location"] == reverse("my_referrals")


def test_a_referral_without_the_participants_yes_is_not_sent(client, cast, referrer):
    client.force_login(referrer)
    response = client.post(
        reverse("referral_new"),
        {
            "area": cast.area.pk,
            "given_name": "Yasmin",
            "phone": "06 11223344",
            "reason": "Debts.",
            "consent_on": "2025-06-12",
            "consent_method": "in_person",
        },
    )
    assert response.status_code == 422
    assert not PartnerReferral.objects.exists()


def test_a_referrer_opens_only_their_own_referrals(client, cast, referrer, other_referrer):
    theirs = _sent_by(other_referrer, cast)
    mine = _sent_by(referrer, cast)
    client.force_login(referrer)
    assert client.get(reverse("my_referral", args=[theirs.uuid])).status_code == 404
    assert client.get(reverse("my_referral", args=[mine.uuid])).status_code == 200
    assert theirs.family_name not in client.get(reverse("my_referrals")).content.decode()


def test_people_without_the_referrer_role_get_404(client, cast):
    for user in (cast.coordinator, cast.buddy, cast.stranger):
        client.force_login(user)
        assert client.get(reverse("my_referrals")).status_code == 404
        assert client.get(reverse("referral_new")).status_code == 404


def test_the_referrer_sees_the_step_and_the_file_link_only_with_consent(client, cast, referrer):
    with_consent = _sent_by(referrer, cast, share_basic=True)
    without = _sent_by(referrer, cast, share_basic=False, family_name="Zonder")
    services.partner_referral_accept(by=cast.coordinator, referral=with_consent)
    services.partner_referral_accept(by=cast.coordinator, referral=without)
    client.force_login(referrer)

    page = client.get(reverse("my_referral", args=[with_consent.uuid])).content.decode()
    with_consent.refresh_from_db()
    household = with_consent.trajectory.household
    assert 'aria-current="step">Intake' in page
    assert reverse("household", args=[household.uuid]) in page
    assert client.get(reverse("household", args=[household.uuid])).status_code == 200

    page = client.get(reverse("my_referral", args=[without.uuid])).content.decode()
    without.refresh_from_db()
    assert reverse("household", args=[without.trajectory.household.uuid]) not in page
    reads = AuditEntry.objects.filter(actor=referrer, detail="partner referral")
    assert reads.count() == 2
    # Only the open file counts as a read of the household ("who looked at my file").
    assert set(reads.values_list("household", flat=True)) == {household.pk, None}


def test_a_declined_referral_shows_its_reason_to_the_referrer(client, cast, referrer):
    referral = _sent_by(referrer, cast)
    services.partner_referral_decline(
        by=cast.coordinator, referral=referral, reason="Lives in West."
    )
    client.force_login(referrer)
    page = client.get(reverse("my_referral", args=[referral.uuid])).content.decode()
    assert "Not accepted" in page and "Lives in West." in page


def test_the_coordinator_accepts_from_the_inbox_and_goes_to_the_intake(client, cast, referrer):
    referral = _sent_by(referrer, cast)
    client.force_login(cast.coordinator)
    inbox = client.get(reverse("referral_inbox", args=[cast.programme.slug])).content.decode()
    assert referral.participant_name in inbox
    assert "Referrals (1)" in inbox
    url = reverse("incoming_referral", args=[cast.programme.slug, referral.uuid])

    response = client.post(url, {"submission": _key(client, url), "household": "new"})

    referral.refresh_from_db()
    assert referral.status == Decision.ACCEPTED
    assert referral.trajectory.phase == Phase.INTAKE
    assert response["Location"] == reverse("intake", args=[referral.trajectory.household.uuid])
    # A second tab still showing the form is told it was accepted already.
    again = client.post(url, {"household": "new"})
    assert again.status_code == 422
    assert "accepted this referral already" in again.content.decode()
    assert PartnerReferral.objects.get().trajectory == referral.trajectory


def test_the_coordinator_sees_likely_duplicates_and_refers_a_known_household_again(
    client, cast, referrer, journey
):
    known = journey(Phase.CLOSED)
    known.household.display_name = "Yasmin Bakker"
    known.household.save()
    referral = _sent_by(referrer, cast, given_name="Yasmin", family_name="Bakker")
    client.force_login(cast.coordinator)
    url = reverse("incoming_referral", args=[cast.programme.slug, referral.uuid])
    page = client.get(url).content.decode()
    assert "Is this the same household?" in page and str(known.household.uuid) in page

    client.post(url, {"submission": _key(client, url), "household": str(known.household.uuid)})

    referral.refresh_from_db()
    assert referral.trajectory.household == known.household


def test_declining_needs_a_reason(client, cast, referrer):
    referral = _sent_by(referrer, cast)
    client.force_login(cast.coordinator)
    url = reverse("referral_decline", args=[cast.programme.slug, referral.uuid])
    assert client.post(url, {"reason": ""}).status_code == 422
    response = client.post(url, {"reason": "Outside the area."})
    assert response["Location"] == reverse("referral_inbox", args=[cast.programme.slug])
    referral.refresh_from_db()
    assert referral.status == Decision.DECLINED


def test_a_coordinator_of_another_programme_gets_404(client, cast, referrer):
    referral = _sent_by(referrer, cast)
    client.force_login(cast.other_coordinator)
    for url in (
        reverse("referral_inbox", args=[cast.programme.slug]),
        reverse("incoming_referral", args=[cast.programme.slug, referral.uuid]),
        reverse("incoming_referral", args=[cast.other_programme.slug, referral.uuid]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("referral_decline", args=[cast.other_programme.slug, referral.uuid]),
            {"reason": "No"},
        ).status_code
        == 404
    )
    referral.refresh_from_db()
    assert referral.status == Decision.RECEIVED


def test_the_lists_take_a_bounded_number_of_queries(
    client, cast, referrer, django_assert_max_num_queries
):
    for _ in range(3):
        _sent_by(referrer, cast)
    client.force_login(referrer)
    with django_assert_max_num_queries(12):
        client.get(reverse("my_referrals"))
    client.force_login(cast.coordinator)
    with django_assert_max_num_queries(14):
        client.get(reverse("referral_inbox", args=[cast.programme.slug]))
    for _ in range(20):
        _sent_by(referrer, cast)
    client.force_login(referrer)
    with django_assert_max_num_queries(12):
        client.get(reverse("my_referrals"))
    client.force_login(cast.coordinator)
    with django_assert_max_num_queries(14):
        client.get(reverse("referral_inbox", args=[cast.programme.slug]))


def test_a_referrer_counts_as_staff_and_needs_a_second_factor(cast, referrer):
    from kansrijk.accounts.selectors import counts_as_staff

    assert counts_as_staff(referrer)
