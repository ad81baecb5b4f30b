"""`kansrijk backup` and `kansrijk restore` on SQLite, and the manifest on both databases.

The round trip runs the real `kansrijk` command on a SQLite file with the demo loaded, as an
operator would; the tests' own database lives in memory and cannot show a file being restored.
The manifest's checks run before anything is restored, so they are tested in-process on either
database; test_backup_restore_postgresql has PostgreSQL's round trip.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from kansrijk.core.backups import key_fingerprint, manifest_path

KANSRIJK = Path(sys.executable).with_name("kansrijk")

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's files; test_backup_restore_postgresql has PostgreSQL's round trip",
)

Snapshot = dict[str, list[tuple]]


def _kansrijk(database: Path, *args: str, keys: str = "") -> subprocess.CompletedProcess:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "FIELD_ENCRYPTION_KEYS"}
    }
    env.update(DEBUG="1", SQLITE_PATH=str(database), DJANGO_SETTINGS_MODULE="kansrijk.settings")
    if keys:
        env["FIELD_ENCRYPTION_KEYS"] = keys
    return subprocess.run(
        [str(KANSRIJK), *args], env=env, capture_output=True, text=True, timeout=300
    )


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _snapshot(database: Path) -> Snapshot:
    """Every row of every table, in rowid order."""
    db = sqlite3.connect(database)
    try:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        db.close()


def _change_every_table(database: Path, snapshot: Snapshot) -> None:
    """Delete the last row of every table that has rows, and add one migration record."""
    db = sqlite3.connect(database)  # foreign keys are off in a plain connection
    try:
        for table, rows in snapshot.items():
            if rows:
                db.execute(
                    f'DELETE FROM "{table}" WHERE rowid = (SELECT max(rowid) FROM "{table}")'
                )
        db.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('core', '9999_not_restored', '2026-01-01')"
        )
        db.commit()
    finally:
        db.close()


@sqlite_only
def test_a_backup_restores_every_row_of_every_table(tmp_path):
    live, backup = tmp_path / "kansrijk.sqlite3", tmp_path / "backup.sqlite3"
    _ok(_kansrijk(live, "migrate", "--no-input"))
    _ok(_kansrijk(live, "demo"))
    original = _snapshot(live)
    # The app keeps writing while the backup runs: a transaction that has not committed yet.
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM contacts_contact")

    out = _ok(_kansrijk(live, "backup", str(backup)))

    writer.execute("ROLLBACK")
    writer.close()
    assert "Keep FIELD_ENCRYPTION_KEYS with this backup" in out
    assert _snapshot(backup) == original
    manifest = json.loads(manifest_path(backup).read_text())
    assert manifest["vendor"] == "sqlite"
    # SQLite's own bookkeeping (sqlite_sequence) is no table of the app's.
    counted = {table: len(rows) for table, rows in original.items() if table != "sqlite_sequence"}
    assert manifest["rows"] == counted
    _change_every_table(live, original)
    changed = _snapshot(live)
    refused = _kansrijk(live, "restore", str(backup))
    assert refused.returncode != 0
    assert "Use --force" in refused.stderr
    assert _snapshot(live) == changed

    _ok(_kansrijk(live, "restore", str(backup), "--force"))

    restored = _snapshot(live)
    assert restored.keys() == original.keys()
    for table, rows in original.items():
        assert restored[table] == rows, table
        if rows:
            assert changed[table] != rows, table
    # Every model's table, the audit log and Django's own tables among them, came back.
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    tables |= {"django_migrations", "access_auditentry", "django_content_type", "auth_permission"}
    assert tables <= restored.keys()
    assert restored["access_auditentry"]
    # The restored notes still decrypt with the keys: nothing left that no key opens.
    assert "0 of " in _ok(_kansrijk(live, "rotate-keys", "--dry-run"))


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_file_is_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "backup.sqlite3"

    call_command("backup", str(target), stdout=io.StringIO())

    assert target.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".backup.sqlite3.*"))


@sqlite_only
@pytest.mark.django_db
def test_a_backup_does_not_overwrite_a_file_without_force(tmp_path):
    target = tmp_path / "backup.sqlite3"
    target.write_text("an older backup")

    with pytest.raises(CommandError, match=r"exists already\. Use --force"):
        call_command("backup", str(target), stdout=io.StringIO())
    assert target.read_text() == "an older backup"


@sqlite_only
@pytest.mark.django_db
def test_a_restore_refuses_a_file_that_is_not_a_sqlite_database(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("not a database, but long enough to have a header of sorts " * 20)

    with pytest.raises(CommandError, match="is not a SQLite database"):
        call_command("restore", str(source), "--force", "--without-manifest", stdout=io.StringIO())


@sqlite_only
@pytest.mark.django_db
def test_a_restore_refuses_a_sqlite_database_that_is_not_kansrijks(tmp_path):
    source = tmp_path / "other.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE django_migrations (app TEXT, name TEXT, applied TEXT)")
        db.execute("INSERT INTO django_migrations VALUES ('shop', '0001_initial', '2026-01-01')")

    with pytest.raises(CommandError, match="is not a kansrijk database"):
        call_command("restore", str(source), "--force", "--without-manifest", stdout=io.StringIO())


@sqlite_only
@pytest.mark.django_db
def test_a_restore_refuses_a_backup_whose_notes_the_keys_cannot_decrypt(tmp_path):
    source = tmp_path / "elsewhere.sqlite3"
    token = Fernet(Fernet.generate_key()).encrypt(b"Rent arrears.").decode()
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE django_migrations (app TEXT, name TEXT, applied TEXT)")
        db.execute("INSERT INTO django_migrations VALUES ('people', '0001_initial', '2026-01-01')")
        db.execute("CREATE TABLE contacts_contact (id INTEGER PRIMARY KEY, note TEXT)")
        db.execute("INSERT INTO contacts_contact (note) VALUES (?)", [token])

    with pytest.raises(CommandError, match=r"contacts\.Contact\.note\) that none of the"):
        call_command("restore", str(source), "--force", "--without-manifest", stdout=io.StringIO())


@sqlite_only
def test_a_restore_refuses_a_backup_made_with_other_keys_unless_told(tmp_path):
    live, backup = tmp_path / "kansrijk.sqlite3", tmp_path / "backup.sqlite3"
    old_key, new_key = (Fernet.generate_key().decode() for _ in range(2))
    _ok(_kansrijk(live, "migrate", "--no-input", keys=old_key))
    _ok(_kansrijk(live, "backup", str(backup), keys=old_key))

    refused = _kansrijk(live, "restore", str(backup), "--force", keys=new_key)

    assert refused.returncode != 0
    assert "None of the FIELD_ENCRYPTION_KEYS is the key" in refused.stderr
    assert key_fingerprint(old_key) in refused.stderr
    assert old_key not in refused.stderr
    _ok(_kansrijk(live, "restore", str(backup), "--force", "--ignore-keys", keys=new_key))
    _ok(_kansrijk(live, "restore", str(backup), "--force", keys=f"{new_key},{old_key}"))


def _backed_up(tmp_path: Path) -> Path:
    target = tmp_path / "kansrijk.backup"
    call_command("backup", str(target), stdout=io.StringIO())
    return target


@pytest.mark.django_db(transaction=True)
def test_the_manifest_describes_the_backup_with_fingerprints_never_keys(tmp_path, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode() for _ in range(2)]

    target = _backed_up(tmp_path)

    text = manifest_path(target).read_text()
    manifest = json.loads(text)
    assert manifest["keys"] == [key_fingerprint(k) for k in settings.FIELD_ENCRYPTION_KEYS]
    assert not any(key.rstrip("=") in text for key in settings.FIELD_ENCRYPTION_KEYS)
    assert manifest["vendor"] == connection.vendor
    assert manifest["rows"]["django_content_type"] == ContentType.objects.count()
    assert manifest["migrations"]["core"] in {
        name for app, name in MigrationRecorder(connection).applied_migrations() if app == "core"
    }


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_backup_whose_keys_are_not_among_todays(tmp_path, settings):
    target = _backed_up(tmp_path)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="None of the FIELD_ENCRYPTION_KEYS is the key"):
        call_command("restore", str(target), "--force", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_backup_that_is_not_what_its_manifest_describes(tmp_path):
    target = _backed_up(tmp_path)
    with open(target, "ab") as backup:
        backup.write(b"\0")

    with pytest.raises(CommandError, match="SHA-256 differs"):
        call_command("restore", str(target), "--force", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_backup_from_a_newer_kansrijk(tmp_path):
    target = _backed_up(tmp_path)
    described = manifest_path(target)
    manifest = json.loads(described.read_text())
    manifest["migrations"]["core"] = "9999_from_the_future"
    described.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match=r"newer kansrijk.*core\.9999_from_the_future"):
        call_command("restore", str(target), "--force", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_restore_without_a_manifest_says_how_to_go_on(tmp_path):
    target = _backed_up(tmp_path)
    manifest_path(target).unlink()

    with pytest.raises(CommandError, match=r"manifest\.json is missing.*--without-manifest"):
        call_command("restore", str(target), "--force", stdout=io.StringIO())
