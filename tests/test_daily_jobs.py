"""Daily jobs (core/jobs.py, `kansrijk daily`): one run at a time, one log line, go on after a
failure. On SQLite and on PostgreSQL: the lock is another mechanism on each.

The lock is held in one thread and tried in another, as two processes would: on PostgreSQL an
advisory lock belongs to a connection (each thread has its own), and the same connection could
take it twice. Here and not in core's tests: it runs the later apps' jobs (`core` may not import
them).
"""

import datetime as dt
import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kansrijk.academy.choices import Stage
from kansrijk.academy.models import Candidate
from kansrijk.core.dates import today
from kansrijk.core.jobs import in_batches, single_run
from kansrijk.people.models import User
from tests.factories import CandidateFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def _try_elsewhere(name: str) -> bool:
    """Whether another thread (its own connection, like another process) gets the lock."""
    got: list[bool] = []

    def attempt() -> None:
        try:
            with single_run(name) as held:
                got.append(held)
        finally:
            connection.close()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(10)
    return got[0]


@contextmanager
def held_elsewhere(name: str) -> Iterator[None]:
    """Hold the lock of `name` in another thread (another connection) for the block."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with single_run(name) as held:
                assert held
                taken.set()
                done.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        done.set()
        thread.join(10)


def _run(name: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _job_lines(caplog, job: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kansrijk.jobs" and r.job == job]


@pytest.fixture
def rejected(cast):
    """Two rejected candidates whose retention period is over, one whose period is not."""

    def make(erase_after: dt.date) -> Candidate:
        return CandidateFactory(
            programme=cast.programme,
            created_by=cast.coordinator,
            stage=Stage.REJECTED,
            erase_after=erase_after,
        )

    return [make(today() - dt.timedelta(days=1)) for _ in range(2)] + [make(today())]


# ---- the lock ----


def test_a_second_start_does_not_get_the_lock_while_the_first_holds_it(db):
    with single_run("remind") as first:
        assert first
        assert not _try_elsewhere("remind")
        assert _try_elsewhere("retention")  # one lock per job
    assert _try_elsewhere("remind")


def test_the_lock_is_let_go_when_the_job_fails(db):
    with pytest.raises(RuntimeError), single_run("remind"):
        raise RuntimeError("the job broke")

    assert _try_elsewhere("remind")


def test_on_sqlite_the_lock_is_a_file_next_to_the_database(db, settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL locks in the database (pg_try_advisory_lock), not in a file")
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(tmp_path / "kansrijk.sqlite3")
    try:
        with single_run("remind") as held:
            assert held
            assert (tmp_path / "kansrijk.sqlite3.remind.lock").exists()
    finally:
        connection.settings_dict["NAME"] = name


def test_a_job_already_running_elsewhere_is_left_alone_and_exits_well(rejected, caplog):
    caplog.set_level(logging.INFO, logger="kansrijk.jobs")

    with held_elsewhere("academy_retention"):
        out, _err = _run("academy_retention")

    assert "academy_retention: already running elsewhere; nothing done." in out
    assert Candidate.objects.filter(erased_at__isnull=False).count() == 0
    (line,) = _job_lines(caplog, "academy_retention")
    assert (line.levelname, line.outcome) == ("INFO", "already running")


# ---- the run: batches, counts, one log line ----


def test_a_job_ends_with_one_log_line_with_its_counts_and_a_second_run_does_nothing(
    rejected, caplog
):
    caplog.set_level(logging.INFO, logger="kansrijk.jobs")

    out, err = _run("academy_retention")
    again, _err = _run("academy_retention")

    assert "2 rejected candidate(s) erased." in out
    assert "academy_retention: 2/2" in err  # progress per batch, for the operator
    assert "0 rejected candidate(s) erased." in again
    first, second = _job_lines(caplog, "academy_retention")
    assert (first.levelname, first.outcome, first.counts) == ("INFO", "ok", {"erased": 2})
    assert second.counts == {"erased": 0}
    assert first.duration_s >= 0
    assert "academy_retention done in" in first.getMessage()


def test_academy_retention_erases_in_batches_each_its_own_transaction(rejected, monkeypatch):
    monkeypatch.setattr("kansrijk.academy.management.commands.academy_retention.BATCH_SIZE", 1)

    _out, err = _run("academy_retention")

    assert "academy_retention: 1/2" in err and "academy_retention: 2/2" in err
    assert Candidate.objects.filter(erased_at__isnull=False).count() == 2


def test_a_failing_job_logs_an_error_line_and_fails(settings, caplog, db):
    caplog.set_level(logging.INFO, logger="kansrijk.jobs")
    settings.SITE_URL = ""

    with pytest.raises(CommandError, match="Set SITE_URL"):
        _run("remind")

    (line,) = _job_lines(caplog, "remind")
    assert (line.levelname, line.outcome) == ("ERROR", "failed")


def test_in_batches_reads_every_row_once_by_key(db):
    made = {UserFactory().pk for _ in range(5)}

    batches = list(in_batches(User.objects.filter(pk__in=made), size=2))

    assert [len(b) for b in batches] == [2, 2, 1]
    assert [u.pk for b in batches for u in b] == sorted(made)


# ---- kansrijk daily ----


def test_daily_runs_every_job_in_order(settings, rejected, caplog):
    settings.SITE_URL = "https://kansrijk.example.nl"
    caplog.set_level(logging.INFO, logger="kansrijk.jobs")

    out, _err = _run("daily")

    assert [r.job for r in caplog.records if r.name == "kansrijk.jobs"] == [
        "remind",
        "retention",
        "academy_retention",
        "audit_partitions",
        "daily",
    ]
    assert "Reminder e-mails:" in out and "in all erased." in out
    assert "2 rejected candidate(s) erased." in out
    summary = _job_lines(caplog, "daily")[0]
    assert (summary.outcome, summary.counts) == ("ok", {"ran": 4, "failed": 0})


def test_daily_goes_on_after_a_failed_job_and_fails_at_the_end(settings, rejected, caplog):
    settings.SITE_URL = ""  # remind refuses to start
    settings.DAILY_JOBS = ["remind", "no_such_job", "academy_retention"]
    caplog.set_level(logging.INFO, logger="kansrijk.jobs")
    err = io.StringIO()

    with pytest.raises(CommandError, match="2 of 3 daily jobs failed: remind, no_such_job"):
        call_command("daily", stdout=io.StringIO(), stderr=err)

    assert Candidate.objects.filter(erased_at__isnull=False).count() == 2  # ran all the same
    assert "remind failed: Set SITE_URL" in err.getvalue()
    summary = _job_lines(caplog, "daily")[0]
    assert (summary.levelname, summary.counts) == ("ERROR", {"ran": 3, "failed": 2})
