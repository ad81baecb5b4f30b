"""`kansrijk backup` and `kansrijk restore`, on SQLite and on PostgreSQL, with a manifest.

SQLite: the online backup API copies a consistent snapshot page by page while the app keeps
running (in WAL mode readers and the one writer carry on meanwhile). Restoring goes through the
same API into the live file (never by replacing the file), so running processes see the
restored data at their next query instead of holding on to a file that was swapped under them.

PostgreSQL: PostgreSQL's own tools do the copying. `pg_dump --format=custom` writes the archive;
`pg_restore` turns it into SQL, which `psql --single-transaction` runs after dropping every
table there is now, in one transaction, so a restore that breaks halfway changes nothing. The manifest must describe the very snapshot that was dumped while the
app keeps writing, so a read-only REPEATABLE READ transaction exports its snapshot
(`pg_export_snapshot()`), counts the rows in it, and `pg_dump --snapshot` dumps that same
snapshot. The tools get the connection from settings.DATABASES; the password goes to them in
PGPASSWORD (Django's own `dbshell` environment), never on their command line, where `ps` shows it.

The manifest (`<backup>.manifest.json`, next to the backup) says what the backup holds: the
database vendor, the latest migration per app, the rows per table, a SHA-256 of the backup file
and a fingerprint of every FIELD_ENCRYPTION_KEYS key, never a key. It is a file of its own
because a pg_dump archive has no room for it without an extra table, and because the restore
must read it before it touches anything. Before restoring, the restore checks that the manifest
belongs to this file and this vendor, that one of today's keys is the key the notes were
encrypted with, and that the backup is not from a newer kansrijk; after restoring, that every
table holds the rows the manifest counted.

The encrypted notes stay encrypted in a backup. Without FIELD_ENCRYPTION_KEYS they cannot be
read, so the keys must be kept with the backups (apart from them, just as safely).
"""

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from . import crypto
from .fields import encrypted_fields

KEEP_THE_KEYS = (
    "Keep FIELD_ENCRYPTION_KEYS with this backup (stored apart from it, just as safely): "
    "without them the encrypted notes in it cannot be read."
)

# How long a backup or restore waits for a lock before it gives up (Python's sqlite3 would wait
# for ever, and so would pg_restore behind a long transaction).
LOCK_WAIT_SECONDS = 30

MANIFEST_FORMAT = 1
VENDORS = ("sqlite", "postgresql")

Counts = dict[str, int]
Migrations = dict[str, str]


@dataclass(frozen=True)
class Manifest:
    format: int
    created: str  # ISO 8601, UTC
    vendor: str
    sha256: str  # of the backup file
    keys: list[str]  # fingerprints, the encrypting key first
    migrations: Migrations  # app label: the latest migration applied
    rows: Counts  # table: rows

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


def manifest_path(backup_path: Path) -> Path:
    return backup_path.with_name(f"{backup_path.name}.manifest.json")


def key_fingerprint(key: str) -> str:
    """Enough to recognise a key, nothing to rebuild it with (a Fernet key has 256 random bits)."""
    return hashlib.sha256(key.encode("ascii")).hexdigest()[:16]


def _current_fingerprints() -> list[str]:
    return [key_fingerprint(key) for key in settings.FIELD_ENCRYPTION_KEYS]


