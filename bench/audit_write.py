"""`make bench-audit`: the audit log at a country's scale on PostgreSQL, partitioned or not.

    python bench/audit_write.py [--rows 10000000] [--inserts 2000] [--households 500]
                                [--postgres URL] [--keep] [--no-docs]

In a scratch database (default kansrijk_bench_audit, created here and dropped afterwards):
1. migrate (the audit log is partitioned by month, migration access 0008) and make a plain,
   unpartitioned copy of it with the same columns, indexes, primary key (id) and append-only
   trigger;
2. generate `--households` fictional households (`kansrijk generate`) and measure what their
   files take on disk, and what an audit row takes (both from pg_total_relation_size);
3. time `--inserts` audit entries written the way a page view writes one (`access.audit.audit`,
   each its own transaction), into both tables while empty, alternating row by row so both
   see the same load on this shared machine;
4. fill both to `--rows` rows spread over five years (INSERT … SELECT generate_series, a
   million households, in time order as a real log grows), VACUUM ANALYZE, time the inserts
   again, and time the participant's "who read my file" page query (`access.selectors.reads_of`:
   count and first page, index audit_by_household) for random households.
Figures are p50/p95 in milliseconds and ratios to the baseline of the same run (an insert into
the empty partitioned log), never absolute claims; the table goes into docs/performance.md.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchsite import env as bench_env  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kansrijk_bench_audit"
START, END = "<!-- bench-audit:start (written by make bench-audit) -->", "<!-- bench-audit:end -->"
PARTITIONED, PLAIN = "access_auditentry", "bench_audit_plain"
YEARS = 5
HOUSEHOLDS_IN_THE_LOG = 1_000_000  # the Netherlands over the years (docs/scaling.md)
ACTORS = 50_000
FILL_CHUNK = 1_000_000


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def server_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if name in {"test", "postgres", "template0", "template1"} or not name.startswith("kansrijk_"):
        raise SystemExit(f"Refusing to use the database {name!r}: give the bench its own.")
    with psycopg.connect(server_url(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(server_url(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def kansrijk(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args],
        check=True,
        cwd=bench_env.ROOT,
        stdout=subprocess.DEVNULL,
    )


def sql(statement: str, params: list | None = None) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
        return cursor.fetchall() if cursor.description else []


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX) of a table's indexes but its primary key."""
    rows = sql(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        "WHERE indrelid = %s::regclass AND NOT indisprimary",
        [table],
    )
    # ON ONLY would build the partitioned parent's index without its partitions' ones.
    return [(name, definition.replace(" ON ONLY ", " ON ")) for name, definition in rows]


def make_plain_copy() -> None:
    """The log as it was before partitioning: same columns, indexes and trigger, pk (id)."""
    sql(
        f"CREATE TABLE {PLAIN} (LIKE {PARTITIONED} INCLUDING DEFAULTS INCLUDING IDENTITY "
        f"INCLUDING CONSTRAINTS)"
    )
    sql(f"ALTER TABLE {PLAIN} ADD PRIMARY KEY (id)")
    for name, definition in secondary_indexes(PARTITIONED):
        sql(
            definition.replace(f" {name} ON ", f" {PLAIN}_{name} ON ").replace(
                f" public.{PARTITIONED} ", f" public.{PLAIN} "
            )
        )
    sql(
        f"CREATE TRIGGER {PLAIN}_append_only BEFORE UPDATE OR DELETE ON {PLAIN} "
        "FOR EACH ROW EXECUTE FUNCTION access_auditentry_refuse_change()"
    )


def relation_bytes(table: str) -> dict[str, int]:
    """Heap and index bytes of a table, its partitions included."""
    [(heap, total)] = sql(
        "SELECT sum(pg_table_size(relid)), sum(pg_total_relation_size(relid)) "
        "FROM (SELECT relid FROM pg_partition_tree(%s::regclass) WHERE isleaf "
        "      UNION SELECT %s::regclass) AS parts",
        [table, table],
    )
    return {"heap": int(heap or 0), "total": int(total or 0)}


def database_bytes_without_the_log() -> int:
    [(size,)] = sql(
        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm') "
        f"AND c.relname NOT LIKE '{PARTITIONED}%%' AND c.relname <> '{PLAIN}'"
    )
    return int(size or 0)


def household_file_bytes(households: int) -> dict:
    """What `households` generated households (and everything of theirs) add to the database."""
    from kansrijk.people.models import Household

    before = database_bytes_without_the_log()
    started = time.monotonic()
    kansrijk("generate", "--households", str(households), "--quiet")
    sql("VACUUM ANALYZE")
    grown = database_bytes_without_the_log() - before
    count = Household.objects.count()
    return {
        "households": count,
        "bytes_per_household": round(grown / count),
        "generate_s": round(time.monotonic() - started),
    }


