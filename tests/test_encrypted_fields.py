"""Sensitive free text is encrypted at rest: the database holds Fernet tokens, Python plain text."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from kansrijk.contacts.models import Contact
from kansrijk.core.crypto import DecryptionError
from kansrijk.core.fields import EncryptedLookupError, EncryptedTextField, encrypted_fields
from tests.encryption import assert_encrypted_at_rest, fill_every_encrypted_field, stored
from tests.factories import ContactFactory

ENCRYPTED = {
    "academy.Candidate.lived_experience",
    "academy.Candidate.motivation",
    "academy.Candidate.social_experience",
    "academy.CheckIn.note",
    "academy.Interview.notes",
    "academy.VogScan.content",
    "academy.VogScan.name",
    "assessments.Assessment.note",
    "contacts.Appointment.place",
    "contacts.Appointment.purpose",
    "assessments.DomainScore.note",
    "contacts.Contact.note",
    "documents.Document.content",
    "documents.Document.name",
    "escalation.DoorbraakCase.barrier",
    "escalation.DoorbraakCase.blocking_rule",
    "escalation.DoorbraakCase.solution",
    "escalation.Signal.description",
    "escalation.Signal.response",
    "intake.Intake.network",
    "intake.Intake.notes",
    "intake.Intake.strengths",
    "intake.Intake.stress_now",
    "intake.Intake.stress_sources",
    "intake.Intake.wishes",
    "intake.Referral.preferences",
    "intake.Referral.reason",
    "intake.Referral.stress_sources",
    "network.NetworkMap.strengths",
    "network.Tie.name",
    "network.Tie.note",
    "evaluations.Evaluation.bond_words",
    "evaluations.Evaluation.helped",
    "evaluations.Evaluation.improve",
    "outcomes.Outcome.evidence",
    "outcomes.FollowUp.note",
    "partners.PartnerReferral.decline_reason",
    "partners.PartnerReferral.preferences",
    "partners.PartnerReferral.reason",
    "partners.PartnerReferral.stress_sources",
    "plans.Action.what",
    "plans.Goal.status_reason",
    "plans.Goal.text",
    "plans.GoalProposal.text",
    "plans.ProgressNote.previous_text",
    "plans.ProgressNote.text",
    "trajectories.PhaseChange.note",
    "trajectories.Trajectory.end_note",
    "trajectories.TrajectoryExtension.note",
    "transfers.Transfer.decline_reason",
    "transfers.Transfer.reason",
}


def _new_key() -> str:
    return Fernet.generate_key().decode()


def test_the_notes_about_debts_health_violence_and_addiction_are_the_encrypted_fields():
    found = {f"{model._meta.label}.{field.name}" for model, field in encrypted_fields()}

    assert found == ENCRYPTED


@pytest.mark.django_db
def test_every_encrypted_field_stores_a_fernet_token_and_gives_back_the_plain_text():
    notes = fill_every_encrypted_field()

    assert {note.label for note in notes} == ENCRYPTED
    for note in notes:
        assert_encrypted_at_rest(note.instance, note.field_name, note.text)


@pytest.mark.django_db
def test_the_same_note_twice_gives_two_different_tokens():
    first, second = ContactFactory(note="Debts."), ContactFactory(note="Debts.")

    assert stored(first, "note") != stored(second, "note")


@pytest.mark.django_db
def test_an_empty_note_stays_empty_and_can_still_be_filtered_on():
    empty, filled = ContactFactory(note=""), ContactFactory(note="Rent arrears.")

    assert stored(empty, "note") == ""
    assert list(Contact.objects.filter(note="")) == [empty]
    assert list(Contact.objects.exclude(note="")) == [filled]
    assert not Contact.objects.filter(note__isnull=True).exists()


def test_none_stays_none_both_ways():
    field = EncryptedTextField()

    assert field.get_prep_value(None) is None
    assert field.from_db_value(None, None, connection) is None


@pytest.mark.parametrize(
    "lookup",
    [
        {"note": "Rent arrears."},
        {"note__icontains": "rent"},
        {"note__startswith": "Rent"},
        {"note__in": ["Rent arrears."]},
        {"note__gt": ""},
        {"note__lower": "rent arrears."},
    ],
)
@pytest.mark.django_db
def test_a_query_on_the_contents_of_an_encrypted_note_is_refused_with_a_clear_error(lookup):
    with pytest.raises(EncryptedLookupError, match=r"contacts\.Contact\.note is encrypted at rest"):
        list(Contact.objects.filter(**lookup))


@pytest.mark.django_db
def test_a_note_that_no_key_can_decrypt_raises_a_clear_error(settings):
    settings.FIELD_ENCRYPTION_KEYS = [_new_key()]
    contact = ContactFactory(note="Rent arrears.")

    settings.FIELD_ENCRYPTION_KEYS = [_new_key()]

    with pytest.raises(DecryptionError, match=r"contacts\.Contact\.note cannot be decrypted"):
        Contact.objects.get(pk=contact.pk)


@pytest.mark.django_db
def test_plain_text_in_an_encrypted_column_is_an_error_not_a_note():
    contact = ContactFactory(note="Rent arrears.")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE contacts_contact SET note = %s WHERE id = %s", ["Plain", contact.pk])

    with pytest.raises(DecryptionError):
        Contact.objects.get(pk=contact.pk)


@pytest.mark.django_db
def test_a_malformed_key_is_refused_without_showing_it(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]

    with pytest.raises(ImproperlyConfigured, match="key 1 of 1 is not a Fernet key") as refusal:
        ContactFactory(note="Rent arrears.")
    assert "not-a-fernet-key" not in str(refusal.value)


@pytest.mark.django_db
def test_the_keys_are_read_at_every_use(settings):
    first, second = _new_key(), _new_key()
    settings.FIELD_ENCRYPTION_KEYS = [first]
    old = ContactFactory(note="Old.")

    settings.FIELD_ENCRYPTION_KEYS = [second, first]
    new = ContactFactory(note="New.")

    assert Fernet(second).decrypt(stored(new, "note").encode()) == b"New."
    assert Fernet(first).decrypt(stored(old, "note").encode()) == b"Old."
    assert {c.note for c in Contact.objects.all()} == {"Old.", "New."}
