"""`kansrijk backup` and `kansrijk restore` on PostgreSQL: pg_dump, pg_restore and the manifest.

The round trip loads the demo, snapshots every row of every table, backs up, changes nearly
every table, restores and compares every row again. The commands run in-process against the
test database (a transactional test: pg_dump and pg_restore are other sessions and must see
what the test wrote).
"""

import io
import json
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from kansrijk.core.backups import key_fingerprint, manifest_path

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump and pg_restore need PostgreSQL; test_backup_restore covers SQLite",
    ),
    pytest.mark.django_db(transaction=True),
]

Snapshot = dict[str, list[tuple]]


def _snapshot() -> Snapshot:
    """Every row of every table, ordered by all its columns (bytea as bytes, to compare)."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}" LIMIT 0')
            columns = ", ".join(str(n) for n in range(1, len(cursor.description) + 1))
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY {columns}')
            snapshot[table] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
    return snapshot


def _change_every_table(snapshot: Snapshot, *, migrations: bool = True) -> None:
    """Delete the last row of every table where the foreign keys allow it; add a few rows.

    Without `migrations` django_migrations stays as it is: a test whose restore is meant to
    fail must leave it whole, since the flush after a test does not restore it.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, rows in snapshot.items():
            if rows and (migrations or table != "django_migrations"):
                try:
                    with transaction.atomic():
                        cursor.execute(
                            f'DELETE FROM "{table}" WHERE ctid = (SELECT max(ctid) FROM "{table}")'
                        )
                except DatabaseError:  # another table points at it, or the audit log refuses
                    pass
        if migrations:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) "
                "VALUES ('core', '9999_not_restored', now())"
            )
        cursor.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES ('core', 'not_restored')"
        )


def _backup(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("backup", str(path), *args, stdout=out)
    return out.getvalue()


def _restore(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_backup_restores_every_row_of_every_table(tmp_path):
    call_command("demo", stdout=io.StringIO())
    original = _snapshot()
    dump = tmp_path / "kansrijk.dump"

    out = _backup(dump)

    assert "Keep FIELD_ENCRYPTION_KEYS with this backup" in out
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    manifest = json.loads(manifest_path(dump).read_text())
    assert manifest["vendor"] == "postgresql"
    assert manifest["rows"] == {table: len(rows) for table, rows in original.items()}
    _change_every_table(original)
    changed = _snapshot()
    with pytest.raises(CommandError, match="Use --force"):
        _restore(dump)
    assert _snapshot() == changed

    _restore(dump, "--force")

    restored = _snapshot()
    assert restored.keys() == original.keys()
    for table, rows in original.items():
        assert restored[table] == rows, table
    # The change touched most tables, so the comparison above compared restored rows.
    touched = [table for table, rows in original.items() if changed[table] != rows]
    assert len(touched) > len([rows for rows in original.values() if rows]) / 2, touched
    assert original["access_auditentry"] and original["contacts_contact"]


def test_a_restore_refuses_a_backup_made_with_other_keys_unless_told(tmp_path, settings):
    dump = tmp_path / "kansrijk.dump"
    _backup(dump)
    backup_key = settings.FIELD_ENCRYPTION_KEYS[0]
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="None of the FIELD_ENCRYPTION_KEYS is the key"):
        _restore(dump, "--force")

    assert "Restored" in _restore(dump, "--force", "--ignore-keys")
    # Mid-rotation, the backup's key behind a new one is the right key too.
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), backup_key]
    assert "Restored" in _restore(dump, "--force")


def test_the_manifest_holds_fingerprints_of_the_keys_never_the_keys(tmp_path, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode() for _ in range(2)]
    dump = tmp_path / "kansrijk.dump"

    _backup(dump)

    text = manifest_path(dump).read_text()
    assert json.loads(text)["keys"] == [key_fingerprint(k) for k in settings.FIELD_ENCRYPTION_KEYS]
    for key in settings.FIELD_ENCRYPTION_KEYS:
        assert key not in text
        assert key.rstrip("=") not in text


def test_a_damaged_dump_changes_nothing(tmp_path):
    # No demo here: what the migrations load (content types, permissions, the frameworks) fills
    # enough tables for pg_restore to fail well after it dropped and created them.
    dump = tmp_path / "kansrijk.dump"
    _backup(dump)
    _change_every_table(_snapshot(), migrations=False)
    changed = _snapshot()
    # The table of contents at the start stays whole; the last table's data loses its end.
    dump.write_bytes(dump.read_bytes()[:-16])

    with pytest.raises(CommandError, match="SHA-256 differs"):
        _restore(dump, "--force")
    # Without the manifest pg_restore reads it into SQL and fails before anything changes.
    with pytest.raises(CommandError, match="cannot be read; nothing changed"):
        _restore(dump, "--force", "--without-manifest")

    assert _snapshot() == changed


def test_a_restore_that_fails_halfway_changes_nothing(tmp_path):
    dump = tmp_path / "kansrijk.dump"
    _backup(dump)
    _change_every_table(_snapshot(), migrations=False)
    # A stray object (not a table) holding the name of an index in the backup: the restore
    # drops and creates every table and loads their rows before that index's turn, then fails.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE django_migrations DROP CONSTRAINT django_migrations_pkey")
        cursor.execute("CREATE SEQUENCE django_migrations_pkey")
    changed = _snapshot()

    try:
        with pytest.raises(CommandError, match="The restore failed and changed nothing"):
            _restore(dump, "--force")
        assert _snapshot() == changed
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP SEQUENCE django_migrations_pkey")
            cursor.execute("ALTER TABLE django_migrations ADD PRIMARY KEY (id)")


def test_a_missing_pg_dump_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError, match=r"pg_dump was not found on the PATH\. Install"):
        _backup(tmp_path / "kansrijk.dump")
    with pytest.raises(CommandError, match="pg_restore was not found on the PATH"):
        (tmp_path / "old.dump").write_bytes(b"PGDMP")
        _restore(tmp_path / "old.dump", "--force", "--without-manifest")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.dump"]


def _fake_pg_dump(folder: Path, version: str) -> None:
    """A pg_dump that says its version and writes down how it was called."""
    script = folder / "pg_dump"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = --version ]; then echo "pg_dump (PostgreSQL) {version}"; exit 0; fi\n'
        f'echo "$@" > {folder}/argv; echo "$PGPASSWORD" > {folder}/password; exit 3\n'
    )
    script.chmod(0o755)


def test_a_pg_dump_older_than_the_server_is_refused(tmp_path, monkeypatch):
    _fake_pg_dump(tmp_path, "9.6.24")
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError, match=r"is version 9, older than the server \(version 1"):
        _backup(tmp_path / "kansrijk.dump")
    assert not (tmp_path / "argv").exists()


def test_the_password_goes_in_the_environment_never_on_the_command_line(tmp_path, monkeypatch):
    _fake_pg_dump(tmp_path, "99.0")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "not-on-the-command-line")

    with pytest.raises(CommandError, match=r"pg_dump failed \(exit status 3\)"):
        _backup(tmp_path / "kansrijk.dump")

    argv = (tmp_path / "argv").read_text()
    assert "--format=custom --no-owner --no-privileges --snapshot=" in argv
    assert f"--dbname={settings.DATABASES['default']['NAME']}" in argv
    assert "not-on-the-command-line" not in argv
    assert (tmp_path / "password").read_text().strip() == "not-on-the-command-line"
    assert not (tmp_path / "kansrijk.dump").exists()
