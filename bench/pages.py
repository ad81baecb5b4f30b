"""Key pages in-process: queries, server time p50/p95 and where it goes, bytes, against the floor.

Run by `bench/run.py` in a child process per database (its environment comes from
`benchsite.env`); prints one JSON object. Every request goes through the whole middleware
stack with the Django test client, logged in with a real session; the floor (`/bench/floor/`,
hello world) is asked with the same session, alternating with the page, so noise on this
shared machine hits both alike. Each page's time is split into SQL, ORM, templates and the
rest on the same requests (`split.py`, the median of each part), unless `--no-split`.

`bench/run.py --baseline REF` runs this same file with an older commit's `src` on the
PYTHONPATH, so it must only use what both versions have.
"""

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import django

django.setup()

import split  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from kansrijk.people.choices import Role  # noqa: E402
from kansrijk.people.models import ProgrammeRole, User  # noqa: E402
from kansrijk.scale.generate import generated_programmes  # noqa: E402
from kansrijk.trajectories.choices import Phase  # noqa: E402
from kansrijk.trajectories.models import Trajectory  # noqa: E402

FLOOR = "/bench/floor/"
LAYOUT_ONLY = "layout only (account page)"


@dataclass
class Actors:
    coordinator: User
    buddy: User
    backup: User
    funder: User
    doorbraak: User
    programme_slug: str
    household_uuid: str


def actors() -> Actors:
    """The people of the first generated programme whose pages are measured."""
    programme = generated_programmes().order_by("slug").first()
    if programme is None:
        sys.exit("No generated programme: run `kansrijk generate --households N` first.")
    role = ProgrammeRole.objects.select_related("user")
    coordinator = role.get(programme=programme, role=Role.COORDINATOR).user
    # The buddy with the most households now (two, at capacity), and their active household
    # with the most goals: the fullest household and plan page of the programme.
    buddy = (
        User.objects.filter(
            buddy_trajectories__household__programme=programme,
            buddy_trajectories__phase__in=[Phase.ACTIVE, Phase.AFTERCARE],
        )
        .annotate(n=Count("buddy_trajectories"))
        .order_by("-n", "pk")
        .first()
    )
    trajectory = (
        Trajectory.objects.filter(buddy=buddy, phase__in=[Phase.ACTIVE, Phase.AFTERCARE])
        .annotate(goals_n=Count("goals"), contacts_n=Count("contacts", distinct=True))
        .order_by("-goals_n", "-contacts_n")
        .select_related("household", "backup")
        .first()
    )
    funder = role.filter(role=Role.FUNDER, programme=programme).first().user
    doorbraak = role.filter(role=Role.DOORBRAAK, programme=programme).first().user
    return Actors(
        coordinator=coordinator,
        buddy=buddy,
        backup=trajectory.backup,
        funder=funder,
        doorbraak=doorbraak,
        programme_slug=programme.slug,
        household_uuid=str(trajectory.household.uuid),
    )


