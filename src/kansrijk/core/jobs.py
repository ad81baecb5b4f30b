"""Daily jobs that are safe anywhere: one run at a time, in batches, one log line at the end.

A timer may start the same job on every node, or start it while yesterday's run still works.
So each job takes a lock named after it before it does anything, without waiting:

- on PostgreSQL a session-level advisory lock (`pg_try_advisory_lock`) on a stable 64-bit key
  made from the job's name. It belongs to the database connection, so a process that dies
  (killed, out of memory, node lost) lets go of it with its connection, and every node that
  shares the database sees it. (A connection pooler in transaction mode, such as PgBouncer's,
  would hand the session to others: let the jobs connect to PostgreSQL directly.)
- on SQLite an exclusive `flock` on a file next to the database file (one server only: SQLite
  is never shared between nodes). The kernel releases it when the process ends. An in-memory
  database has no file: its lock file lives in JOB_LOCK_DIR.

A second start finds the lock taken, says "already running" and exits 0: two nodes running the
same timer is harmless. The lock is a courtesy, not the guarantee: each job is idempotent by
itself (a digest is claimed by a unique row before it is sent, an erased household is never
picked again), so even two runs that both think they hold the lock do no harm.

`JobCommand` is the base of such a command. It takes the lock, times the run, counts what the
job reports (`self.counts`), writes progress per batch to stderr for an operator at a terminal
or in the journal ("remind: 500/2,130"), and ends with ONE line on the logger `kansrijk.jobs`:
INFO when it went well, ERROR when it failed, with the job's name, counts, outcome and
duration as `extra` fields, so a JSON log handler shows them as fields of their own.

`in_batches` reads a queryset a batch at a time, by primary key: each batch is a query of its
own, so no cursor or transaction stays open while a batch is worked on, and a crash keeps what
the batches before it did.
"""

import fcntl
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet

logger = logging.getLogger("kansrijk.jobs")

# Rows per batch: small enough that a batch's work is a short transaction, large enough that
# the queries between batches do not matter.
BATCH_SIZE = 500

M = TypeVar("M", bound=Model)
T = TypeVar("T")


# ---- the lock ----


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks (the same on every node and
    every Python version, unlike `hash`)."""
    digest = hashlib.blake2b(f"kansrijk job {name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_file(connection: BaseDatabaseWrapper, name: str) -> Path:
    """The lock file of job `name` on SQLite: next to the database file, or in JOB_LOCK_DIR
    for a database in memory."""
    database = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        return Path(settings.JOB_LOCK_DIR) / f"kansrijk-{name}.lock"
    path = Path(database)
    return path.with_name(f"{path.name}.{name}.lock")


@contextmanager
def single_run(name: str, using: str = "default") -> Iterator[bool]:
    """Try to take the lock of job `name` without waiting; yield whether it was taken. It is let
    go when the block ends, also by an exception."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with _advisory_lock(connection, lock_key(name)) as held:
            yield held
    else:
        with _file_lock(lock_file(connection, name)) as held:
            yield held


@contextmanager
def _advisory_lock(connection: BaseDatabaseWrapper, key: int) -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            _advisory_unlock(connection, key)


def _advisory_unlock(connection: BaseDatabaseWrapper, key: int) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    except DatabaseError:
        # The connection broke during the job; the lock went with its session. Not worth
        # hiding the job's own error for.
        logger.warning("Could not release job lock %s; its connection is gone", key)


@contextmanager
def _file_lock(path: Path) -> Iterator[bool]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except BlockingIOError:
            held = False
        try:
            yield held
        finally:
            if held:
                fcntl.flock(handle, fcntl.LOCK_UN)


# ---- batches ----


def in_batches(queryset: QuerySet[M], size: int = BATCH_SIZE) -> Iterator[list[M]]:
    """The rows of `queryset` in lists of at most `size`, in primary-key order, one query per
    list (keyset, not OFFSET: rows the job changes or removes do not shift the next batch)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def chunks(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    """A list already read, in pieces of at most `size` (for progress and short transactions)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---- the command ----


class JobCommand(BaseCommand):
    """A management command that runs as a daily job; subclasses write `run` instead of
    `handle`, add to `self.counts`, and call `self.progress` after each batch."""

    # The lock's and the log line's name; by default the command's own (its module's) name.
    job_name: str = ""

    def handle(self, *args: Any, **options: Any) -> None:
        name = self.job_name or self.__module__.rsplit(".", 1)[-1]
        self.name = name
        with single_run(name) as held:
            if not held:
                self.stdout.write(f"{name}: already running elsewhere; nothing done.")
                logger.info(
                    "%s already running elsewhere",
                    name,
                    extra={"job": name, "outcome": "already running"},
                )
                return
            self._timed(name, *args, **options)

    def _timed(self, name: str, *args: Any, **options: Any) -> None:
        self.counts: Counter[str] = Counter()
        started = time.monotonic()
        try:
            self.run(*args, **options)
        except BaseException as error:
            seconds = time.monotonic() - started
            # An expected refusal (CommandError) says all in its message; anything else needs
            # its traceback.
            logger.error(
                "%s failed after %.1f s: %s (%s)",
                name,
                seconds,
                error,
                self._counted(),
                exc_info=not isinstance(error, CommandError),
                extra=self._extra(name, "failed", seconds),
            )
            raise
        seconds = time.monotonic() - started
        logger.info(
            "%s done in %.1f s (%s)",
            name,
            seconds,
            self._counted(),
            extra=self._extra(name, "ok", seconds),
        )

    def run(self, *args: Any, **options: Any) -> None:
        raise NotImplementedError("A JobCommand says what it does in run()")

    def progress(self, done: int, total: int) -> None:
        """After each batch: how far the job is, for the operator watching (stderr)."""
        self.stderr.write(f"{self.name}: {done:,}/{total:,}")

    def _counted(self) -> str:
        return ", ".join(f"{key} {value}" for key, value in sorted(self.counts.items())) or "-"

    def _extra(self, name: str, outcome: str, seconds: float) -> dict[str, Any]:
        return {
            "job": name,
            "outcome": outcome,
            "counts": dict(self.counts),
            "duration_s": round(seconds, 3),
        }