def fill(rows: int) -> float:
    """`rows` audit rows over the last YEARS years, oldest first, in both tables."""
    from django.db import connection
    from django.utils import timezone

    from kansrijk.access.partitions import create_months, month_of
    from kansrijk.core.dates import add_months

    this_month = month_of(timezone.now())
    with connection.cursor() as cursor:
        create_months(cursor, (add_months(this_month, -back) for back in range(12 * YEARS + 1)))
    started = time.monotonic()
    # Ten million rows load far faster without the secondary indexes; they are built after.
    indexes = secondary_indexes(PARTITIONED) + secondary_indexes(PLAIN)
    for name, _definition in indexes:
        sql(f"DROP INDEX {name}")
    sql("SELECT setseed(0.25)")
    for first in range(1, rows + 1, FILL_CHUNK):
        last = min(rows, first + FILL_CHUNK - 1)
        sql(
            f"INSERT INTO {PARTITIONED} (at, actor_name, role, action, detail, purpose, "
            "ip_address, actor_id, household_id) "
            "SELECT now() - make_interval(years => %(years)s) "
            "       + (g::float8 / %(rows)s) * make_interval(years => %(years)s), "
            "  'buddy' || (g %% %(actors)s), 'buddy', 'view', 'household file basic, plan', "
            "  'buddy', ('10.0.' || (g %% 250) || '.' || (g %% 200))::inet, "
            "  1 + (g %% %(actors)s), 1 + floor(random() * %(households)s)::bigint "
            "FROM generate_series(%(first)s, %(last)s) AS g",
            {
                "years": YEARS,
                "rows": rows,
                "actors": ACTORS,
                "households": HOUSEHOLDS_IN_THE_LOG,
                "first": first,
                "last": last,
            },
        )
        say(f"  {last:,} rows in the partitioned log")
    # The partitions are read in the order of their months: the copy is in time order too.
    sql(f"INSERT INTO {PLAIN} SELECT * FROM {PARTITIONED}")
    sql(f"SELECT setval(pg_get_serial_sequence('{PLAIN}', 'id'), (SELECT max(id) FROM {PLAIN}))")
    say("  … and copied to the plain table; building the indexes, VACUUM ANALYZE")
    sql("SET maintenance_work_mem = '512MB'")
    for _name, definition in indexes:
        sql(definition)
    sql(f"VACUUM ANALYZE {PARTITIONED}")
    sql(f"VACUUM ANALYZE {PLAIN}")
    return time.monotonic() - started


def plain_model() -> type:
    """The audit model over the plain copy: the same fields, another table."""
    from django.db import models

    from kansrijk.access.models import AuditEntry, AuditQuerySet

    fields = {f.name: f.clone() for f in AuditEntry._meta.local_fields if not f.primary_key}
    meta = type("Meta", (), {"db_table": PLAIN, "managed": False, "app_label": "access"})
    attrs = {**fields, "objects": AuditQuerySet.as_manager(), "Meta": meta}
    return type("BenchPlainAuditEntry", (models.Model,), {"__module__": __name__, **attrs})


def on_table(table: str, work: Callable[[], object]) -> float:
    """Seconds `work` takes with the code that writes and reads the log pointed at `table`.

    For the plain copy the modules' `AuditEntry` is swapped for `plain_model()`, so both tables
    go through the same code (`audit`, `reads_of`).
    """
    from kansrijk.access import audit, selectors
    from kansrijk.access.models import AuditEntry

    if PLAIN not in MODELS:
        MODELS[PLAIN] = plain_model()
    model = AuditEntry if table == PARTITIONED else MODELS[PLAIN]
    audit.AuditEntry = selectors.AuditEntry = model  # type: ignore[misc]
    try:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started
    finally:
        audit.AuditEntry = selectors.AuditEntry = AuditEntry  # type: ignore[misc]


MODELS: dict[str, type] = {}


def a_page_view() -> None:
    from kansrijk.access.audit import audit
    from kansrijk.access.models import AuditAction
    from kansrijk.people.models import Household

    audit(
        actor=None,
        actor_name="buddy1",
        role="buddy",
        action=AuditAction.VIEW,
        household=Household(pk=random.randint(1, HOUSEHOLDS_IN_THE_LOG)),
        detail="household file basic, plan",
        purpose="buddy",
    )


def who_read_my_file(household_id: int) -> Callable[[], object]:
    from kansrijk.access.selectors import reads_of
    from kansrijk.overview.portal_views import READS_PER_PAGE
    from kansrijk.people.models import Household

    def query() -> object:
        entries = reads_of(Household(pk=household_id)).exclude(actor_id=0)
        return entries.count(), list(entries[:READS_PER_PAGE])

    return query


