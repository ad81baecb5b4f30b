"""The migrations that encrypt the notes upgrade an existing database without losing a word."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.loader import MigrationLoader

from kansrijk.core import crypto
from kansrijk.core.reencrypt import encrypt_plaintext
from tests.encryption import assert_encrypted_at_rest, fill_every_encrypted_field, stored

APPS = ["assessments", "contacts", "intake", "trajectories"]
# Encrypted from the start, in a later migration: going back before the encryption drops them.
ADDED_LATER = {
    "intake.Intake.stress_sources",
    "intake.Intake.network",
    "assessments.DomainScore.note",
    "plans.Action.what",
    "plans.Goal.status_reason",
    "plans.Goal.text",
    "plans.ProgressNote.previous_text",
    "plans.ProgressNote.text",
    "contacts.Appointment.place",
    "contacts.Appointment.purpose",
    "trajectories.TrajectoryExtension.note",
}


def _encryption_migrations(graph: MigrationGraph) -> list[tuple[str, str]]:
    return sorted(
        key for key in graph.nodes if key[0] in APPS and key[1].endswith("_encrypt_notes")
    )


def _migrate_to(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def _just_before_encryption() -> list[tuple[str, str]]:
    graph = MigrationExecutor(connection).loader.graph
    targets = []
    for key in _encryption_migrations(graph):
        (parent,) = [p for p in graph.node_map[key].parents if p.key[0] == key[0]]
        targets.append(parent.key)
    return targets


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_there_is_one_encryption_migration_per_app_with_encrypted_notes():
    graph = MigrationLoader(None).graph

    assert [app for app, _ in _encryption_migrations(graph)] == APPS


@pytest.mark.django_db(transaction=True)
def test_migrating_encrypts_the_plain_text_already_stored_and_back_again_without_loss():
    # Apps made after the encryption encrypt from their first migration; going back drops them.
    notes = [
        note
        for note in fill_every_encrypted_field()
        if note.instance._meta.app_label in APPS and note.label not in ADDED_LATER
    ]
    try:
        _migrate_to(_just_before_encryption())
        for note in notes:
            assert stored(note.instance, note.field_name) == note.text, note.label

        _migrate_to(_latest())

        for note in notes:
            assert_encrypted_at_rest(note.instance, note.field_name, note.text)
    finally:
        _migrate_to(_latest())


def test_the_migration_step_encrypts_plain_text_and_leaves_tokens_alone():
    token = encrypt_plaintext("Rent arrears.", "a note")

    assert crypto.decrypt(token) == "Rent arrears."
    assert encrypt_plaintext(token, "a note") is None
