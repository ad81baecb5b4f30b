"""Several small querysets read in one round trip, each still built by its own selector.

A page that shows a dozen short lists about one household (its members, the last contacts,
the history, ...) paid one query each, and most of the time went into Django building and
sending them, not into the database. `read_together` compiles each queryset as Django would
(its filters, ordering, slice and `select_related` joins), wraps each as a subquery that
returns its rows as one JSON array, and sends them all as one `SELECT (...), (...), ...`.
Each queryset's rows then go through Django's own machinery (the backend's converters, the
fields' `from_db_value`, `select_related` and annotations), so the objects are the ones the
queryset would have given on its own.

The rows of a subquery keep its ORDER BY: the array is built over a subquery that is ordered
(SQLite does not flatten an ordered subquery into an aggregate; PostgreSQL builds the array in
the order the ordered subquery returns its rows). A `prefetch_related` of a queryset still
runs its own queries afterwards. JSON holds no binary values: defer a binary column (as the
document lists defer their content).
"""

import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.constants import MULTI

# Values JSON carries as text on PostgreSQL: the field turns them back into their own type.
_FROM_TEXT = {
    "DateField",
    "DateTimeField",
    "TimeField",
    "UUIDField",
    "DecimalField",
    "DurationField",
}


def read_together(querysets: Mapping[str, QuerySet | None], using: str = "default") -> dict:
    """{name: list of what the queryset yields} for every queryset, in one query; a name whose
    queryset is None (a part this reader may not see: not read) gets None."""
    connection = connections[using]
    compiled: dict[str, tuple[QuerySet, Any, list[str]]] = {}
    columns: list[str] = []
    params: list[Any] = []
    found: dict[str, list | None] = {}
    for name, queryset in querysets.items():
        if queryset is None:
            found[name] = None
            continue
        queryset = queryset.all()
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, sql_params = compiler.as_sql(with_col_aliases=True)
        except EmptyResultSet:
            found[name] = []
            continue
        aliases = [alias for _expr, _sql, alias in compiler.select[: compiler.col_count]]
        columns.append(_as_json_array(connection, sql, aliases))
        params.extend(sql_params)
        compiled[name] = (queryset, compiler, aliases)
    if compiled:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(columns), params)
            arrays = cursor.fetchone()
        for (name, (queryset, compiler, aliases)), array in zip(
            compiled.items(), arrays, strict=True
        ):
            rows = _rows(connection, compiler, aliases, array)
            found[name] = _objects(queryset, compiler, rows)
    return found


def _as_json_array(connection, sql: str, aliases: list[str]) -> str:
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # A record per row, by column name: json_build_array takes at most 100 arguments.
        return f"(SELECT COALESCE(json_agg(r), '[]') FROM ({sql}) r)"
    values = ", ".join(f"r.{quote(alias)}" for alias in aliases)
    return f"(SELECT json_group_array(json_array({values})) FROM ({sql}) r)"


def _rows(connection, compiler, aliases: list[str], array: Any) -> list[list]:
    decoded = json.loads(array) if isinstance(array, str | bytes) else array
    if connection.vendor != "postgresql":
        return decoded
    fields = [
        expression.output_field
        for expression, _sql, _alias in compiler.select[: compiler.col_count]
    ]
    return [
        [_from_text(field, record[alias]) for field, alias in zip(fields, aliases, strict=True)]
        for record in decoded
    ]


def _from_text(field, value: Any) -> Any:
    kind = field.get_internal_type()
    if isinstance(value, str) and kind in _FROM_TEXT:
        return field.to_python(value)
    if kind == "JSONField" and value is not None:
        # Nested in the row's JSON it arrives decoded; the field decodes its own text.
        return json.dumps(value)
    return value


def _objects(queryset: QuerySet, compiler, rows: list[list]) -> list:
    """What iterating the queryset yields, from rows already read: its own iterable class runs
    over a compiler that hands them out instead of asking the database."""

    def execute_sql(result_type=MULTI, *args, **kwargs):
        return [rows] if result_type == MULTI else iter(rows)

    # The one place this module steps into Django: this compiler answers from the rows read.
    compiler.execute_sql = execute_sql  # type: ignore[method-assign]
    queryset.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
    return list(queryset)


def prefilled(instance, accessor: str, rows: list) -> None:
    """Leave `instance.<accessor>.all()` (a reverse foreign key) answering `rows` without a
    query, as `prefetch_related` leaves it: for rows read together with others."""
    manager = getattr(instance, accessor)
    for row in rows:
        manager.field.set_cached_value(row, instance)
    queryset = manager.get_queryset()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = queryset
