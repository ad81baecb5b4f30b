"""The environment every benchmark process runs with: production settings on loopback.

DEBUG is off (cached templates, compressed and hashed static files, no query log), so the
figures are those of a real server; only HTTPS redirects, secure cookies and the second factor
are off, because the load generator speaks plain HTTP to 127.0.0.1 and logs in by session.
The key below encrypts the generated, fictional notes only: it is no secret.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
KANSRIJK = ROOT / ".venv" / "bin" / "kansrijk"
DOCS = ROOT / "docs" / "performance.md"
DATA = Path(os.environ.get("BENCH_DATA", "/tmp/kansrijk-bench"))
BENCH_FIELD_KEY = "35G7ZxaQmPrLWNThw5LxfKaQ_cgLN8IHZPjC7DuuzYo="

ENV = {
    "DEBUG": "0",
    "DJANGO_SETTINGS_MODULE": "benchsite.settings",
    "SECRET_KEY": "kansrijk-bench-only-not-a-secret-0123456789abcdef",
    "FIELD_ENCRYPTION_KEYS": BENCH_FIELD_KEY,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "REQUIRE_TWO_FACTOR": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": str(DATA / "static"),
    "LOG_LEVEL": "WARNING",
    # The demo makes a portal account, which sends a mail: kept in memory, never sent.
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src")]),
}


def sqlite_path(households: int) -> Path:
    return DATA / f"households-{households}.sqlite3"


def apply(database_url: str | None = None, sqlite: Path | None = None) -> dict[str, str]:
    """Set ENV (and the database) in this process; returns the environment for children."""
    env = dict(ENV)
    if database_url:
        env["DATABASE_URL"] = database_url
        env.pop("SQLITE_PATH", None)
    elif sqlite is not None:
        env["SQLITE_PATH"] = str(sqlite)
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    return {**os.environ, **env}


def write_docs(table: str, start: str, end: str, heading: str) -> None:
    """Put `table` between the markers in docs/performance.md (under `heading` when new)."""
    text = DOCS.read_text()
    block = f"{start}\n{table}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n## {heading}\n\n{block}\n"
    DOCS.write_text(text)
