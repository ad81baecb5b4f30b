"""Throughput under load: gunicorn on loopback, wrk with a mixed workload of the roles.

`run(env, sessions)` first asks the floor (hello world, same middleware, same sessions) and
then the mix of key pages, each for `seconds`, with a bounded number of connections. wrk
(Debian: `apt-get install -y wrk`) reports requests, latency percentiles and errors (non-2xx/3xx
answers, connect/read errors and timeouts).
"""

import json
import re
import shutil
import subprocess
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from server import get, gunicorn

# How often each page comes up in the mix: buddies open their households most, funders least.
MIX = {
    "buddy home": 4,
    "household page": 4,
    "plan page": 3,
    "backup home": 2,
    "coordinator dashboard": 2,
    "funder start page": 1,
    "programme report": 1,
    "results report": 1,
    "Doorbraak cases": 1,
    "Doorbraak register": 1,
}

LUA = """
local requests = {%(requests)s}
local counter = 0
request = function()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  return wrk.format("GET", r[1], {["Cookie"] = "sessionid=" .. r[2]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %%d, "duration_us": %%d, "p50_ms": %%.1f, "p95_ms": %%.1f, "p99_ms": %%.1f, ' ..
    '"errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def wrk(base: str, requests: list[tuple[str, str]], seconds: int, connections: int) -> dict:
    entries = ", ".join(f'{{"{url}", "{session}"}}' for url, session in requests)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"requests": entries})
    result = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            script.name,
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(script.name).unlink()
    line = next(x for x in result.stdout.splitlines() if x.startswith("JSON "))
    figures = json.loads(line[5:])
    figures["rps"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
    return figures


def run(env: dict, sessions: dict, *, seconds: int, connections: int, log: Path) -> dict:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install -y wrk)"}
    pages = [p for p in sessions["pages"] if p["page"] in MIX]
    with gunicorn(env, log=log) as base:
        for page in pages:  # every page answers 200 with its session, or the mix means nothing
            # A worker's first request imports the views and compiles the templates: on a
            # machine busy with other work that took over 30 s.
            status, _body = get(base + page["url"], page["session"], timeout=180)
            if status != 200:
                return {"skipped": f"{page['page']} answered {status}"}
        warm_every_worker(base, pages)
        static = static_headers(base, pages[0])
        floor_session = pages[0]["session"]
        floor = wrk(base, [("/bench/floor/", floor_session)], seconds, connections)
        mix = [(p["url"], p["session"]) for p in pages for _ in range(MIX[p["page"]])]
        mixed = wrk(base, mix, seconds, connections)
    return {
        "connections": connections,
        "seconds": seconds,
        "floor": floor,
        "mixed": mixed,
        "throughput_ratio": round(mixed["rps"] / floor["rps"], 2) if floor["rps"] else None,
        "static": static,
    }


def warm_every_worker(base: str, pages: list[dict], rounds: int = 8) -> None:
    """Ask every page a few times at once, so each gunicorn worker (not only the one that took
    the first request) has compiled its templates and built what it keeps in its own memory
    cache (a funder's published set, the audit's pattern) before the mix is timed: the mix
    then measures the steady state, not one worker's first seconds."""
    asks = [(base + page["url"], page["session"]) for page in pages for _ in range(rounds)]
    with ThreadPoolExecutor(max_workers=rounds) as pool:
        list(pool.map(lambda ask: get(*ask, timeout=180), asks))


def static_headers(base: str, page: dict) -> dict:
    """How the page's stylesheet is served: compressed? cached for how long? how big?"""
    _status, body = get(base + page["url"], page["session"])
    href = re.search(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body).group(1).decode()
    request = urllib.request.Request(base + href, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request) as response:
        return {
            "url": href,
            "encoding": response.headers.get("Content-Encoding", "none"),
            "cache_control": response.headers.get("Cache-Control", ""),
            "bytes": len(response.read()),
        }
