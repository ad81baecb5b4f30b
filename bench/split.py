"""Where a request's server time goes: SQL, ORM, templates and the rest.

`install()` wraps a few of Django's own functions with a stopwatch (only in the benchmark's
process, `bench/pages.py`; the product never imports this). Each wrapped call is a category:

- *sql*: the database driver: `CursorWrapper.execute`/`executemany`/`callproc` and the fetches
  (`fetchone`, `fetchmany`, `fetchall`), the rows' transfer and the driver's conversions;
- *orm*: Django building and compiling queries and turning rows into objects: `Query.add_q`
  and `add_annotation` (what `filter()`, `exclude()` and `annotate()` do), `QuerySet._fetch_all`
  (compile, run, build the model instances, prefetch), `count()`, `exists()`, `aggregate()`, and
  the compilers' `execute_sql` (for `iterator()`, inserts and updates);
- *template*: `django.template.base.Template.render`;
- the *rest* is what is left of the request's time: middleware, sessions, views, the access
  rules' Python, forms, the test client itself.

Calls nest (a template evaluates a lazy queryset, which runs SQL): time always goes to the
innermost category running, so a query evaluated inside a template counts as ORM and SQL, not
as template. Overhead: two `perf_counter()` calls and a list push and pop per wrapped call.
"""

import functools
import time

from django.db.backends import utils as backend_utils
from django.db.models import query as query_module
from django.db.models.sql import compiler as compiler_module
from django.db.models.sql import query as sql_query_module
from django.template import base as template_base

CATEGORIES = ("sql", "orm", "template")


class Stopwatch:
    """Time per category; a nested call pauses its caller's category until it returns."""

    def __init__(self) -> None:
        self.totals = dict.fromkeys(CATEGORIES, 0.0)
        self._stack: list[str] = []
        self._since = 0.0

    def reset(self) -> None:
        self.totals = dict.fromkeys(CATEGORIES, 0.0)

    def enter(self, category: str) -> None:
        now = time.perf_counter()
        if self._stack:
            self.totals[self._stack[-1]] += now - self._since
        self._stack.append(category)
        self._since = now

    def leave(self) -> None:
        now = time.perf_counter()
        self.totals[self._stack.pop()] += now - self._since
        self._since = now


WATCH = Stopwatch()


def _timed(category: str, function):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        WATCH.enter(category)
        try:
            return function(*args, **kwargs)
        finally:
            WATCH.leave()

    timed.__bench_split__ = True
    return timed


def _fetch(name: str):
    # CursorWrapper hands fetches to the driver's cursor through __getattr__; a method of the
    # same name on the class is found first and times it.
    def fetch(self, *args, **kwargs):
        return getattr(self.cursor, name)(*args, **kwargs)

    fetch.__name__ = name
    return fetch


def _wrap(owner: type, name: str, category: str) -> None:
    function = owner.__dict__.get(name)
    if function is None or getattr(function, "__bench_split__", False):
        return
    setattr(owner, name, _timed(category, function))


def install() -> None:
    """Wrap Django's functions once (idempotent)."""
    cursor = backend_utils.CursorWrapper
    for name in ("fetchone", "fetchmany", "fetchall"):
        if name not in cursor.__dict__:
            setattr(cursor, name, _fetch(name))
    for name in ("execute", "executemany", "callproc", "fetchone", "fetchmany", "fetchall"):
        _wrap(cursor, name, "sql")
    # The debug wrapper (DEBUG on, or CaptureQueriesContext) has its own execute methods, which
    # call the ones above: wrapping them too would only count Django's query log as SQL.
    for name in ("add_q", "add_annotation"):
        _wrap(sql_query_module.Query, name, "orm")
    for name in ("_fetch_all", "count", "exists", "aggregate"):
        _wrap(query_module.QuerySet, name, "orm")
    _wrap(query_module.RawQuerySet, "_fetch_all", "orm")
    for compiler in (
        compiler_module.SQLCompiler,
        compiler_module.SQLInsertCompiler,
        compiler_module.SQLUpdateCompiler,
    ):
        _wrap(compiler, "execute_sql", "orm")
    _wrap(template_base.Template, "render", "template")
