"""The funder's report of a programme at a country's scale, on PostgreSQL.

Generating a million whole households (contacts, plans, …) takes hours on this machine. So this
copies the generated benchmark database (`CREATE DATABASE … TEMPLATE`) and multiplies its
households and trajectories in SQL (new ids and uuids, same programmes, areas, phases and dates)
until there are `--trajectories`, then asks the report of the first programme
(`/programmes/<slug>/report/`) as its funder. The report's journey figures (per area, started,
finished, completion, buddies' load) then read a programme a hundred times a city's; its
assessments, Doorbraak cases and Academie figures are not multiplied. Prints one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import time

import psycopg

OFFSET = 10_000_000  # larger than any id of the source database


def copy_database(url: str) -> str:
    source = url.rsplit("/", 1)[1]
    target = f"{source}_scale"
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        # A template must have no other sessions: end those left on our own scratch database.
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        connection.execute(f'DROP DATABASE IF EXISTS "{target}"')
        connection.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    return url.rsplit("/", 1)[0] + f"/{target}"


def columns(connection, table: str) -> list[str]:
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def multiply(url: str, wanted: int) -> int:
    with psycopg.connect(url, autocommit=True) as connection:
        have = connection.execute("SELECT count(*) FROM trajectories_trajectory").fetchone()[0]
        copies = max(0, -(-wanted // have) - 1)
        max_household = connection.execute("SELECT max(id) FROM people_household").fetchone()[0]
        max_trajectory = connection.execute(
            "SELECT max(id) FROM trajectories_trajectory"
        ).fetchone()[0]
        plans = {}
        for table, limit, shifted in (
            ("people_household", max_household, {"id"}),
            ("trajectories_trajectory", max_trajectory, {"id", "household_id"}),
        ):
            cols = columns(connection, table)
            exprs = [
                "gen_random_uuid()" if c == "uuid" else (f"{c} + %(offset)s" if c in shifted else c)
                for c in cols
            ]
            plans[table] = (
                f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
                f"FROM {table} WHERE id <= {limit}"
            )
        for copy in range(1, copies + 1):
            for table in ("people_household", "trajectories_trajectory"):
                connection.execute(plans[table], {"offset": copy * OFFSET})
            print(f"\rcopies {copy}/{copies}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        for table in ("people_household", "trajectories_trajectory"):
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
            connection.execute(f"ANALYZE {table}")
        return connection.execute("SELECT count(*) FROM trajectories_trajectory").fetchone()[0]


def measure(repeat: int) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from pages import actors, login

    from kansrijk.scale.generate import generated_programmes
    from kansrijk.trajectories.models import Trajectory

    who = actors()
    url = reverse("programme_report", args=[who.programme_slug])
    client = login(who.funder)
    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    times.sort()
    return {
        "p50_ms": round(statistics.median(times) * 1000),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * len(times)))] * 1000),
        "repeat": repeat,
        "queries": len(queries.captured_queries),
        "programmes": generated_programmes().count(),
        "in_programme": Trajectory.objects.filter(programme__slug=who.programme_slug).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trajectories", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("funder_scale.py needs DATABASE_URL=postgres://…")
    scale_url = copy_database(url)
    started = time.monotonic()
    total = multiply(scale_url, args.trajectories)
    build_s = round(time.monotonic() - started)
    os.environ["DATABASE_URL"] = scale_url
    figures = measure(args.repeat)
    figures |= {
        "trajectories": total,
        "how": f"the generated database with its households and trajectories copied in SQL, "
        f"{build_s} s",
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