def _check_supported(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor not in VENDORS:
        raise CommandError(f"kansrijk backs up SQLite and PostgreSQL, not {connection.vendor}.")


def _outside_transactions(connection: BaseDatabaseWrapper) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise CommandError("A backup or restore cannot run inside a transaction.")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _facts(cursor, tables: Iterable[str]) -> tuple[Migrations, Counts]:
    """The latest migration per app and the rows per table, through any DB-API cursor."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = dict(cursor.fetchall())  # the last one applied wins
    rows = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")
        rows[table] = cursor.fetchone()[0]
    return migrations, rows


def _live_tables(connection: BaseDatabaseWrapper, cursor) -> list[str]:
    # SQLite's own bookkeeping (sqlite_sequence, sqlite_stat1) is not the app's data.
    names = connection.introspection.table_names(cursor)
    return [name for name in names if not name.startswith("sqlite_")]


def _sha256(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _fsync(path: Path) -> None:
    with open(path, "rb") as written:
        os.fsync(written.fileno())


@contextlib.contextmanager
def _partial(target: Path) -> Iterator[Path]:
    """A temporary file next to `target`, readable by its owner only, gone if anything fails."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
    finally:
        partial.unlink(missing_ok=True)  # moved into place already when all went well


# -- Backing up -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Copied:
    path: Path
    manifest: Path
    tables: int
    size: int


def backup(connection: BaseDatabaseWrapper, target: Path, *, force: bool) -> Copied:
    """Copy the live database to `target` and describe it in the manifest next to it."""
    _check_supported(connection)
    target = target.expanduser().resolve()
    described_in = manifest_path(target)
    if connection.vendor == "sqlite" and target == _live_path(connection):
        raise CommandError(f"{target} is the live database itself; choose another path.")
    for path in (target, described_in):
        if path.exists() and not force:
            raise CommandError(f"{path} exists already. Use --force to overwrite it.")
    if not target.parent.is_dir():
        raise CommandError(f"The folder {target.parent} does not exist.")
    _outside_transactions(connection)
    with _partial(target) as partial, _partial(described_in) as partial_manifest:
        if connection.vendor == "sqlite":
            migrations, rows = _sqlite_backup(connection, partial)
        else:
            migrations, rows = _postgres_backup(connection, partial)
        _fsync(partial)
        manifest = Manifest(
            format=MANIFEST_FORMAT,
            created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            vendor=connection.vendor,
            sha256=_sha256(partial),
            keys=_current_fingerprints(),
            migrations=migrations,
            rows=rows,
        )
        partial_manifest.write_text(manifest.to_json())
        _fsync(partial_manifest)
        os.replace(partial, target)
        os.replace(partial_manifest, described_in)
    return Copied(path=target, manifest=described_in, tables=len(rows), size=target.stat().st_size)


def _sqlite_backup(connection: BaseDatabaseWrapper, partial: Path) -> tuple[Migrations, Counts]:
    copy = sqlite3.connect(partial)
    try:
        _sqlite_copy(connection.connection, copy)
        # One self-contained file, without -wal or -shm next to it.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check_intact(copy, partial)
        return _facts(copy.cursor(), _sqlite_tables(copy))
    finally:
        copy.close()


def _postgres_backup(connection: BaseDatabaseWrapper, partial: Path) -> tuple[Migrations, Counts]:
    pg_dump = _tool(connection, "pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        facts = _facts(cursor, _live_tables(connection, cursor))
        # The transaction stays open until pg_dump is done: the snapshot lives as long as it.
        _run(
            connection,
            pg_dump,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--lock-wait-timeout={LOCK_WAIT_SECONDS}s",
            f"--file={partial}",
            *_connection_args(connection),
        )
    return facts


# -- Restoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    path: Path
    tables: int
    unapplied_migrations: int
    unknown_migrations: int


def restore(
    connection: BaseDatabaseWrapper,
    source: Path,
    *,
    force: bool,
    ignore_keys: bool = False,
    without_manifest: bool = False,
) -> Restored:
    """Replace everything in the live database with the backup at `source`, after checking it."""
    _check_supported(connection)
    source = source.expanduser().resolve()
    if not source.is_file():
        raise CommandError(f"{source} does not exist or is not a file.")
    if connection.vendor == "sqlite" and source == _live_path(connection):
        raise CommandError(f"{source} is the live database itself.")
    manifest = None if without_manifest else read_manifest(source)
    if manifest:
        _check_manifest_fits(manifest, source, connection)
        if not ignore_keys:
            _check_key_fingerprints(manifest, source)
        _check_not_newer(manifest, source)
    if connection.vendor == "sqlite":
        tables = _sqlite_restore(connection, source, force=force, check_notes=not ignore_keys)
    else:
        tables = _postgres_restore(connection, source, force=force)
    connection.close()
    if manifest:
        _check_row_counts(connection, manifest, source)
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    return Restored(
        path=source,
        tables=tables,
        unapplied_migrations=len(executor.migration_plan(graph.leaf_nodes())),
        unknown_migrations=len(set(executor.loader.applied_migrations) - set(graph.nodes)),
    )


def read_manifest(source: Path) -> Manifest:
    path = manifest_path(source)
    if not path.is_file():
        raise CommandError(
            f"{path} is missing. `kansrijk backup` writes it next to every backup; without it "
            "the keys and the rows cannot be checked. Put it back, or restore with "
            "--without-manifest to skip those checks. Nothing was changed."
        )
    try:
        data = json.loads(path.read_text())
        manifest = Manifest(**data)
    except (ValueError, TypeError) as error:
        raise CommandError(f"{path} is not a backup manifest ({error}).") from None
    if manifest.format != MANIFEST_FORMAT:
        raise CommandError(
            f"{path} has manifest format {manifest.format}; this kansrijk reads format "
            f"{MANIFEST_FORMAT}. Restore it with the kansrijk that made it."
        )
    return manifest


def _check_manifest_fits(manifest: Manifest, source: Path, connection) -> None:
    if manifest.vendor != connection.vendor:
        raise CommandError(
            f"{source} is a {manifest.vendor} backup and this database is {connection.vendor}: "
            "restore it into the kind of database it came from. Nothing was changed."
        )
    if _sha256(source) != manifest.sha256:
        raise CommandError(
            f"{source} is not the file its manifest describes (its SHA-256 differs): it was "
            "changed or damaged after the backup. Nothing was changed."
        )


def _check_key_fingerprints(manifest: Manifest, source: Path) -> None:
    """The notes in the backup were encrypted with its first key: one of ours must be that key.

    Notes encrypted earlier with its older keys are not checked here; on SQLite the notes
    themselves are sampled as well.
    """
    if manifest.keys and manifest.keys[0] in _current_fingerprints():
        return
    raise CommandError(
        f"None of the FIELD_ENCRYPTION_KEYS is the key the notes in {source} were encrypted "
        f"with (fingerprint {manifest.keys[0] if manifest.keys else 'unknown'}; today's keys: "
        f"{', '.join(_current_fingerprints())}). Restored, its notes could not be read. Set "
        "FIELD_ENCRYPTION_KEYS to the keys kept with this backup and restore again, or use "
        "--ignore-keys if you know better. Nothing was changed."
    )


def _check_not_newer(manifest: Manifest, source: Path) -> None:
    """A backup from a newer kansrijk has tables this code does not know: refuse it before."""
    known = MigrationLoader(None, ignore_no_migrations=True)
    unknown = sorted(
        f"{app}.{name}"
        for app, name in manifest.migrations.items()
        if app in known.migrated_apps and (app, name) not in known.graph.nodes
    )
    if unknown:
        raise CommandError(
            f"{source} comes from a newer kansrijk: this version does not know the migrations "
            f"{', '.join(unknown)}. Install that version (or a later one) and restore with it. "
            "Nothing was changed."
        )


def _check_row_counts(connection: BaseDatabaseWrapper, manifest: Manifest, source: Path) -> None:
    with connection.cursor() as cursor:
        _, rows = _facts(cursor, _live_tables(connection, cursor))
    differences = [
        f"{table}: {manifest.rows.get(table, 'no table')} in the backup, "
        f"{rows.get(table, 'no table')} now"
        for table in sorted(manifest.rows.keys() | rows.keys())
        if manifest.rows.get(table) != rows.get(table)
    ]
    if differences:
        raise CommandError(
            f"The restored database does not hold what {source} held:\n  "
            + "\n  ".join(differences)
            + "\nDo not use it: stop the app, then restore again. If the difference stays, "
            "the backup is damaged."
        )


# -- SQLite -----------------------------------------------------------------------------------


def _live_path(connection: BaseDatabaseWrapper) -> Path | None:
    """The database file, or None for an in-memory database (as in the tests)."""
    if connection.is_in_memory_db():  # type: ignore[attr-defined]  # SQLite's, checked before
        return None
    return Path(connection.settings_dict["NAME"]).expanduser().resolve()


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    return [name for (name,) in db.execute(query)]


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
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


def _sqlite_restore(
    connection: BaseDatabaseWrapper, source: Path, *, force: bool, check_notes: bool
) -> int:
    backup_db = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        _check_is_kansrijk(backup_db, source)
        if check_notes:
            _check_keys_decrypt(backup_db, source)
        _outside_transactions(connection)
        _refuse_unless_empty(connection, force=force)
        try:
            _sqlite_copy(backup_db, connection.connection)
        except sqlite3.Error as error:
            raise CommandError(f"The restore failed and changed nothing: {error}") from None
        return len(_sqlite_tables(backup_db))
    finally:
        backup_db.close()


def _refuse_unless_empty(connection: BaseDatabaseWrapper, *, force: bool) -> None:
    if not force and connection.introspection.table_names():
        raise CommandError(
            "The database is not empty: restoring replaces everything in it with the "
            "backup. Use --force to do that."
        )


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
    raise _not_kansrijk(path)


def _not_kansrijk(path: Path) -> CommandError:
    return CommandError(
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


# -- PostgreSQL -------------------------------------------------------------------------------


def _postgres_restore(connection: BaseDatabaseWrapper, source: Path, *, force: bool) -> int:
    pg_restore = _tool(connection, "pg_restore")
    listing = _run(
        connection, pg_restore, "--list", str(source), failing=f"{source} cannot be read"
    )
    if not re.search(r"^\d+; \d+ \d+ TABLE DATA \S+ django_migrations ", listing, re.MULTILINE):
        raise _not_kansrijk(source)
    _outside_transactions(connection)
    _refuse_unless_empty(connection, force=force)
    with connection.cursor() as cursor:
        clean = _drop_everything_sql(_live_tables(connection, cursor), listing)
    psql = _tool(connection, "psql")
    connection.close()  # our own idle session must not hold anything the restore drops
    with tempfile.TemporaryDirectory(prefix="kansrijk-restore-") as scratch:
        script = Path(scratch) / "restore.sql"
        # The archive as SQL first, whole: a damaged archive fails here, before anything
        # changes, instead of feeding psql half a restore that it would then commit.
        _run(
            connection,
            pg_restore,
            "--no-owner",
            "--no-privileges",
            f"--file={script}",
            str(source),
            failing="The backup cannot be read; nothing changed",
        )
        _run(
            connection,
            psql,
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            *_connection_args(connection),
            f"--command={clean}",
            f"--file={script}",
            failing="The restore failed and changed nothing",
        )
    # "TABLE public name", not "TABLE DATA …" or "TABLE ATTACH …" (a month joining the audit log)
    return len(re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA |ATTACH )\S+ ", listing, re.MULTILINE))


def _drop_everything_sql(live_tables: Iterable[str], listing: str) -> str:
    """What clears the database for the backup, run in the restore's own transaction: every
    table there is now (a partitioned table's months go with it), and the functions the backup
    brings back. Not `pg_restore --clean`: it drops a partition's inherited primary key on its
    own, which PostgreSQL refuses, so it cannot restore the partitioned audit log over itself;
    and it would leave tables the backup does not know (a newer migration's) behind."""
    statements = [f"DROP TABLE IF EXISTS {_quote(name)} CASCADE;" for name in live_tables]
    for schema, function in re.findall(
        r"^\d+; \d+ \d+ FUNCTION (\S+) (\S+\(.*?\)) ", listing, re.MULTILINE
    ):
        statements.append(f"DROP FUNCTION IF EXISTS {_quote(schema)}.{function} CASCADE;")
    return "\n".join(statements)


def _tool(connection: BaseDatabaseWrapper, name: str) -> str:
    """The path of pg_dump or pg_restore, refused when missing or older than the server."""
    server = connection.pg_version // 10000  # type: ignore[attr-defined]  # PostgreSQL's
    install = f"Install PostgreSQL's client tools, version {server} or newer (on Debian and "
    install += f"Ubuntu: postgresql-client-{server})."
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} was not found on the PATH. {install}")
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"\(PostgreSQL\) (\d+)", version)
    if found is None:
        raise CommandError(f"{path} does not say which version it is ({version.strip()!r}).")
    if int(found[1]) < server:
        raise CommandError(
            f"{path} is version {found[1]}, older than the server (version {server}): it "
            f"cannot read or write this server's data safely. {install}"
        )
    return path


def _connection_args(connection: BaseDatabaseWrapper) -> list[str]:
    database = connection.settings_dict
    args = ["--no-password"]  # never wait for a prompt: the password comes in the environment
    for option, setting in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(setting):
            args.append(f"{option}={database[setting]}")
    return [*args, f"--dbname={database['NAME']}"]


def _run(connection: BaseDatabaseWrapper, *argv: str, failing: str = "") -> str:
    """Run a PostgreSQL tool (a list, no shell); its output, or a CommandError with its errors."""
    _, secrets = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    env = {**os.environ, **(secrets or {})}
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_WAIT_SECONDS}s".strip()
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        what = failing or f"{Path(argv[0]).name} failed"
        raise CommandError(f"{what} (exit status {result.returncode}):\n{result.stderr.strip()}")
    return result.stdout
