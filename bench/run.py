"""`make bench`: measure kansrijk at several sizes and write the table into docs/performance.md.

    .venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--postgres URL] [--quick] ...

For each size a SQLite database in $BENCH_DATA (default /tmp/kansrijk-bench) is generated once
(`kansrijk generate`) and kept for the next run. Then:
1. key pages in-process (pages.py): queries, p50/p95 split into SQL, ORM, templates and the
   rest, HTML and gzip bytes, ratio to the floor; with --baseline REF, the key pages again with
   REF's code, alternating with the current code page by page, and the ratio of their p50s;
2. load (load.py): gunicorn + wrk, the floor and a mixed workload, on SQLite and PostgreSQL;
3. 20 concurrent writers on SQLite (writers.py): "database is locked" errors and lost writes;
4. the funder's programme report at a country's scale on PostgreSQL (funder_scale.py,
   --funder-scale), and on the smallest SQLite database when nothing is kept: cold and after a
   write (funder_after_write.py);
5. the batch matching benchmark (matching.py).
Everything runs with DEBUG off (benchsite/env.py). Benchmarks print figures; tests never time.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchsite import env as bench_env  # noqa: E402

ROOT, PYTHON, KANSRIJK, DOCS = bench_env.ROOT, bench_env.PYTHON, bench_env.KANSRIJK, bench_env.DOCS
START, END = "<!-- bench:start (written by make bench) -->", "<!-- bench:end -->"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kansrijk_bench"
DEFAULT_BASELINE_DIR = Path("/tmp/kansrijk-bench-base")
MAX_QUERIES = 10  # the goal: every key page at most 10 queries, at every size


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def child_env(*, sqlite: Path | None = None, database_url: str | None = None) -> dict:
    return bench_env.apply(database_url=database_url, sqlite=sqlite)


def kansrijk(env: dict, *args: str) -> None:
    subprocess.run([str(KANSRIJK), *args], env=env, check=True, cwd=ROOT)


def has_generated_data(env: dict) -> bool:
    check = (
        "from kansrijk.scale.generate import generated_programmes;"
        "print(generated_programmes().exists())"
    )
    result = subprocess.run(
        [str(PYTHON), "-c", f"import django; django.setup(); {check}"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return result.stdout.strip() == "True"


def prepare(env: dict, households: int) -> None:
    """Migrate (cheap when up to date) and generate the households once."""
    kansrijk(env, "migrate", "--no-input", "-v0")
    if not has_generated_data(env):
        say(f"generating {households:,} households …")
        kansrijk(env, "generate", "--households", str(households))


def child_json(env: dict, *args: str) -> dict:
    result = subprocess.run([str(PYTHON), *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        say(result.stderr[-3000:])
        raise SystemExit(f"{args[0]} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def baseline_source(ref: str, where: Path) -> tuple[str, Path]:
    """REF's tracked files in `where` (made once per commit, reused after); its commit and src.

    `git archive` rather than a worktree: nothing is registered in the repository, and the
    directory can be deleted at any time."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.strip()
    stamp = where / ".bench-commit"
    if not (stamp.exists() and stamp.read_text().strip() == commit):
        if where.exists():
            shutil.rmtree(where)
        where.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit], capture_output=True, check=True, cwd=ROOT
        ).stdout
        tar = where / ".archive.tar"
        tar.write_bytes(archive)
        with tarfile.open(tar) as files:
            files.extractall(where, filter="data")
        tar.unlink()
        stamp.write_text(commit + "\n")
    return commit, where / "src"


def compare(env: dict, base_src: Path, repeat: int, labels: list[str]) -> list[dict]:
    """Each key page with the baseline's code and with the current code, in turn (which goes
    first alternates from page to page), with the same pages.py and the same database."""
    base_env = {
        **env,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(base_src)]),
    }
    rows = []
    for n, label in enumerate(labels):
        runs = {}
        order = [("baseline", base_env), ("current", env)]
        for name, run_env in order if n % 2 == 0 else order[::-1]:
            found = child_json(
                run_env, "bench/pages.py", "--repeat", str(repeat), "--only", label, "--no-replay"
            )["pages"]
            runs[name] = found[0] if found else None
        rows.append({"page": label, **runs})
    return rows


def page_labels(env: dict) -> list[str]:
    sessions = child_json(env, "bench/pages.py", "--sessions")
    return [page["page"] for page in sessions["pages"]]


