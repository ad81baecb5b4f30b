"""`kansrijk audit_partitions`: the audit log's months on PostgreSQL, its retention everywhere.

PostgreSQL: the months exist after migrating, an entry lands in its month, a month past the
retention period goes whole while recent entries stay, rows in the DEFAULT partition move to
their own month, and a second run changes nothing. SQLite: rows past the retention period go
in batches through the one service that may remove them.
"""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from kansrijk.access.audit import audit
from kansrijk.access.models import AppendOnlyError, AuditAction, AuditEntry
from kansrijk.access.partitions import (
    DEFAULT_PARTITION,
    MONTHS_AHEAD,
    Upkeep,
    month_of,
    month_partitions,
    partition_name,
    upkeep,
)
from kansrijk.access.services import remove_audit_entries_before
from kansrijk.core.dates import add_months

pytestmark = pytest.mark.django_db

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the audit log is partitioned on PostgreSQL only"
)
only_on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="on PostgreSQL whole months are dropped instead"
)


def _entry_at(moment: dt.datetime, detail: str = "page") -> AuditEntry:
    """An entry written at `moment`, the way a page view writes one."""
    with time_machine.travel(moment, tick=False):
        return audit(actor=None, actor_name="someone", action=AuditAction.VIEW, detail=detail)


def _years_ago(years: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=365 * years)


def _partition_of(entry: AuditEntry) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM access_auditentry WHERE id = %s", [entry.pk]
        )
        return cursor.fetchone()[0]


def _months() -> dict[dt.date, str]:
    with connection.cursor() as cursor:
        return month_partitions(cursor)


def _run_command() -> str:
    out = io.StringIO()
    call_command("audit_partitions", stdout=out)
    return out.getvalue()


@only_on_postgresql
def test_after_migrating_this_month_and_the_coming_ones_have_their_partition():
    this_month = month_of(timezone.now())

    months = _months()

    for ahead in range(MONTHS_AHEAD + 1):
        assert add_months(this_month, ahead) in months


@only_on_postgresql
def test_an_entry_lands_in_the_partition_of_its_month():
    entry = audit(actor=None, actor_name="someone", action=AuditAction.VIEW, detail="page")

    assert _partition_of(entry) == partition_name(month_of(entry.at))
    assert AuditEntry.objects.get(pk=entry.pk).detail == "page"


@only_on_postgresql
def test_a_month_past_the_retention_period_is_dropped_whole_and_recent_entries_stay():
    old = _entry_at(_years_ago(3), "old")
    recent = audit(actor=None, actor_name="someone", action=AuditAction.VIEW, detail="recent")
    assert _partition_of(old) == DEFAULT_PARTITION  # no month was made three years back

    done = upkeep(retention_months=24)

    assert (done.moved, done.dropped, done.dropped_rows) == (1, 1, 1)
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert month_of(old.at) not in _months()
    assert AuditEntry.objects.get(pk=recent.pk).detail == "recent"


@only_on_postgresql
def test_rows_in_the_default_partition_move_to_their_own_month():
    later = _entry_at(timezone.now() + dt.timedelta(days=31 * (MONTHS_AHEAD + 2)), "later")
    assert _partition_of(later) == DEFAULT_PARTITION

    done = upkeep(retention_months=None)

    assert (done.created, done.moved, done.dropped) == (1, 1, 0)
    assert _partition_of(later) == partition_name(month_of(later.at))
    assert AuditEntry.objects.get(pk=later.pk).detail == "later"


@only_on_postgresql
def test_running_twice_changes_nothing_the_second_time():
    _entry_at(_years_ago(3), "old")
    _entry_at(_years_ago(1), "last year")
    upkeep(retention_months=24)
    months, count = _months(), AuditEntry.objects.count()

    assert upkeep(retention_months=24) == Upkeep()
    assert (_months(), AuditEntry.objects.count()) == (months, count)


@only_on_postgresql
def test_the_entries_stay_append_only_after_the_upkeep():
    _entry_at(_years_ago(3), "old")  # makes the upkeep move rows through a new default
    upkeep(retention_months=None)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM access_auditentry")


@only_on_postgresql
def test_the_row_by_row_removal_refuses_to_run_on_postgresql():
    with pytest.raises(RuntimeError):
        remove_audit_entries_before(timezone.now())


@only_on_sqlite
def test_the_service_removes_old_entries_in_batches_and_keeps_the_recent_ones():
    for number in range(5):
        _entry_at(_years_ago(3), f"old {number}")
    recent = _entry_at(_years_ago(1), "recent")

    removed = remove_audit_entries_before(_years_ago(2), batch_size=2)

    assert removed == 5
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


@only_on_sqlite
def test_the_retention_period_removes_older_entries_once():
    _entry_at(_years_ago(3), "old")
    recent = _entry_at(_years_ago(1), "recent")

    assert upkeep(retention_months=24).deleted_rows == 1
    assert upkeep(retention_months=24) == Upkeep()
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_without_a_retention_period_nothing_is_removed():
    _entry_at(_years_ago(10), "very old")

    upkeep(retention_months=None)

    assert AuditEntry.objects.filter(detail="very old").exists()


def test_the_guard_still_refuses_every_other_way_to_remove_entries():
    _entry_at(_years_ago(3), "old")

    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(at__lt=_years_ago(2)).delete()


@override_settings(AUDIT_RETENTION_MONTHS=24)
def test_the_command_prints_what_it_removed_and_nothing_the_second_time():
    _entry_at(_years_ago(3), "old")

    first, second = _run_command(), _run_command()

    removed = (
        "1 month(s) dropped with 1 row(s)" if connection.vendor == "postgresql" else "1 row(s)"
    )
    assert removed in first
    assert "1 row(s)" not in second
    assert not AuditEntry.objects.exists()
