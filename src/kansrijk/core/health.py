"""What /readyz checks before a load balancer sends this app server any work.

Liveness (/healthz) and readiness (/readyz) are kept apart on purpose: an orchestrator restarts
a process whose liveness fails, and restarting every app server because the database blinked
helps nobody. So /healthz only says the process answers; /readyz says whether it can serve: the
database answers, every cache (settings.CACHES) answers a read, and no migration
of this code waits to be applied (a new release whose `kansrijk migrate` has not run yet).

A failed check is named in the answer, never explained there (an exception's text may hold a
host name or worse); the reason goes to the log for the operator.
"""

import logging
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

OK, FAILED = "ok", "failed"
# A key nothing writes: reading it costs the cache one lookup.
PROBE_KEY = "readyz-probe"


def _database_answers() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_answers(alias: str) -> None:
    """A read, not a write: it shows the cache server (or the database cache's table) answers,
    and a probe asked every few seconds by every load balancer must not write (a GET never
    writes here: tests/test_reads_never_write.py)."""
    caches[alias].get(PROBE_KEY)


class _SeenApplied:
    """Whether this process has seen all of its migrations applied. Building the migration graph
    is most of what a probe costs, and the answer cannot turn back: the migration files a process
    loaded do not change while it runs, and a release only ever applies migrations forward. So
    once they are all applied, later probes do not ask again."""

    migrations = False


def _migrations_applied() -> None:
    if _SeenApplied.migrations:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise RuntimeError(f"{len(plan)} migration(s) not applied")
    _SeenApplied.migrations = True


def _checks() -> dict[str, Callable[[], None]]:
    checks = {"database": _database_answers}
    for alias in settings.CACHES:
        checks[f"cache:{alias}"] = partial(_cache_answers, alias)
    checks["migrations"] = _migrations_applied
    return checks


def readiness() -> dict[str, str]:
    """Each check's name with "ok" or "failed"; the migrations are not asked about while the
    database does not answer (the question would only fail again, slowly)."""
    results: dict[str, str] = {}
    for name, check in _checks().items():
        if name == "migrations" and results["database"] == FAILED:
            results[name] = FAILED
            continue
        try:
            check()
        except Exception:  # any failure makes this server not ready; the log says why
            logger.warning("readiness check %s failed", name, exc_info=True)
            results[name] = FAILED
        else:
            results[name] = OK
    return results
