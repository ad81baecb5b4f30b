"""Statistics the database computes over many rows, so that a page does not read them all.

`median_per_group` gives the same answer as `statistics.median` over each group's values (rows
whose value is NULL left out, as a list comprehension with `if value is not None` would), in one
query on SQLite and PostgreSQL alike: the window functions ROW_NUMBER() and COUNT() number each
group's rows by value, and only the middle row (odd count) or the two middle rows (even count)
come back. Python then takes the middle one or averages the two exactly as `statistics.median`
does (`(a + b) / 2`), so the type and rounding are the same: an int for an odd count of ints, a
float for an even one, a Decimal for decimals. A group without values is absent from the answer.
"""

from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from django.db.models import (
    Aggregate,
    Count,
    Expression,
    F,
    Func,
    IntegerField,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import RowNumber

_VALUE, _GROUP, _ROW, _COUNT = "_median_value", "_median_group", "_median_row", "_median_count"


def _expression(value: str | Expression) -> F | Expression:
    return F(value) if isinstance(value, str) else value


def median_per_group(
    queryset: QuerySet, value: str | Expression, group_by: str | Expression | None = None
) -> dict[Hashable, Any]:
    """{group: median of value over the group's rows}, in one query; `group_by=None` makes
    all rows one group, under the key None (see `median`)."""
    group = Value(0, output_field=IntegerField()) if group_by is None else _expression(group_by)
    middle = (
        queryset.order_by()
        .annotate(**{_VALUE: _expression(value), _GROUP: group})
        .filter(**{f"{_VALUE}__isnull": False})
        .annotate(
            **{
                _ROW: Window(RowNumber(), order_by=[F(_VALUE).asc()], partition_by=[F(_GROUP)]),
                _COUNT: Window(Count(F(_VALUE)), partition_by=[F(_GROUP)]),
            }
        )
        # Rows (n + 1) div 2 to n div 2 + 1: the middle one of an odd count, two of an even one.
        .filter(
            **{
                f"{_ROW}__gte": (F(_COUNT) + 1) / 2,
                f"{_ROW}__lte": F(_COUNT) / 2 + 1,
            }
        )
        .values_list(_GROUP, _VALUE, _ROW)
    )
    found: dict[Hashable, list[tuple[int, Any]]] = defaultdict(list)
    for group_key, found_value, row in middle:
        found[group_key].append((row, found_value))
    return {
        None if group_by is None else group_key: _middle(
            [v for _row, v in sorted(rows, key=lambda pair: pair[0])]
        )
        for group_key, rows in found.items()
    }


def figures_per_group(
    queryset: QuerySet,
    group_by: str | Expression | None,
    median_of: str | Expression,
    **aggregates: Aggregate,
) -> dict[Hashable, dict[str, Any]]:
    """{group: {"median": ..., name: aggregate, ...}} in one query: the median of `median_of`
    as `median_per_group` gives it (None for a group whose values are all NULL), and each
    aggregate (Count, Sum, ... with their filters) over all the group's rows.

    The rows are numbered with the NULL values last and COUNT(value) counts the others, so the
    middle rows (n + 1) div 2 to n div 2 + 1 are values; a group of NULLs only (n = 0) still
    sends its first row, which carries the aggregates and no median.
    """
    group = Value(0, output_field=IntegerField()) if group_by is None else _expression(group_by)
    middle = (
        queryset.order_by()
        .annotate(**{_VALUE: _expression(median_of), _GROUP: group})
        .annotate(
            **{
                _ROW: Window(
                    RowNumber(), order_by=[F(_VALUE).asc(nulls_last=True)], partition_by=[F(_GROUP)]
                ),
                _COUNT: Window(Count(F(_VALUE)), partition_by=[F(_GROUP)]),
            },
            **{
                name: Window(aggregate, partition_by=[F(_GROUP)])
                for name, aggregate in aggregates.items()
            },
        )
        .filter(
            **{
                f"{_ROW}__gte": (F(_COUNT) + 1) / 2,
                f"{_ROW}__lte": F(_COUNT) / 2 + 1,
            }
        )
        .values_list(_GROUP, _VALUE, _ROW, *aggregates)
    )
    found: dict[Hashable, list[tuple]] = defaultdict(list)
    for group_key, found_value, row, *figures in middle:
        found[group_key].append((row, found_value, figures))
    answer = {}
    for group_key, rows in found.items():
        rows.sort(key=lambda found_row: found_row[0])
        values = [v for _row, v, _figures in rows if v is not None]
        answer[None if group_by is None else group_key] = {
            "median": _middle(values) if values else None,
            **dict(zip(aggregates, rows[0][2], strict=True)),
        }
    return answer


def _middle(values: list) -> Any:
    """statistics.median of sorted values: data[n // 2] for an odd n, else the two middle
    ones' mean, (a + b) / 2; here the one or two middle values are all there is."""
    return values[0] if len(values) == 1 else (values[0] + values[1]) / 2


def median(queryset: QuerySet, value: str | Expression) -> Any:
    """`statistics.median` of value over the rows (NULLs left out), or None without any."""
    return median_per_group(queryset, value).get(None)


class DaysBetween(Func):
    """Whole days from the date `start` to the date `end` (NULL if either is), as an integer:
    `(end - start).days` in Python."""

    arity = 2
    output_field = IntegerField()

    def __init__(self, start: str | Expression, end: str | Expression, **extra) -> None:
        super().__init__(_expression(end), _expression(start), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date - date is an integer number of days.
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Dates are ISO text; julianday() of two midnights differs by a whole number exactly.
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )
