"""The participant's own page: their year, who may see their file, who looked at it."""

import pytest
from django.core import mail
from django.urls import reverse

from kansrijk.access.models import AuditAction, AuditEntry, ParticipantAccount
from kansrijk.access.services import participant_account_create
from kansrijk.core.errors import Refused
from kansrijk.trajectories.choices import Phase
from tests.factories import AssessmentFactory, IntakeFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def coached(journey):
    return journey(Phase.ACTIVE)


@pytest.fixture
def participant(cast, coached):
    return participant_account_create(
        household=coached.household,
        trajectory=coached,
        by=cast.coordinator,
        email="Sam@Example.org",
    )


def test_a_portal_account_has_no_password_and_no_role(participant, coached):
    assert participant.username == "sam@example.org"
    assert not participant.has_usable_password()
    assert not participant.programme_roles.exists()
    assert ParticipantAccount.objects.get(user=participant).household == coached.household


def test_only_buddy_or_coordinator_make_a_portal_account(cast, coached):
    with pytest.raises(Refused):
        participant_account_create(
            household=coached.household, trajectory=coached, by=cast.backup, email="a@b.nl"
        )
    assert not ParticipantAccount.objects.exists()


def test_a_household_gets_one_portal_account_and_an_address_is_used_once(
    cast, coached, participant, journey
):
    with pytest.raises(Refused, match="already has"):
        participant_account_create(
            household=coached.household, trajectory=coached, by=cast.buddy, email="x@y.nl"
        )
    other = journey(Phase.ACTIVE)
    with pytest.raises(Refused, match="already used"):
        participant_account_create(
            household=other.household, trajectory=other, by=cast.buddy, email="SAM@example.org"
        )


def test_the_coordinator_makes_the_account_and_the_participant_gets_a_link(client, cast, coached):
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("portal_account", args=[coached.household.uuid]), {"email": "sam@example.org"}
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert "/password-reset/" in mail.outbox[0].body


def test_the_participant_lands_on_their_own_page(client, participant, coached):
    IntakeFactory(trajectory=coached, wishes="A job in a bakery.")
    AssessmentFactory(trajectory=coached, moment="start")
    client.force_login(participant)

    response = client.get(reverse("home"), follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("my_file")
    assert "A job in a bakery." in html
    assert "The backup professional" in html


def test_the_participant_reading_their_page_is_logged_as_the_participant(
    client, participant, coached
):
    client.force_login(participant)
    client.get(reverse("my_file"))

    entry = AuditEntry.objects.get(actor=participant, action=AuditAction.VIEW)
    assert entry.household == coached.household
    assert entry.role == "participant"


def test_the_participant_sees_who_looked_at_their_file(client, cast, participant, coached):
    client.force_login(cast.backup)
    client.get(reverse("household", args=[coached.household.uuid]))
    client.force_login(participant)

    html = client.get(reverse("my_reads")).content.decode()

    assert str(cast.backup) in html
    assert "backup professional" in html


def test_the_participant_withdraws_consent_and_the_backup_is_out_at_once(
    client, cast, participant, coached
):
    consent = coached.household.consents.get()
    client.force_login(participant)

    client.post(reverse("withdraw_my_consent", args=[consent.uuid]), {"confirm": "yes"})

    consent.refresh_from_db()
    assert consent.withdrawn_by == participant
    client.force_login(cast.backup)
    assert client.get(reverse("household", args=[coached.household.uuid])).status_code == 404


def test_a_participant_cannot_withdraw_another_households_consent(client, participant, journey):
    other = journey(Phase.ACTIVE).household.consents.get()
    client.force_login(participant)

    response = client.post(reverse("withdraw_my_consent", args=[other.uuid]), {"confirm": "yes"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.withdrawn_at is None


def test_stopping_a_consent_first_asks_in_plain_words_and_the_backup_still_sees(
    client, cast, participant, coached
):
    consent = coached.household.consents.get()
    client.force_login(participant)

    page = client.post(reverse("withdraw_my_consent", args=[consent.uuid])).content.decode()

    assert "Stop this?" in page
    assert "Yes, stop this" in page
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    client.force_login(cast.backup)
    assert client.get(reverse("household", args=[coached.household.uuid])).status_code == 200


def test_a_participant_sees_no_staff_page(client, participant, coached):
    client.force_login(participant)

    for url in (
        reverse("household", args=[coached.household.uuid]),
        reverse("programme", args=[coached.household.programme.slug]),
        reverse("consents", args=[coached.household.uuid]),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "buddy", "backup", "funder", "stranger"])
def test_staff_have_no_portal_page(client, cast, who):
    client.force_login(getattr(cast, who))

    assert client.get(reverse("my_file")).status_code == 404
    assert client.get(reverse("my_reads")).status_code == 404


def test_a_user_without_any_role_or_household_has_no_portal(client, db):
    client.force_login(UserFactory())

    assert client.get(reverse("my_file")).status_code == 404


def test_the_log_names_a_participant_by_role_not_by_e_mail(client, participant):
    client.force_login(participant)
    client.get(reverse("my_file"))

    names = set(AuditEntry.objects.filter(actor=participant).values_list("actor_name", flat=True))
    assert names == {"participant"}


@pytest.mark.parametrize(
    ("url_name", "starts_with"), [("my_export_pdf", b"%PDF"), ("my_export_zip", b"PK")]
)
def test_the_participant_downloads_all_their_data_and_it_is_logged(
    client, participant, coached, url_name, starts_with
):
    client.force_login(participant)

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert response.content.startswith(starts_with)
    assert str(coached.household.uuid) in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        household=coached.household, action=AuditAction.EXPORT, role="participant"
    ).exists()


@pytest.mark.parametrize("url_name", ["my_export_pdf", "my_export_zip"])
def test_staff_cannot_use_the_participants_download(client, cast, url_name):
    client.force_login(cast.coordinator)

    assert client.get(reverse(url_name)).status_code == 404
