"""The participant's consent decides who, besides buddy and coordinator, sees which part."""

import datetime as dt

import pytest
from django.urls import reverse

from kansrijk.access import policy
from kansrijk.access.choices import ConsentMethod, FilePart, Recipient
from kansrijk.access.models import AuditAction, AuditEntry, Consent
from kansrijk.access.services import consent_withdraw
from kansrijk.core.errors import Refused
from kansrijk.core.phases import Phase
from kansrijk.people.choices import Role
from tests.factories import (
    ConsentFactory,
    ContactFactory,
    IntakeFactory,
    OrganisationFactory,
    ProgrammeRoleFactory,
    ReferralFactory,
    UserFactory,
)

from .conftest import give_consent

pytestmark = pytest.mark.usefixtures("frozen_today")


def _household_page(client, user, trajectory):
    client.force_login(user)
    return client.get(reverse("household", args=[trajectory.household.uuid]))


def test_without_consent_the_backup_does_not_see_the_household(client, cast, coached):
    assert coached.household not in policy.visible_households(cast.backup)
    assert _household_page(client, cast.backup, coached).status_code == 404


def test_buddy_and_coordinator_see_the_whole_file_without_any_consent(cast, coached):
    for user in (cast.buddy, cast.coordinator):
        assert policy.visible_parts(user, coached.household, coached) == set(FilePart)


def test_with_consent_the_backup_sees_the_household_and_the_page_says_why(client, cast, coached):
    give_consent(coached, cast.buddy, parts={FilePart.BASIC, FilePart.ASSESSMENTS})

    response = _household_page(client, cast.backup, coached)

    assert response.status_code == 200
    assert "the participant gave consent" in response.content.decode()


def test_consent_withdrawn_means_404_for_the_backup_on_the_next_request(client, cast, coached):
    consent = give_consent(coached, cast.coordinator)
    assert _household_page(client, cast.backup, coached).status_code == 200

    consent_withdraw(consent=consent, trajectory=coached, by=cast.buddy)

    assert _household_page(client, cast.backup, coached).status_code == 404
    assert not policy.may_coach(cast.backup, coached)


def test_consent_that_ended_yesterday_no_longer_counts(client, cast, coached, frozen_today):
    ConsentFactory(
        household=coached.household,
        recorded_by=cast.coordinator,
        starts_on=frozen_today - dt.timedelta(days=30),
        ends_on=frozen_today - dt.timedelta(days=1),
    )

    assert _household_page(client, cast.backup, coached).status_code == 404


def test_consent_for_basic_details_only_hides_notes_plan_and_assessments(client, cast, coached):
    give_consent(coached, cast.coordinator, parts={FilePart.BASIC})
    ReferralFactory(trajectory=coached, reason="Debts at three agencies.")
    IntakeFactory(trajectory=coached, wishes="Work in a kitchen.", stress_now="The bailiff.")
    ContactFactory(trajectory=coached, by=cast.buddy, note="Talked about the bailiff.")

    html = _household_page(client, cast.backup, coached).content.decode()

    assert coached.household.display_name in html
    for hidden in ("Debts at three agencies.", "Work in a kitchen.", "The bailiff", "Start"):
        assert hidden not in html


def test_consent_for_sensitive_notes_shows_them_to_the_backup(client, cast, coached):
    give_consent(coached, cast.coordinator, parts={FilePart.BASIC, FilePart.SENSITIVE})
    ContactFactory(trajectory=coached, by=cast.buddy, note="Talked about the bailiff.")

    html = _household_page(client, cast.backup, coached).content.decode()

    assert "Talked about the bailiff." in html


def test_without_assessment_consent_the_backup_cannot_record_one(client, cast, coached):
    give_consent(coached, cast.coordinator, parts={FilePart.BASIC})
    client.force_login(cast.backup)

    response = client.get(reverse("record_assessment", args=[coached.household.uuid]))

    assert response.status_code == 404


def test_a_doorbraak_professional_sees_a_household_only_with_doorbraak_consent(cast, coached):
    professional = UserFactory()
    ProgrammeRoleFactory(user=professional, programme=cast.programme, role=Role.DOORBRAAK)
    assert coached.household not in policy.visible_households(professional)

    give_consent(coached, cast.coordinator, recipient=Recipient.DOORBRAAK)

    assert coached.household in policy.visible_households(professional)
    assert coached.household not in policy.visible_households(cast.backup)


def test_the_people_of_the_named_organisation_see_the_household_and_no_one_else(cast, coached):
    library = OrganisationFactory(name="De Oude Bieb")
    ReferralFactory(trajectory=coached, organisation=library)
    colleague = UserFactory(organisation=library)
    referrer_elsewhere = UserFactory(organisation=OrganisationFactory())
    ProgrammeRoleFactory(user=referrer_elsewhere, programme=cast.programme, role=Role.REFERRER)
    give_consent(coached, cast.coordinator, recipient=Recipient.ORGANISATION, organisation=library)

    assert coached.household in policy.visible_households(colleague)
    assert coached.household not in policy.visible_households(referrer_elsewhere)


