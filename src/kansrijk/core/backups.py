"""`kansrijk backup` and `kansrijk restore` for SQLite, with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the app keeps running: in WAL
mode readers and the one writer carry on meanwhile. Restoring goes through the same API into
the live file (never by replacing the file), so running processes see the restored data at
their next query instead of holding on to a file that was swapped under them.

On PostgreSQL the commands print the pg_dump / pg_restore recipe and stop: those tools do the
job properly, and pretending to would be worse than saying so.

The encrypted notes stay encrypted in a backup. Without FIELD_ENCRYPTION_KEYS they cannot be
read, so the keys must be kept with the backups (apart from them, just as safely).
"""

import os
import shlex
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

from . import crypto
from .fields import encrypted_fields

KEEP_THE_KEYS = (
    "Keep FIELD_ENCRYPTION_KEYS with this backup (stored apart from it, just as safely): "
    "without them the encrypted notes in it cannot be read."
)


# How long a backup or restore waits for a lock before it gives up (Python's sqlite3 would wait
# for ever). In WAL mode a backup never waits; a restore waits for the current writer.
LOCK_WAIT_SECONDS = 30


def postgres_recipe(path: str) -> str:
    """What to run instead on PostgreSQL; the connection comes from $DATABASE_URL as for the app."""
    quoted = shlex.quote(path)
    return "\n".join(
        [
            "This database is PostgreSQL: back it up and restore it with PostgreSQL's own tools.",
            "",
            "  Back up (a compressed archive; safe while the app runs):",
            f'    pg_dump --format=custom --no-owner --file={quoted} "$DATABASE_URL"',
            "",
            "  Restore (replaces every table in the database with the backup):",
            "    pg_restore --clean --if-exists --no-owner --single-transaction \\",
            f'      --exit-on-error --dbname="$DATABASE_URL" {quoted}',
            "    kansrijk migrate",
            "",
            KEEP_THE_KEYS,
        ]
    )


def refuse_unless_sqlite(connection: BaseDatabaseWrapper, path: str, write) -> None:
    if connection.vendor != "sqlite":
        write(postgres_recipe(path))
        raise CommandError(
            f"kansrijk backup and restore work on SQLite only; this database is "
            f"{connection.display_name}. Use the commands above."
        )


def _live_path(connection: BaseDatabaseWrapper) -> Path | None:
    """The database file, or None for an in-memory database (as in the tests)."""
    if connection.is_in_memory_db():  # type: ignore[attr-defined]  # SQLite's, checked before
        return None
    return Path(connection.settings_dict["NAME"]).expanduser().resolve()


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """The online backup API, giving up after LOCK_WAIT_SECONDS of waiting for a lock."""
    waiting_since: float | None = None

    def progress(status: int, remaining: int, total: int) -> None:
        nonlocal waiting_since
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            waiting_since = None
            return
        waiting_since = waiting_since or time.monotonic()
        if time.monotonic() - waiting_since > LOCK_WAIT_SECONDS:
            raise CommandError(
                f"The database stayed locked for {LOCK_WAIT_SECONDS} s; nothing was copied. "
                "Try again in a moment."
            )

    source.backup(target, progress=progress)


def _outside_transactions(connection: BaseDatabaseWrapper) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise CommandError("A backup or restore cannot run inside a transaction.")


@dataclass(frozen=True)
class Copied:
    path: Path
    tables: int
    size: int


def backup(connection: BaseDatabaseWrapper, target: Path, *, force: bool) -> Copied:
    """Copy the live database to `target`: a single file, readable by its owner only."""
    target = target.expanduser().resolve()
    if target == _live_path(connection):
        raise CommandError(f"{target} is the live database itself; choose another path.")
    if target.exists() and not force:
        raise CommandError(f"{target} exists already. Use --force to overwrite it.")
    if not target.parent.is_dir():
        raise CommandError(f"The folder {target.parent} does not exist.")
    # mkstemp makes the file readable and writable by its owner only: it holds personal data.
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        _outside_transactions(connection)
        copy = sqlite3.connect(partial)
        try:
            _copy(connection.connection, copy)
            # One self-contained file, without -wal or -shm next to it.
            copy.execute("PRAGMA journal_mode=DELETE")
            _check_intact(copy, target)
            tables = _table_count(copy)
        finally:
            copy.close()
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return Copied(path=target, tables=tables, size=target.stat().st_size)


@dataclass(frozen=True)
class Restored:
    path: Path
    tables: int
    unapplied_migrations: int
    unknown_migrations: int


def restore(connection: BaseDatabaseWrapper, source: Path, *, force: bool) -> Restored:
    """Replace everything in the live database with the backup at `source`, after checking it."""
    source = source.expanduser().resolve()
    if not source.is_file():
        raise CommandError(f"{source} does not exist or is not a file.")
    if source == _live_path(connection):
        raise CommandError(f"{source} is the live database itself.")
    backup_db = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        _check_is_kansrijk(backup_db, source)
        _check_keys_decrypt(backup_db, source)
        _outside_transactions(connection)
        if not force and connection.introspection.table_names():
            raise CommandError(
                "The database is not empty: restoring replaces everything in it with the "
                "backup. Use --force to do that."
            )
        try:
            _copy(backup_db, connection.connection)
        except sqlite3.Error as error:
            raise CommandError(f"The restore failed and changed nothing: {error}") from None
        tables = _table_count(backup_db)
    finally:
        backup_db.close()
    connection.close()
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    return Restored(
        path=source,
        tables=tables,
        unapplied_migrations=len(executor.migration_plan(graph.leaf_nodes())),
        unknown_migrations=len(set(executor.loader.applied_migrations) - set(graph.nodes)),
    )


def _table_count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]


def _check_intact(db: sqlite3.Connection, path: Path) -> None:
    try:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} is not a SQLite database ({error}).") from None
    if verdict != "ok":
        raise CommandError(f"{path} is damaged: {verdict}")


def _check_is_kansrijk(db: sqlite3.Connection, path: Path) -> None:
    _check_intact(db, path)
    has_migrations = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
    ).fetchone()[0]
    ours = [c.label for c in apps.get_app_configs() if c.name.startswith("kansrijk.")]
    if has_migrations:
        marks = ", ".join("?" for _ in ours)
        query = f"SELECT count(*) FROM django_migrations WHERE app IN ({marks})"
        if db.execute(query, ours).fetchone()[0]:
            return
    raise CommandError(
        f"{path} is not a kansrijk database: it has no django_migrations table with kansrijk's "
        "migrations. Nothing was changed."
    )


def _check_keys_decrypt(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a backup whose notes the configured keys cannot read: restore the keys first.

    It samples the oldest and the newest note of every encrypted column. Plain text (a backup
    from before encryption) is fine: `kansrijk migrate` encrypts it.
    """
    for model, field in encrypted_fields():
        table, column = model._meta.db_table, field.column
        for order in ("ASC", "DESC"):
            try:
                row = db.execute(
                    f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\' '
                    f"ORDER BY rowid {order} LIMIT 1"
                ).fetchone()
            except sqlite3.OperationalError:  # an older backup without this table or column
                break
            if row and crypto.looks_like_token(row[0]) and not crypto.is_token(row[0]):
                raise CommandError(
                    f"{path} holds notes ({model._meta.label}.{field.name}) that none of the "
                    "FIELD_ENCRYPTION_KEYS can decrypt. Set FIELD_ENCRYPTION_KEYS to the keys "
                    "kept with this backup, then restore again. Nothing was changed."
                )
