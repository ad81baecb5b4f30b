"""Upkeep of the audit log: its monthly partitions on PostgreSQL and its retention period.

On PostgreSQL the log is partitioned by calendar month (UTC) of `at` (migration 0008):
`access_auditentry_y2026m12` holds December 2026, and `access_auditentry_default` catches any
row no month is there for, so an insert never fails. `upkeep` (run daily by
`kansrijk audit_partitions`) does three things, each a no-op when there is nothing to do:

1. rows in the DEFAULT partition (a month the command never made, a clock far off) move to
   their own months: the default is detached, a fresh one attached, the months created and the
   rows copied through the parent into them; the old default is then dropped as a table.
   No row is ever updated or deleted, so the append-only trigger holds throughout;
2. the months from this one to MONTHS_AHEAD ahead exist;
3. with AUDIT_RETENTION_MONTHS set, every month that ended more than that many months ago is
   detached and dropped: rows are kept at least the retention period and at most a month longer.

On SQLite there are no partitions; step 3 removes the rows older than the retention period in
batches, through `services.remove_audit_entries_before`, the one way past the no-delete guard.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from kansrijk.core.dates import add_months

from .models import AuditEntry
from .services import remove_audit_entries_before

TABLE = AuditEntry._meta.db_table
DEFAULT_PARTITION = f"{TABLE}_default"
RESCUED = f"{TABLE}__default_rescued"
MONTHS_AHEAD = 3
_MONTH_NAME = re.compile(rf"^{TABLE}_y(\d{{4}})m(\d{{2}})$")


@dataclass
class Upkeep:
    """What one run did, for the command to print."""

    created: int = 0
    moved: int = 0
    dropped: int = 0
    dropped_rows: int = 0
    deleted_rows: int = 0


def month_of(moment: dt.datetime) -> dt.date:
    """The first day of the month (in UTC) the moment falls in."""
    return moment.astimezone(dt.UTC).date().replace(day=1)


def partition_name(month: dt.date) -> str:
    return f"{TABLE}_y{month:%Y}m{month:%m}"


def retention_cutoff(now: dt.datetime, months: int) -> dt.datetime:
    """Entries written before this moment are past a retention of `months`."""
    moment = now.astimezone(dt.UTC)
    day = add_months(moment.date(), -months)
    return moment.replace(year=day.year, month=day.month, day=day.day)


def is_partitioned() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [TABLE])
        return cursor.fetchone()[0] == "p"


def month_partitions(cursor) -> dict[dt.date, str]:
    """The monthly partitions attached to the log, by their month."""
    cursor.execute(
        "SELECT child.relname FROM pg_inherits JOIN pg_class child ON child.oid = inhrelid "
        "WHERE inhparent = %s::regclass",
        [TABLE],
    )
    months = {}
    for (name,) in cursor.fetchall():
        if match := _MONTH_NAME.match(name):
            months[dt.date(int(match[1]), int(match[2]), 1)] = name
    return months


def create_months(cursor, months: Iterable[dt.date]) -> int:
    missing = set(months) - set(month_partitions(cursor))
    for month in sorted(missing):
        end = add_months(month, 1)
        # Bounds are dates of our own making, never input: safe to write into the DDL.
        cursor.execute(
            f"CREATE TABLE {partition_name(month)} PARTITION OF {TABLE} "
            f"FOR VALUES FROM ('{month:%Y-%m-%d} 00:00:00+00') TO ('{end:%Y-%m-%d} 00:00:00+00')"
        )
    return len(missing)


def _move_out_of_default(cursor) -> tuple[int, int]:
    """Give the rows in the DEFAULT partition their months; returns (months made, rows moved)."""
    cursor.execute(f"SELECT DISTINCT date_trunc('month', at, 'UTC') FROM {DEFAULT_PARTITION}")
    months = [month_of(row[0]) for row in cursor.fetchall()]
    if not months:
        return 0, 0
    # Nothing may land in a default between detaching the old one and attaching the new one.
    cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
    cursor.execute(f"ALTER TABLE {TABLE} DETACH PARTITION {DEFAULT_PARTITION}")
    cursor.execute(f"ALTER TABLE {DEFAULT_PARTITION} RENAME TO {RESCUED}")
    cursor.execute(f"CREATE TABLE {DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")
    created = create_months(cursor, months)
    columns = ", ".join(str(field.column) for field in AuditEntry._meta.concrete_fields)
    cursor.execute(
        f"INSERT INTO {TABLE} ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM {RESCUED}"
    )
    moved = cursor.rowcount
    cursor.execute(f"DROP TABLE {RESCUED}")
    return created, moved


def _drop_months_before(cursor, cutoff: dt.datetime) -> tuple[int, int]:
    """Detach and drop every month that ended by `cutoff`; returns (months, rows) dropped."""
    dropped = rows = 0
    for month, name in sorted(month_partitions(cursor).items()):
        ends = dt.datetime.combine(add_months(month, 1), dt.time(), tzinfo=dt.UTC)
        if ends > cutoff:
            continue
        cursor.execute(f"SELECT count(*) FROM {name}")
        rows += cursor.fetchone()[0]
        cursor.execute(f"ALTER TABLE {TABLE} DETACH PARTITION {name}")
        cursor.execute(f"DROP TABLE {name}")
        dropped += 1
    return dropped, rows


def upkeep(*, retention_months: int | None, now: dt.datetime | None = None) -> Upkeep:
    """Make the coming months, rescue the default's rows, apply the retention period."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now, retention_months) if retention_months else None
    done = Upkeep()
    if not is_partitioned():
        if cutoff is not None:
            done.deleted_rows = remove_audit_entries_before(cutoff)
        return done
    this_month = month_of(now)
    with transaction.atomic(), connection.cursor() as cursor:
        done.created, done.moved = _move_out_of_default(cursor)
        done.created += create_months(
            cursor, (add_months(this_month, ahead) for ahead in range(MONTHS_AHEAD + 1))
        )
        if cutoff is not None:
            done.dropped, done.dropped_rows = _drop_months_before(cursor, cutoff)
    return done