def alternate(times: int, work: Callable[[], Callable[[], object]]) -> dict[str, list[float]]:
    """Run the same work `times` on both tables, alternating, so both share the noise."""
    seconds: dict[str, list[float]] = {PARTITIONED: [], PLAIN: []}
    for _ in range(times):
        job = work()
        for table in (PARTITIONED, PLAIN):
            seconds[table].append(on_table(table, job))
    return seconds


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def table(rows: list[tuple[str, list[float]]], baseline: float) -> str:
    lines = ["| what | p50 ms | p95 ms | p50 / baseline |", "|---|---|---|---|"]
    for what, seconds in rows:
        p50, p95 = percentiles(seconds)
        lines.append(f"| {what} | {p50:.2f} | {p95:.2f} | {p50 / baseline:.2f}× |")
    return "\n".join(lines)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def report(args, figures: dict) -> str:
    empty, full, reads = figures["empty"], figures["full"], figures["reads"]
    baseline = percentiles(empty[PARTITIONED])[0]
    part, plain = figures["bytes"][PARTITIONED], figures["bytes"][PLAIN]
    rows = args.rows
    part_row, plain_row = part["total"] / rows, plain["total"] / rows
    month_rows = rows / (12 * YEARS)
    n = f"{rows / 1_000_000:g}M"
    inserts = table(
        [
            ("insert, partitioned, empty (baseline)", empty[PARTITIONED]),
            ("insert, plain, empty", empty[PLAIN]),
            (f"insert, partitioned, {n} rows", full[PARTITIONED]),
            (f"insert, plain, {n} rows", full[PLAIN]),
        ],
        baseline,
    )
    reads_baseline = percentiles(reads[PLAIN])[0]
    read_table = table(
        [
            (f"who read my file, plain, {n} rows (baseline)", reads[PLAIN]),
            (f"who read my file, partitioned, {n} rows", reads[PARTITIONED]),
        ],
        reads_baseline,
    )
    household = figures["household"]
    return f"""Run {figures["when"]} on this machine (PostgreSQL {figures["server"]}, 2 cores shared \
with other work, shared_buffers {figures["shared_buffers"]}). {args.inserts:,} audit entries \
written through `access.audit.audit` (one per page view, each its own transaction), \
alternating between the partitioned log and a plain copy; then both filled to {rows:,} rows \
over {YEARS} years in {figures["fill_s"]:.0f} s and measured again.

{inserts}

The participant's "who read my file" (`reads_of`: count and the first page), \
{args.reads:,} random households of {HOUSEHOLDS_IN_THE_LOG:,}:

{read_table}

On disk at {n} rows: partitioned {megabytes(part["total"])} ({part_row:.0f} bytes a row, \
{megabytes(part["heap"])} of it rows, the rest indexes), plain {megabytes(plain["total"])} \
({plain_row:.0f} bytes a row). A household's file (everything `kansrijk generate` makes for \
one, the log aside): {household["bytes_per_household"]:,} bytes, measured over \
{household["households"]:,} households.

On paper at 100M rows (ten times): the plain table's indexes grow to about \
{megabytes(10 * (plain["total"] - plain["heap"]))}, and every insert touches all five of them, \
`audit_by_household` at a random place; the partitioned log inserts into this month's \
partition only, about {month_rows * 10:,.0f} rows a month at that size, whose indexes \
(about {megabytes(10 * (part["total"] - part["heap"]) / (12 * YEARS))}) stay in memory. \
"Who read my file" visits one index per month on the partitioned log, so its cost grows with \
the months kept, not with the rows."""


def measure(args) -> dict:
    import django

    django.setup()
    from django.db import connection

    figures: dict = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    figures["server"] = sql("SHOW server_version")[0][0]
    figures["shared_buffers"] = sql("SHOW shared_buffers")[0][0]
    make_plain_copy()
    say(f"generating {args.households:,} households for the bytes of a file …")
    figures["household"] = household_file_bytes(args.households)
    random.seed(1)
    say(f"{args.inserts:,} inserts into the empty logs …")
    sql(f"TRUNCATE {PARTITIONED}, {PLAIN}")
    figures["empty"] = alternate(args.inserts, lambda: a_page_view)
    sql(f"TRUNCATE {PARTITIONED}, {PLAIN}")
    say(f"filling both logs to {args.rows:,} rows …")
    figures["fill_s"] = fill(args.rows)
    figures["bytes"] = {table: relation_bytes(table) for table in (PARTITIONED, PLAIN)}
    say(f"{args.inserts:,} inserts into the full logs …")
    figures["full"] = alternate(args.inserts, lambda: a_page_view)
    say(f"who read my file, {args.reads:,} households …")
    figures["reads"] = alternate(
        args.reads, lambda: who_read_my_file(random.randint(1, HOUSEHOLDS_IN_THE_LOG))
    )
    connection.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--inserts", type=int, default=2000)
    parser.add_argument("--reads", type=int, default=500)
    parser.add_argument("--households", type=int, default=500)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="Scratch database URL.")
    parser.add_argument("--keep", action="store_true", help="Keep the scratch database.")
    parser.add_argument("--no-docs", action="store_true", help="Print only.")
    args = parser.parse_args()
    recreate_database(args.postgres)
    bench_env.apply(database_url=args.postgres)
    os.chdir(bench_env.ROOT)
    try:
        say("migrating …")
        kansrijk("migrate", "--no-input", "-v0")
        text = report(args, measure(args))
    finally:
        if not args.keep:
            drop_database(args.postgres)
    print(text)
    if not args.no_docs:
        bench_env.write_docs(
            text, START, END, "The audit log at a country's scale (`make bench-audit`)"
        )


if __name__ == "__main__":
    main()
