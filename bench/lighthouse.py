"""`make lighthouse`: Lighthouse (mobile) on the main page of each role, with the demo data.

    .venv/bin/python bench/lighthouse.py [--no-docs]

Needs Node.js and Debian's Chromium. Lighthouse is installed with npm into
$LIGHTHOUSE_DIR (default ~/.cache/kansrijk-lighthouse), outside the repository. The demo is
loaded into its own SQLite database in $BENCH_DATA, served by gunicorn with DEBUG off
(compressed, hashed static files, as in production), and each page is opened logged in as its
role (the session cookie goes along with `--extra-headers`). Scores and the accessibility
findings go into docs/performance.md.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchsite import env as bench_env  # noqa: E402

ROOT, PYTHON, KANSRIJK, DOCS = bench_env.ROOT, bench_env.PYTHON, bench_env.KANSRIJK, bench_env.DOCS
START, END = "<!-- lighthouse:start (written by make lighthouse) -->", "<!-- lighthouse:end -->"
LIGHTHOUSE_DIR = Path(os.environ.get("LIGHTHOUSE_DIR", Path.home() / ".cache/kansrijk-lighthouse"))
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")

# (role, demo username or None for a visitor, page); the household pages are the demo buddy's
# active household, filled in by `sessions()`.
PAGES = [
    ("visitor", None, "/login/"),
    ("coordinator", "coordinator", "/programmes/kansrijk-oost/"),
    ("buddy", "buddy", "/my-households/"),
    ("buddy", "buddy", "{household}"),
    ("buddy", "buddy", "{household}plan/"),
    ("buddy", "buddy", "{household}contacts/new/"),
    ("backup professional", "backup", "/backup/"),
    ("Doorbraak professional", "ruud.kuipers", "/doorbraak/"),
    ("funder", "funder", "/figures/"),
    ("funder", "funder", "/programmes/kansrijk-oost/report/"),
    ("participant", "deelnemer", "/me/"),
]


def sessions() -> None:
    """In a child process with Django: a session per demo user, and the buddy's household."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from kansrijk.people.models import User
    from kansrijk.trajectories.choices import Phase
    from kansrijk.trajectories.models import Trajectory

    keys = {}
    for username in {u for _r, u, _p in PAGES if u}:
        client = Client()
        client.force_login(User.objects.get(username=username))
        keys[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    household = (
        Trajectory.objects.filter(buddy__username="buddy", phase=Phase.ACTIVE)
        .select_related("household")
        .first()
        .household
    )
    print(json.dumps({"sessions": keys, "household": f"/households/{household.uuid}/"}))


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", "lighthouse@12"],
        cwd=LIGHTHOUSE_DIR,
        check=True,
    )


def run_lighthouse(url: str, session: str | None, out: Path) -> dict:
    headers = json.dumps({"Cookie": f"sessionid={session}"}) if session else None
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        "--chrome-flags=--headless --no-sandbox",
        "--quiet",
    ]
    if headers:
        command.append(f"--extra-headers={headers}")
    for attempt in range(3):  # noqa: B007 (named in the message below) a loaded machine now and then loses the trace (NO_NAVSTART)
        done = subprocess.run(command, check=False, env={**os.environ, "CHROME_PATH": CHROME})
        if done.returncode == 0:
            break
    else:
        return {"error": f"lighthouse failed {attempt + 1} times"}
    report = json.loads(out.read_text())
    findings = []
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = audit.get("details", {}).get("items", [])
            nodes = [i.get("node", {}).get("selector", "") for i in items][:3]
            findings.append(f"{ref['id']} ({', '.join(n for n in nodes if n)})")
    metrics = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "fcp_s": round(metrics["first-contentful-paint"]["numericValue"] / 1000, 2),
        "lcp_s": round(metrics["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(metrics["total-blocking-time"]["numericValue"]),
        "cls": round(metrics["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": metrics["total-byte-weight"]["numericValue"],
        "findings": findings,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument(
        "--report-only", action="store_true", help="Write the table of the last run again."
    )
    args = parser.parse_args()
    if args.sessions:
        sessions()
        return
    if args.report_only:
        table = report(json.loads((bench_env.DATA / "lighthouse.json").read_text()))
        print(table)
        if not args.no_docs:
            write_docs(table)
        return
    ensure_lighthouse()
    data = bench_env.DATA
    data.mkdir(parents=True, exist_ok=True)
    database = data / "demo.sqlite3"
    env = bench_env.apply(sqlite=database)
    subprocess.run([str(KANSRIJK), "collectstatic", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([str(KANSRIJK), "migrate", "--no-input", "-v0"], env=env, check=True)
    subprocess.run(
        [str(KANSRIJK), "demo", "--if-empty"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    found = json.loads(
        subprocess.run(
            [str(PYTHON), str(HERE / "lighthouse.py"), "--sessions"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    from server import gunicorn

    rows = []
    with gunicorn(env, log=data / "gunicorn-lighthouse.log") as base:
        for number, (role, username, page) in enumerate(PAGES):
            path = page.format(household=found["household"])
            session = found["sessions"].get(username) if username else None
            print(f"lighthouse {role} {path} …", file=sys.stderr, flush=True)
            result = run_lighthouse(base + path, session, data / f"lighthouse-{number}.json")
            rows.append({"role": role, "page": path, **result})
    (data / "lighthouse.json").write_text(json.dumps(rows, indent=1))
    table = report(rows)
    print(table)
    if not args.no_docs:
        write_docs(table)


def _page_name(path: str) -> str:
    return path.replace(path.split("/")[2], "…") if path.startswith("/households/") else path


def report(rows: list[dict]) -> str:
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"Lighthouse {version}, mobile (simulated slow 4G and a mid-range phone), Chromium "
        "headless, demo data, gunicorn with DEBUG off on loopback, logged in as each role.",
        "",
        "| role | page | performance | accessibility | FCP s | LCP s | TBT ms | CLS | KB | accessibility findings |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(
                f"| {r['role']} | `{_page_name(r['page'])}` | {r['error']} | | | | | | | |"
            )
            continue
        lines.append(
            f"| {r['role']} | `{_page_name(r['page'])}` | {r['performance']} | {r['accessibility']} | "
            f"{r['fcp_s']} | {r['lcp_s']} | {r['tbt_ms']} | {r['cls']} | {r['bytes'] / 1024:.0f} | "
            f"{'; '.join(r['findings']) or '–'} |"
        )
    return "\n".join(lines)


def write_docs(table: str) -> None:
    bench_env.write_docs(table, START, END, "Lighthouse (`make lighthouse`)")


if __name__ == "__main__":
    main()