def test_only_buddy_or_coordinator_record_consent(cast, coached):
    with pytest.raises(Refused, match="Only the buddy or a coordinator"):
        give_consent(coached, cast.backup)
    assert not Consent.objects.exists()


def test_consent_needs_the_basic_details(cast, coached):
    with pytest.raises(Refused, match="basic details"):
        give_consent(coached, cast.coordinator, parts={FilePart.SENSITIVE})


def test_consent_cannot_start_in_the_future_or_end_before_it_starts(cast, coached, frozen_today):
    with pytest.raises(Refused, match="future"):
        give_consent(coached, cast.coordinator, starts_on=frozen_today + dt.timedelta(days=1))
    with pytest.raises(Refused, match="end date"):
        give_consent(coached, cast.coordinator, ends_on=coached.referred_on - dt.timedelta(days=1))
    assert not Consent.objects.exists()


def test_recording_and_withdrawing_are_logged(cast, coached):
    consent = give_consent(coached, cast.buddy)
    consent_withdraw(consent=consent, trajectory=coached, by=cast.coordinator)

    details = list(
        AuditEntry.objects.filter(household=coached.household)
        .order_by("id")
        .values_list("action", "detail", "role")
    )
    assert details == [
        (AuditAction.CREATE, "consent backup: basic", Role.BUDDY),
        (AuditAction.CHANGE, "consent backup withdrawn", Role.COORDINATOR),
    ]


def test_a_withdrawn_consent_cannot_be_withdrawn_again(cast, coached):
    consent = give_consent(coached, cast.buddy)
    consent_withdraw(consent=consent, trajectory=coached, by=cast.buddy)

    with pytest.raises(Refused, match="already"):
        consent_withdraw(consent=consent, trajectory=coached, by=cast.buddy)


def test_the_coordinator_records_consent_on_the_consent_page(client, cast, coached):
    client.force_login(cast.coordinator)
    url = reverse("consents", args=[coached.household.uuid])

    response = client.post(
        url,
        {
            "recipient": Recipient.BACKUP,
            "parts": [FilePart.BASIC, FilePart.PLAN],
            "starts_on": coached.referred_on.isoformat(),
            "method": ConsentMethod.PAPER,
        },
    )

    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.parts == (FilePart.BASIC, FilePart.PLAN)
    assert consent.recorded_by == cast.coordinator


def test_the_consent_page_refuses_bad_input_and_saves_nothing(client, cast, coached):
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("consents", args=[coached.household.uuid]), {"parts": [FilePart.PLAN]}
    )

    assert response.status_code == 422
    assert not Consent.objects.exists()


def test_the_backup_cannot_open_the_consent_page_even_with_consent(client, cast, coached):
    give_consent(coached, cast.coordinator)
    client.force_login(cast.backup)

    response = client.get(reverse("consents", args=[coached.household.uuid]))

    assert response.status_code == 404


def test_the_buddy_withdraws_a_consent_after_confirming_it(client, cast, coached):
    consent = give_consent(coached, cast.coordinator)
    client.force_login(cast.buddy)

    response = client.post(
        reverse("withdraw_consent", args=[coached.household.uuid, consent.uuid]),
        {"confirm": "yes"},
    )

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == cast.buddy


def test_a_consent_of_another_household_cannot_be_withdrawn_through_this_one(
    client, cast, journey, coached
):
    other = journey(Phase.ACTIVE)
    foreign = other.household.consents.get()
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("withdraw_consent", args=[coached.household.uuid, foreign.uuid]),
        {"confirm": "yes"},
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.withdrawn_at is None


@pytest.mark.parametrize("who", ["backup", "funder", "stranger", "other_coordinator"])
def test_others_cannot_withdraw_consent(client, cast, coached, who):
    consent = give_consent(coached, cast.coordinator)
    client.force_login(getattr(cast, who))

    url = reverse("withdraw_consent", args=[coached.household.uuid, consent.uuid])

    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_withdrawing_first_says_what_changes_and_changes_nothing_until_confirmed(
    client, cast, coached, method
):
    consent = give_consent(coached, cast.coordinator)
    client.force_login(cast.coordinator)

    response = getattr(client, method)(
        reverse("withdraw_consent", args=[coached.household.uuid, consent.uuid])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Withdraw this consent?" in page
    assert "the backup professional can no longer see" in page
    for part in consent.parts:
        assert str(part.label) in page
    assert 'name="confirm" value="yes"' in page
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