def key_pages(a: Actors) -> list[tuple[str, User, str]]:
    """(label, who asks, URL) for every key page that exists in this version of the product."""
    pages = [
        ("buddy home", a.buddy, "buddy_home", {}),
        ("household page", a.buddy, "household", {"household_uuid": a.household_uuid}),
        ("plan page", a.buddy, "plan", {"household_uuid": a.household_uuid}),
        ("backup home", a.backup, "backup_home", {}),
        ("coordinator dashboard", a.coordinator, "programme", {"programme_slug": a.programme_slug}),
        ("funder start page", a.funder, "figures", {}),
        ("programme report", a.funder, "programme_report", {"programme_slug": a.programme_slug}),
        ("results report", a.coordinator, "results", {"programme_slug": a.programme_slug}),
        ("Doorbraak cases", a.doorbraak, "doorbraak_cases", {}),
        ("Doorbraak register", a.doorbraak, "learning_register", {}),
        # Not a key page: the product's layout with navigation and one short form, no data.
        # Shows what any page of the product costs before it reads a household.
        (LAYOUT_ONLY, a.buddy, "security", {}),
    ]
    found = []
    for label, user, name, kwargs in pages:
        try:
            found.append((label, user, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            continue
    return found


def login(user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


_STYLESHEET = re.compile(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"')


def css_gzip_bytes(html: bytes) -> int:
    """The compressed size of the page's own stylesheets, as WhiteNoise serves them (.gz)."""
    total = 0
    static_root = Path(settings.STATIC_ROOT)
    for href in _STYLESHEET.findall(html):
        name = href.decode().split(settings.STATIC_URL, 1)[-1]
        path = static_root / name
        gz = path.with_name(path.name + ".gz")
        if gz.exists():
            total += gz.stat().st_size
        elif path.exists():
            total += len(gzip.compress(path.read_bytes(), 6))
    return total


@dataclass
class PageFigures:
    page: str
    url: str
    status: int
    queries: int
    p50_ms: float
    p95_ms: float
    html_bytes: int
    gzip_bytes: int
    css_gzip_bytes: int
    floor_p50_ms: float
    floor_p95_ms: float
    p95_ratio: float
    throughput_ratio: float
    sql_ms: float  # the page's SELECTs replayed on the driver's connection, without Django
    # Where the page's time goes, each the median over the timed requests (split.py); they do
    # not add up exactly to p50, being medians of their own.
    split_sql_ms: float = 0.0
    split_orm_ms: float = 0.0
    split_template_ms: float = 0.0
    split_rest_ms: float = 0.0


def sql_alone_ms(client: Client, url: str, repeat: int) -> float:
    """What the database alone takes for the page: its SELECTs (with their parameters), run
    on the driver's own connection and fetched, median over `repeat` runs. The rest of the
    page's time is Python: Django building queries and rows, the access rules, templates."""
    recorded = []

    def record(execute, sql, params, many, context):
        if not many and sql.lstrip()[:6].upper() == "SELECT":
            recorded.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    raw = connection.connection
    sqlite = connection.vendor == "sqlite"
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for sql, params in recorded:
            cursor = raw.cursor()
            # Django's SQLite backend writes placeholders as %s and swaps them for ? itself.
            cursor.execute(sql.replace("%s", "?") if sqlite else sql, params or ())
            cursor.fetchall()
            cursor.close()
        runs.append(time.perf_counter() - started)
    return round(statistics.median(runs) * 1000, 1)


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1) if values else 0.0


def measure(
    label: str, user: User, url: str, repeat: int, *, replay: bool = True, splits: bool = True
) -> PageFigures:
    client = login(user)
    first = client.get(url)
    if first.status_code != 200:
        return PageFigures(label, url, first.status_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    for _ in range(3):  # warm up: templates, translations, connection
        client.get(url)
        client.get(FLOOR)
    page_times, floor_times = [], []
    parts: dict[str, list[float]] = {name: [] for name in (*split.CATEGORIES, "rest")}
    for _ in range(repeat):
        started = time.perf_counter()
        floor = client.get(FLOOR)
        floor_times.append(time.perf_counter() - started)
        split.WATCH.reset()
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        page_times.append(elapsed)
        if splits:
            for name, seconds in split.WATCH.totals.items():
                parts[name].append(seconds)
            parts["rest"].append(elapsed - sum(split.WATCH.totals.values()))
    assert floor.status_code == 200, floor.status_code
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    html = response.content
    floor_p95 = percentile(floor_times, 95)
    return PageFigures(
        page=label,
        url=url,
        status=response.status_code,
        queries=len(queries.captured_queries),
        p50_ms=round(statistics.median(page_times) * 1000, 1),
        p95_ms=round(percentile(page_times, 95) * 1000, 1),
        html_bytes=len(html),
        gzip_bytes=len(gzip.compress(html, 6)),
        css_gzip_bytes=css_gzip_bytes(html),
        floor_p50_ms=round(statistics.median(floor_times) * 1000, 1),
        floor_p95_ms=round(floor_p95 * 1000, 1),
        p95_ratio=round(percentile(page_times, 95) / floor_p95, 2),
        throughput_ratio=round(statistics.fmean(floor_times) / statistics.fmean(page_times), 2),
        sql_ms=sql_alone_ms(client, url, repeat) if replay else 0.0,
        split_sql_ms=median_ms(parts["sql"]),
        split_orm_ms=median_ms(parts["orm"]),
        split_template_ms=median_ms(parts["template"]),
        split_rest_ms=median_ms(parts["rest"]),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", default="", help="Comma-separated page labels.")
    parser.add_argument(
        "--no-split", action="store_true", help="No SQL/ORM/template split (to see its overhead)."
    )
    parser.add_argument(
        "--no-replay", action="store_true", help="Skip replaying the SELECTs without Django."
    )
    parser.add_argument(
        "--sessions", action="store_true", help="Only log in: print the key pages with a session."
    )
    args = parser.parse_args()
    a = actors()
    if args.sessions:
        sessions = {}
        pages = []
        for label, user, url in key_pages(a):
            if user.pk not in sessions:
                sessions[user.pk] = login(user).cookies[settings.SESSION_COOKIE_NAME].value
            pages.append({"page": label, "url": url, "session": sessions[user.pk]})
        print(json.dumps({"pages": pages, "writers": writer_sessions()}))
        return
    if not args.no_split:
        split.install()
    only = {label.strip() for label in args.only.split(",") if label.strip()}
    figures = [
        asdict(
            measure(
                label,
                user,
                url,
                args.repeat,
                replay=not args.no_replay,
                splits=not args.no_split,
            )
        )
        for label, user, url in key_pages(a)
        if not only or label in only
    ]
    households = generated_households()
    print(json.dumps({"households": households, "pages": figures}))


def writer_sessions(n: int = 20) -> list[dict]:
    """Buddies who coach a household now, each logged in, with the contact form of one."""
    found, seen = [], set()
    coached = (
        Trajectory.objects.filter(
            phase=Phase.ACTIVE, household__programme__in=generated_programmes()
        )
        .select_related("buddy", "household")
        .order_by("pk")
    )
    for trajectory in coached.iterator():
        if trajectory.buddy_id in seen:
            continue
        seen.add(trajectory.buddy_id)
        client = login(trajectory.buddy)
        found.append(
            {
                "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": reverse("log_contact", args=[trajectory.household.uuid]),
                "trajectory": trajectory.pk,
            }
        )
        if len(found) == n:
            break
    return found


def generated_households() -> int:
    from kansrijk.people.models import Household

    return Household.objects.filter(Q(programme__in=generated_programmes())).count()


if __name__ == "__main__":
    main()