def postgres_ready(url: str) -> bool:
    """Create the scratch database when missing; False when PostgreSQL cannot be reached."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    if name in {"test", "postgres", "template0", "template1"}:
        raise SystemExit(f"Refusing to use the database {name!r}: give the bench its own.")
    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=3) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        say(f"PostgreSQL not reachable ({error}); skipping it.")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="Households per SQLite database.")
    parser.add_argument("--repeat", type=int, default=30, help="Requests per page (p50/p95).")
    parser.add_argument("--load-seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (bounded).")
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--writers-seconds", type=int, default=60)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="Scratch database URL.")
    parser.add_argument("--postgres-size", type=int, default=10000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--funder-scale", type=int, default=0, help="Trajectories for the funder test (PostgreSQL)."
    )
    parser.add_argument("--no-matching", action="store_true")
    parser.add_argument(
        "--quick", action="store_true", help="Short: 1,000 only, 10 repeats, 5 s load and writers."
    )
    parser.add_argument("--no-docs", action="store_true", help="Print only.")
    parser.add_argument(
        "--pages", default="", help="Only these key pages (comma-separated labels)."
    )
    parser.add_argument(
        "--baseline",
        default="",
        metavar="REF",
        help="Also measure the key pages with this commit's code, in turn with the current code.",
    )
    parser.add_argument("--baseline-dir", type=Path, default=DEFAULT_BASELINE_DIR)
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeat, args.load_seconds, args.writers_seconds = "1000", 10, 5, 5
        args.postgres_size = 1000
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    data = bench_env.DATA
    data.mkdir(parents=True, exist_ok=True)

    env = child_env(sqlite=bench_env.sqlite_path(sizes[0]))
    kansrijk(env, "collectstatic", "--no-input", "-v0")
    results: dict = {"when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "pages": {}}
    base_src = None
    if args.baseline:
        commit, base_src = baseline_source(args.baseline, args.baseline_dir)
        results["baseline"] = {"ref": args.baseline, "commit": commit, "pages": {}}

    for size in sizes:
        env = child_env(sqlite=bench_env.sqlite_path(size))
        prepare(env, size)
        say(f"pages at {size:,} households (SQLite) …")
        results["pages"][f"SQLite {size:,}"] = child_json(
            env, "bench/pages.py", "--repeat", str(args.repeat), "--only", args.pages
        )["pages"]
        if base_src is not None:
            say(f"the same pages with {args.baseline}'s code and the current code, in turn …")
            labels = [x.strip() for x in args.pages.split(",") if x.strip()] or page_labels(env)
            results["baseline"]["pages"][f"SQLite {size:,}"] = compare(
                env, base_src, args.repeat, labels
            )

    say("the funder's report cold and after a write …")
    results["funder_after_write"] = child_json(
        child_env(sqlite=bench_env.sqlite_path(sizes[0])), "bench/funder_after_write.py"
    )

    results["load"] = {}
    env = child_env(sqlite=bench_env.sqlite_path(sizes[-1]))
    say(f"load on SQLite, {sizes[-1]:,} households …")
    sessions = child_json(env, "bench/pages.py", "--sessions")
    import load

    results["load"][f"SQLite {sizes[-1]:,}"] = load.run(
        env,
        sessions,
        seconds=args.load_seconds,
        connections=args.connections,
        log=data / "gunicorn-sqlite.log",
    )

    if not args.no_postgres and postgres_ready(args.postgres):
        env = child_env(database_url=args.postgres)
        prepare(env, args.postgres_size)
        label = f"PostgreSQL {args.postgres_size:,}"
        say(f"pages and load on {label} …")
        results["pages"][label] = child_json(
            env, "bench/pages.py", "--repeat", str(args.repeat), "--only", args.pages
        )["pages"]
        sessions = child_json(env, "bench/pages.py", "--sessions")
        results["load"][label] = load.run(
            env,
            sessions,
            seconds=args.load_seconds,
            connections=args.connections,
            log=data / "gunicorn-postgres.log",
        )
        if args.funder_scale:
            say(f"funder's report over {args.funder_scale:,} trajectories …")
            results["funder_scale"] = child_json(
                env, "bench/funder_scale.py", "--trajectories", str(args.funder_scale)
            )

    say(f"{args.writers} writers on SQLite for {args.writers_seconds} s …")
    source = bench_env.sqlite_path(sizes[0])
    copy = data / "writers.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, copy)
    env = child_env(sqlite=copy)
    writer_sessions = child_json(env, "bench/pages.py", "--sessions")["writers"][: args.writers]
    import writers

    results["writers"] = writers.run(
        env, copy, writer_sessions, seconds=args.writers_seconds, log=data / "gunicorn-writers.log"
    )

    if not args.no_matching:
        say("batch matching …")
        matching = subprocess.run(
            [str(PYTHON), "bench/matching.py"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**child_env(sqlite=bench_env.sqlite_path(sizes[0])), "DEBUG": "1"},
        )
        results["matching"] = matching.stdout.strip() or matching.stderr[-2000:]

    (data / "results.json").write_text(json.dumps(results, indent=1))
    table = report(results)
    print(table)
    if not args.no_docs:
        write_docs(table)
        say(f"written into {DOCS.relative_to(ROOT)}")


def sizes_label(results: dict) -> str:
    """The smallest SQLite database measured, as the tables name it ("1,000")."""
    sqlite = [data for data in results["pages"] if data.startswith("SQLite")]
    return sqlite[0].removeprefix("SQLite ") if sqlite else ""


def _machine() -> str:
    import os

    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )


def _growth(pages_by_data: dict) -> list[str]:
    """Per page, queries and p50 at each SQLite size, and how much the p50 grew from the
    smallest to the largest: flat means the same queries and about the same time."""
    sqlite = {data: pages for data, pages in pages_by_data.items() if data.startswith("SQLite")}
    if len(sqlite) < 2:
        return []
    sizes = list(sqlite)
    by_page: dict[str, dict[str, dict]] = {}
    for data, pages in sqlite.items():
        for p in pages:
            if p["status"] == 200:
                by_page.setdefault(p["page"], {})[data] = p
    head = " | ".join(f"{d.removeprefix('SQLite ')}: queries, p50 ms" for d in sizes)
    lines = [
        "",
        "Growth with the data (SQLite): the same page at each size, and its p50 at the largest "
        "size over its p50 at the smallest.",
        "",
        f"| page | {head} | p50 growth |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    for page, found in by_page.items():
        cells = [
            f"{found[d]['queries']}, {found[d]['p50_ms']}" if d in found else "" for d in sizes
        ]
        first, last = found.get(sizes[0]), found.get(sizes[-1])
        growth = f"{last['p50_ms'] / first['p50_ms']:.2f}×" if first and last else ""
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {growth} |")
    return lines


def _queries(n: int) -> str:
    return f"{n} ✗" if n > MAX_QUERIES else str(n)


def _baseline(baseline: dict | None) -> list[str]:
    """The same-run comparison: per page and size, the baseline's p50 and the current one."""
    if not baseline:
        return []
    lines = [
        "",
        f"Against the baseline `{baseline['ref']}` ({baseline['commit'][:7]}), measured in the "
        "same run on the same database with the same `bench/pages.py`, the baseline's code and "
        "the current code in turn page by page (goal: current p50 ≤ 0.5 × the baseline's).",
        "",
        "| data | page | base queries | base p50 ms | queries | p50 ms | p50 ratio | SQL | ORM | tpl. | rest |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for data, rows in baseline["pages"].items():
        for row in rows:
            base, now = row.get("baseline"), row.get("current")
            if not base or not now or base["status"] != 200 or now["status"] != 200:
                status = "/".join(str(x["status"]) if x else "–" for x in (base, now))
                lines.append(f"| {data} | {row['page']} | status {status} |" + " |" * 8)
                continue
            ratio = now["p50_ms"] / base["p50_ms"] if base["p50_ms"] else 0
            lines.append(
                f"| {data} | {row['page']} | {_queries(base['queries'])} | {base['p50_ms']} | "
                f"{_queries(now['queries'])} | {now['p50_ms']} | {ratio:.2f}× | "
                + " | ".join(
                    f"{base[f'split_{k}_ms']} → {now[f'split_{k}_ms']}"
                    for k in ("sql", "orm", "template", "rest")
                )
                + " |"
            )
    return lines


def report(results: dict) -> str:
    lines = [
        f"Measured {results['when']} on this machine ({_machine()}), DEBUG off, in-process "
        "Django test client through the whole middleware stack, logged in. p50/p95 over the "
        "repeated requests; *floor* is `/bench/floor/` (hello world, same middleware and "
        "session, asked in turn with each page); *×floor* is the page's p95 over the floor's p95 "
        "(goal ≤ 3) and *thr.* the page's serial throughput as a share of the floor's "
        "(goal ≥ 40%). gz = gzip -6 of the HTML; +CSS = with the page's stylesheet as "
        "WhiteNoise serves it (goal ≤ 30 KB). *queries* over "
        f"{MAX_QUERIES} (the goal) are marked ✗. Where the time goes, each the median over the "
        "same requests (so they need not add up to p50 exactly): *SQL* in the database driver "
        "(execute and fetch), *ORM* Django building and compiling queries and turning rows into "
        "objects, *tpl.* template rendering (queries run inside a template count as SQL and ORM), "
        "*rest* all else (middleware, sessions, views, access rules, the test client). "
        "*SQL alone* is the page's SELECTs replayed on the driver's own connection without Django "
        "(median): the statements back to back, without Django around them.",
        "",
        "| data | page | queries | p50 ms | p95 ms | SQL | ORM | tpl. | rest | SQL alone | floor p95 | ×floor | thr. | HTML KB | gz KB | gz+CSS KB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for data, pages in results["pages"].items():
        for p in pages:
            if p["status"] != 200:
                lines.append(f"| {data} | {p['page']} | status {p['status']} |" + " |" * 13)
                continue
            lines.append(
                f"| {data} | {p['page']} | {_queries(p['queries'])} | {p['p50_ms']} | "
                f"{p['p95_ms']} | {p.get('split_sql_ms', '')} | {p.get('split_orm_ms', '')} | "
                f"{p.get('split_template_ms', '')} | {p.get('split_rest_ms', '')} | "
                f"{p.get('sql_ms', '')} | {p['floor_p95_ms']} | {p['p95_ratio']} | "
                f"{p['throughput_ratio']:.0%} | {p['html_bytes'] / 1024:.1f} | "
                f"{p['gzip_bytes'] / 1024:.1f} | "
                f"{(p['gzip_bytes'] + p['css_gzip_bytes']) / 1024:.1f} |"
            )
    lines += _growth(results["pages"])
    lines += _baseline(results.get("baseline"))
    lines += [
        "",
        "Under load: gunicorn (2 gthread workers × 4 threads) on 127.0.0.1, wrk with a bounded "
        "number of connections; first the floor alone, then the mix of the key pages (buddies "
        "most, funders least), each logged in with their own session.",
        "",
        "| database | conn. | s | floor req/s | floor p95 ms | mix req/s | mix p50 ms | mix p95 ms | mix p99 ms | errors | mix/floor |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for data, load in results.get("load", {}).items():
        if "skipped" in load:
            lines.append(f"| {data} | skipped: {load['skipped']} | | | | | | | | | |")
            continue
        f, m = load["floor"], load["mixed"]
        lines.append(
            f"| {data} | {load['connections']} | {load['seconds']} | {f['rps']} | {f['p95_ms']} | "
            f"{m['rps']} | {m['p50_ms']} | {m['p95_ms']} | {m['p99_ms']} | "
            f"{m['errors'] + f['errors']} | {load['throughput_ratio']:.0%} |"
        )
    static = next((x["static"] for x in results.get("load", {}).values() if x.get("static")), None)
    if static:
        lines += [
            "",
            f"Static files: `{static['url']}` is served by WhiteNoise as {static['encoding']} "
            f"({static['bytes'] / 1024:.1f} KB), `Cache-Control: {static['cache_control']}`.",
        ]
    w = results.get("writers")
    if w:
        lines += [
            "",
            f"Concurrent writers on SQLite (WAL, IMMEDIATE transactions, 20 s busy timeout): "
            f"{w['writers']} buddies each log contacts as fast as the server answers, for "
            f"{w['seconds']} s, through gunicorn with as many threads as writers.",
            "",
            '| writers | s | confirmed | stored | failed | "database is locked" | lost writes | writes/s |',
            "|---|---|---|---|---|---|---|---|",
            f"| {w['writers']} | {w['seconds']} | {w['confirmed']} | {w['stored']} | {w['failed']} | "
            f"{w['locked_errors']} | {w['lost_writes']} | {w['writes_per_s']} |",
        ]
    f = results.get("funder_after_write")
    if f:
        lines += [
            "",
            "The funder's programme report of the first generated programme when the cache cannot "
            f"answer (`bench/funder_after_write.py`, SQLite {sizes_label(results)}): cold, every "
            f"report built and the disclosure audit run, {f['cold_ms']} ms; after a write that "
            "left the year's exact figures as they were (a new figures version; the hidden cells' "
            f"pattern is kept by the exact figures, so no audit) {f['after_write_ms']} ms; from "
            f"the cache {f['warm_ms']} ms (medians of {f['repeat']}).",
        ]
    f = results.get("funder_scale")
    if f:
        lines += [
            "",
            f"The funder's report of one programme on PostgreSQL, {f['in_programme']:,} of "
            f"{f['trajectories']:,} trajectories in {f['programmes']} programmes ({f['how']}; "
            f"assessments, cases and Academie not multiplied): p50 {f['p50_ms']} ms, p95 "
            f"{f['p95_ms']} ms over {f['repeat']} requests, {f['queries']} queries (goal ≤ 1 s).",
        ]
    if results.get("matching"):
        lines += [
            "",
            "Batch matching (`bench/matching.py`):",
            "",
            "```",
            results["matching"],
            "```",
        ]
    return "\n".join(lines)


def write_docs(table: str) -> None:
    bench_env.write_docs(table, START, END, "Measured (`make bench`)")


if __name__ == "__main__":
    main()
