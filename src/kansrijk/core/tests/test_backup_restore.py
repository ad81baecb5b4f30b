"""`kansrijk backup` and `kansrijk restore`: SQLite's online backup, and the recipe on PostgreSQL.

The round trip runs the real `kansrijk` command on a SQLite file with the demo loaded, as an
operator would; the tests' own database lives in memory and cannot show a file being restored.
"""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kansrijk.core.backups import postgres_recipe

KANSRIJK = Path(sys.executable).with_name("kansrijk")

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="backup and restore copy SQLite files; on PostgreSQL they print the pg_dump recipe",
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the recipe is printed on PostgreSQL only"
)

Snapshot = dict[str, list[tuple]]


def _kansrijk(database: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "FIELD_ENCRYPTION_KEYS"}
    }
    env.update(DEBUG="1", SQLITE_PATH=str(database), DJANGO_SETTINGS_MODULE="kansrijk.settings")
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
        call_command("restore", str(source), "--force", stdout=io.StringIO())


@sqlite_only
@pytest.mark.django_db
def test_a_restore_refuses_a_sqlite_database_that_is_not_kansrijks(tmp_path):
    source = tmp_path / "other.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE django_migrations (app TEXT, name TEXT, applied TEXT)")
        db.execute("INSERT INTO django_migrations VALUES ('shop', '0001_initial', '2026-01-01')")

    with pytest.raises(CommandError, match="is not a kansrijk database"):
        call_command("restore", str(source), "--force", stdout=io.StringIO())


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
        call_command("restore", str(source), "--force", stdout=io.StringIO())


def test_the_postgresql_recipe_uses_pg_dump_and_pg_restore_and_names_the_keys():
    recipe = postgres_recipe("/backups/kansrijk 2026.dump")

    assert "pg_dump --format=custom --no-owner --file='/backups/kansrijk 2026.dump'" in recipe
    assert "pg_restore --clean --if-exists" in recipe
    assert "FIELD_ENCRYPTION_KEYS" in recipe


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize("command", ["backup", "restore"])
def test_on_postgresql_the_commands_print_the_recipe_and_stop(tmp_path, command):
    out = io.StringIO()

    with pytest.raises(CommandError, match="work on SQLite only"):
        call_command(command, str(tmp_path / "kansrijk.dump"), stdout=out)

    assert "pg_dump --format=custom" in out.getvalue()
    assert "pg_restore --clean" in out.getvalue()
    assert not (tmp_path / "kansrijk.dump").exists()
