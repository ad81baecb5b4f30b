"""Concurrent writers on SQLite: 20 buddies log contacts at once through gunicorn.

Each writer is a thread with its own logged-in buddy session; it fetches the contact form once
(for the CSRF token) and then posts contacts as fast as the server answers, until the time is
up. A saved contact answers with a redirect (302). Afterwards we count:
- "database is locked" errors in the server's log (SQLite's busy timeout ran out);
- lost writes: contacts the server confirmed that are not in the database.
The server has as many threads as there are writers, so all of them reach the database at once.
"""

import datetime as dt
import http.client
import re
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from server import gunicorn

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _writer(base: str, writer: dict, deadline: float, results: list, lock: threading.Lock) -> None:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    cookie = f"sessionid={writer['session']}"
    connection.request("GET", writer["url"], headers={"Cookie": cookie})
    response = connection.getresponse()
    page = response.read().decode()
    csrf_cookie = next(
        (
            c.split(";")[0]
            for c in response.headers.get_all("Set-Cookie") or []
            if c.startswith("csrftoken=")
        ),
        "",
    )
    token = TOKEN.search(page).group(1)
    ok = failed = 0
    today = dt.date.today().isoformat()
    while time.monotonic() < deadline:
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "on": today,
                "kind": "phone",
                "minutes": "10",
                "note": "Even gebeld.",
            }
        )
        try:
            connection.request(
                "POST",
                writer["url"],
                body=body,
                headers={
                    "Cookie": f"{cookie}; {csrf_cookie}",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": base + writer["url"],
                },
            )
            response = connection.getresponse()
            response.read()
            if response.status == 302:
                ok += 1
            else:
                failed += 1
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
    with lock:
        results.append((writer["trajectory"], ok, failed))


def count_contacts(database: Path, trajectories: list[int]) -> dict[int, int]:
    with sqlite3.connect(database) as db:
        marks = ",".join("?" * len(trajectories))
        rows = db.execute(
            f"SELECT trajectory_id, COUNT(*) FROM contacts_contact "
            f"WHERE trajectory_id IN ({marks}) GROUP BY trajectory_id",
            trajectories,
        ).fetchall()
    return dict.fromkeys(trajectories, 0) | dict(rows)


def run(env: dict, database: Path, writers: list[dict], *, seconds: int, log: Path) -> dict:
    trajectories = [w["trajectory"] for w in writers]
    before = count_contacts(database, trajectories)
    results: list = []
    lock = threading.Lock()
    with gunicorn(env, workers=2, threads=max(1, len(writers) // 2), log=log) as base:
        deadline = time.monotonic() + seconds
        threads = [
            threading.Thread(target=_writer, args=(base, w, deadline, results, lock))
            for w in writers
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    after = count_contacts(database, trajectories)
    confirmed = sum(ok for _t, ok, _f in results)
    stored = sum(after[t] - before[t] for t in trajectories)
    server_log = log.read_text(errors="replace")
    return {
        "writers": len(writers),
        "seconds": seconds,
        "confirmed": confirmed,
        "stored": stored,
        "failed": sum(f for _t, _ok, f in results),
        "locked_errors": server_log.count("database is locked"),
        "lost_writes": max(0, confirmed - stored),
        "writes_per_s": round(confirmed / seconds, 1),
    }
