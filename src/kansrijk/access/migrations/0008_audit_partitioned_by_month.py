"""On PostgreSQL, partition the audit log by month of its `at` (declarative RANGE partitioning).

At a country's scale the audit log is the largest table by far. Split by month, a retention
period is kept by dropping whole months (`kansrijk audit_partitions`) instead of deleting
rows one by one, which the append-only trigger forbids anyway; every month's indexes stay
small enough to live in memory, and the household's "who read my file" query still uses one
index per month (`audit_by_household`).

The conversion, inside the migration's transaction, with the table locked:
1. rename the table aside and create `access_auditentry` LIKE it (columns, NOT NULLs, checks,
   defaults, the identity of `id`), PARTITIONED BY RANGE (at);
2. create a DEFAULT partition (so no insert ever fails for want of a month) and one partition
   per month that holds rows, plus the coming months;
3. copy the rows (ids kept) and carry the identity sequence on from where the old one was;
4. drop the old table; add the primary key (id, at) (PostgreSQL requires the partition key in
   it; Django keeps `id` as its pk, the sequence keeps ids unique), then Django's indexes,
   the foreign keys and the append-only trigger under their own names, so later migrations
   find them.
Reversing runs the same steps towards a plain table with primary key (id): nothing is lost.
SQLite has no partitioning: there the migration does nothing.

Months are calendar months in UTC, so their bounds never fall in a daylight-saving gap. The
partition names and bounds here must stay those of `kansrijk.access.partitions`; this file
does not import it, so a later change to that module cannot change what this migration did.
"""

import datetime as dt

from django.db import migrations

TABLE = "access_auditentry"
ASIDE = "access_auditentry__rebuilt_from"
DEFAULT_PARTITION = f"{TABLE}_default"
MONTHS_AHEAD = 3


def _month_partition_sql(month: dt.datetime) -> str:
    start = month.astimezone(dt.UTC)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return (
        f"CREATE TABLE {TABLE}_y{start:%Y}m{start:%m} PARTITION OF {TABLE} "
        f"FOR VALUES FROM ('{start:%Y-%m-%d} 00:00:00+00') TO ('{end:%Y-%m-%d} 00:00:00+00')"
    )


def _definitions(cursor) -> list[str]:
    """Everything to rebuild on the new table, as SQL naming the table set aside."""
    cursor.execute(
        "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
        "WHERE indrelid = %s::regclass AND NOT indisprimary",
        [ASIDE],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT 'ALTER TABLE ' || %s || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' "
        "|| pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [ASIDE, ASIDE],
    )
    foreign_keys = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
        "WHERE tgrelid = %s::regclass AND NOT tgisinternal",
        [ASIDE],
    )
    triggers = [row[0] for row in cursor.fetchall()]
    return indexes + foreign_keys + triggers


def _refuse_incoming_foreign_keys(cursor) -> None:
    # No table points at the audit log today; one that did would have to be rebuilt too.
    cursor.execute(
        "SELECT conrelid::regclass::text FROM pg_constraint "
        "WHERE confrelid = %s::regclass AND contype = 'f'",
        [TABLE],
    )
    if referring := [row[0] for row in cursor.fetchall()]:
        raise RuntimeError(f"{TABLE} is referred to by {referring}; rebuild those too.")


def _create_partitions(cursor) -> None:
    cursor.execute(f"CREATE TABLE {DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")
    cursor.execute(
        f"SELECT DISTINCT date_trunc('month', at, 'UTC') FROM {ASIDE} "
        "UNION SELECT date_trunc('month', now(), 'UTC') + make_interval(months => ahead) "
        "FROM generate_series(0, %s) AS ahead",
        [MONTHS_AHEAD],
    )
    for (month,) in cursor.fetchall():
        cursor.execute(_month_partition_sql(month))


def _rebuild(schema_editor, *, partitioned: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        _refuse_incoming_foreign_keys(cursor)
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {ASIDE}")
        rebuild = _definitions(cursor)
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {ASIDE} INCLUDING ALL EXCLUDING INDEXES)"
            + (" PARTITION BY RANGE (at)" if partitioned else "")
        )
        if partitioned:
            _create_partitions(cursor)
        cursor.execute(f"INSERT INTO {TABLE} OVERRIDING SYSTEM VALUE SELECT * FROM {ASIDE}")
        # Carry the sequence on where the old one stood (ids of rolled-back inserts included).
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [ASIDE])
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), last_value, is_called) "
            f"FROM {cursor.fetchone()[0]}",
            [TABLE],
        )
        cursor.execute(f"DROP TABLE {ASIDE}")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        cursor.execute(f"ALTER SEQUENCE {cursor.fetchone()[0]} RENAME TO {TABLE}_id_seq")
        key = "id, at" if partitioned else "id"
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY ({key})")
        for definition in rebuild:
            cursor.execute(definition.replace(ASIDE, TABLE))


def partition(apps, schema_editor):
    _rebuild(schema_editor, partitioned=True)


def unpartition(apps, schema_editor):
    _rebuild(schema_editor, partitioned=False)


class Migration(migrations.Migration):
    dependencies = [("access", "0007_consent_organisation")]

    operations = [migrations.RunPython(partition, unpartition)]
