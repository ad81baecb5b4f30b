"""The database's median per group equals `statistics.median` over the same values, on SQLite and
PostgreSQL (run with DATABASE_URL), for random data: odd and even counts, ties, negatives,
fractions, NULLs, groups without values."""

import datetime as dt
import statistics

import pytest
from django.db import transaction
from django.db.models import Count, F, FloatField, Max, Value
from django.db.models.functions import Cast, Length, Substr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansrijk.core.aggregates import DaysBetween, figures_per_group, median, median_per_group
from kansrijk.core.models import Submission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A row is (group letter, length or None): the value is the length of its text, shifted so that
# some are negative; None stands for a row whose value is NULL.
ROWS = st.lists(
    st.tuples(st.sampled_from("abcd"), st.one_of(st.none(), st.integers(1, 60))), max_size=40
)


class _Rollback(Exception):
    pass


def _with_rows(rows, ask):
    """Write the rows, ask the database, and roll back: each example starts empty."""
    user = UserFactory()
    answer = None
    try:
        with transaction.atomic():
            Submission.objects.bulk_create(
                Submission(user=user, key=str(i), result_url=group + "x" * (length or 1))
                for i, (group, length) in enumerate(rows)
            )
            nulls = [str(i) for i, (_group, length) in enumerate(rows) if length is None]
            answer = ask(Submission.objects.all(), nulls)
            raise _Rollback
    except _Rollback:
        pass
    return answer


def _python(rows, shift=0, scale=None):
    groups: dict[str, list] = {}
    for group, length in rows:
        if length is not None:
            value = length + 1 - shift  # the text holds the letter and `length` x's
            groups.setdefault(group, []).append(value if scale is None else value / scale)
    return {group: statistics.median(values) for group, values in groups.items()}


def _value(nulls, expression):
    from django.db.models import Case, When

    return Case(When(key__in=nulls, then=Value(None)), default=expression)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_the_median_per_group_is_statistics_median(rows):
    found = _with_rows(
        rows,
        lambda rows_, nulls: median_per_group(
            rows_, _value(nulls, Length("result_url") - 30), Substr("result_url", 1, 1)
        ),
    )
    expected = _python(rows, shift=30)
    assert found == expected
    # The same type too: an int for an odd count of ints, a float for an even one.
    assert {g: type(v) for g, v in found.items()} == {g: type(v) for g, v in expected.items()}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_fractions_and_one_group(rows):
    value = Cast(Length("result_url"), FloatField()) / Value(8.0)
    found = _with_rows(
        rows,
        lambda rows_, nulls: (
            median_per_group(rows_, _value(nulls, value), "key"),
            median(rows_, _value(nulls, value)),
        ),
    )
    values = [(length + 1) / 8.0 for _group, length in rows if length is not None]
    assert found[1] == (statistics.median(values) if values else None)
    assert found[0] == {str(i): (length + 1) / 8.0 for i, (_g, length) in enumerate(rows) if length}


def test_no_rows_no_median():
    assert median(Submission.objects.all(), F("pk")) is None
    assert median_per_group(Submission.objects.all(), F("pk"), "key") == {}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2024, 2, 28), dt.date(2024, 3, 1)),
        (dt.date(2025, 3, 29), dt.date(2025, 3, 31)),  # across the change to summer time
        (dt.date(2020, 1, 1), dt.date(2026, 12, 7)),
        (dt.date(2025, 5, 1), dt.date(2025, 5, 1)),
    ],
)
def test_days_between_is_the_days_of_the_difference(start, end):
    Submission.objects.create(user=UserFactory(), key="k", result_url="/")
    found = Submission.objects.annotate(days=DaysBetween(Value(start), Value(end))).get().days
    assert found == (end - start).days


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_figures_per_group_give_the_median_and_counts_of_every_group(rows):
    """Also a group whose values are all NULL: its counts, and no median."""
    found = _with_rows(
        rows,
        lambda rows_, nulls: figures_per_group(
            rows_,
            Substr("result_url", 1, 1),
            median_of=_value(nulls, Length("result_url") - 30),
            rows=Count("pk"),
            longest=Max(Length("result_url")),
        ),
    )
    medians = _python(rows, shift=30)
    groups = {group for group, _length in rows}
    assert found == {
        group: {
            "median": medians.get(group),
            "rows": sum(1 for g, _length in rows if g == group),
            "longest": max(1 + (length or 1) for g, length in rows if g == group),
        }
        for group in groups
    }
