"""`kansrijk rotate-keys`: a new key in front, rotate, and the old key can go without losing a note."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from kansrijk.cli import with_aliases
from kansrijk.contacts.models import Contact
from kansrijk.documents.models import Document
from tests.encryption import as_bytes, fill_every_encrypted_field, stored
from tests.factories import ContactFactory, DocumentFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def _rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate_keys", *args, stdout=out)
    return out.getvalue()


def _stored_values(notes) -> list[str]:
    return [stored(note.instance, note.field_name) for note in notes]


def test_after_rotating_every_note_reads_with_only_the_new_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    notes = fill_every_encrypted_field()
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]

    out = _rotate()

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    for note in notes:
        fresh = type(note.instance).objects.get(pk=note.instance.pk)
        assert getattr(fresh, note.field_name) == note.text, note.label
        raw = stored(note.instance, note.field_name)
        assert Fernet(KEY_B).decrypt(raw.encode()) == as_bytes(note.text)
    assert f"Re-encrypted {len(notes)} of {len(notes)} values" in out
    assert "contacts.Contact.note" in out


def test_rotating_twice_changes_nothing_the_second_time(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    notes = fill_every_encrypted_field()
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    _rotate()
    after_first = _stored_values(notes)

    out = _rotate()

    assert _stored_values(notes) == after_first
    assert f"Re-encrypted 0 of {len(notes)} values" in out


def test_a_dry_run_counts_per_field_and_changes_nothing(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    notes = fill_every_encrypted_field()
    ContactFactory(note="")
    before = _stored_values(notes)
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]

    out = _rotate("--dry-run")

    assert _stored_values(notes) == before
    contact_line = next(line for line in out.splitlines() if "contacts.Contact.note" in line)
    assert contact_line.split()[1:] == ["1", "values", "1", "to", "re-encrypt"]
    assert f"{len(notes)} of {len(notes)} values would be re-encrypted" in out
    assert "Nothing was changed." in out


def test_a_dry_run_after_rotating_says_the_old_key_can_go(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    fill_every_encrypted_field()
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    _rotate()

    out = _rotate("--dry-run")

    assert "the other keys can be removed" in out


def test_rotation_works_through_more_rows_than_one_batch(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    contacts = [ContactFactory(note=f"Visit {n}.") for n in range(7)]
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]

    _rotate("--batch-size", "2")

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    assert sorted(Contact.objects.values_list("note", flat=True)) == sorted(
        c.note for c in contacts
    )


def test_rotation_stops_with_a_clear_error_when_a_note_has_no_key_left(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    contact = ContactFactory(note="Rent arrears.")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]

    with pytest.raises(CommandError, match=f"contacts.Contact.note of row {contact.pk} cannot"):
        _rotate()


def test_the_kansrijk_command_takes_the_dashed_name():
    assert with_aliases(["kansrijk", "rotate-keys", "--dry-run"]) == [
        "kansrijk",
        "rotate_keys",
        "--dry-run",
    ]
    assert with_aliases(["kansrijk", "help", "rotate-keys"]) == ["kansrijk", "help", "rotate_keys"]
    assert with_aliases(["kansrijk", "backup", "x"]) == ["kansrijk", "backup", "x"]
    assert with_aliases(["kansrijk"]) == ["kansrijk"]


def test_documents_rotate_a_few_at_a_time_and_read_with_only_the_new_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    documents = [DocumentFactory(content=pdf_bytes(f"Brief {n}")) for n in range(7)]
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]

    out = _rotate()

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    for document in documents:
        assert Document.objects.get(pk=document.pk).content == document.content
        raw = stored(document, "content")
        assert Fernet(KEY_B).decrypt(raw.encode()) == document.content
    line = next(line for line in out.splitlines() if "documents.Document.content" in line)
    assert line.split()[1:] == ["7", "values", "7", "re-encrypted"]
