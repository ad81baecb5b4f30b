"""`kansrijk remind` twice at the same moment, without the job lock (two nodes whose lock
failed): each digest still goes out once, because each is claimed by its unique row first.

Truly parallel: two threads, each with its own database connection, meet at a barrier before
every claim. On SQLite the test runs on a database file as production does (in memory, a
second writer fails at once instead of waiting), and on PostgreSQL.
"""

import io
import re
import threading
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection

from kansrijk.reminders import services
from kansrijk.reminders.models import ReminderDigest
from kansrijk.reminders.tests.test_remind import quiet  # noqa: F401 (a fixture)
from tests.test_never_created_twice import sqlite_in_a_file  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sqlite_in_a_file", "frozen_today"),
]

RUNS = 2


@contextmanager
def _no_lock(name):
    yield True


def _at_the_same_moment() -> list[str]:
    """Run `remind` in two threads whose every claim starts together; answer their output."""
    barrier = threading.Barrier(RUNS)
    real_send = services.digest_send

    def send_together(**kwargs):
        barrier.wait(30)
        return real_send(**kwargs)

    outputs: list[str | BaseException] = [""] * RUNS

    def run(index: int) -> None:
        out = io.StringIO()
        try:
            call_command("remind", stdout=out, stderr=io.StringIO())
            outputs[index] = out.getvalue()
        except BaseException as error:
            outputs[index] = error
        finally:
            connection.close()

    with (
        mock.patch("kansrijk.core.jobs.single_run", _no_lock),
        mock.patch(
            "kansrijk.reminders.management.commands.remind.digest_send", side_effect=send_together
        ),
    ):
        threads = [threading.Thread(target=run, args=(i,)) for i in range(RUNS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    errors = [o for o in outputs if not isinstance(o, str)]
    assert not errors, errors
    return outputs  # type: ignore[return-value]


def test_two_runs_at_once_without_the_lock_send_each_digest_once(cast, quiet, mailoutbox):  # noqa: F811
    outputs = _at_the_same_moment()

    people = [cast.buddy, cast.backup, cast.coordinator]
    sent_to = sorted(address for message in mailoutbox for address in message.to)
    assert sent_to == sorted(person.email for person in people)
    assert ReminderDigest.objects.count() == len(people)
    # Both composed every digest; between them they sent three and found three claimed.
    assert _total(r"(\d+) sent,", outputs) == len(people)
    assert _total(r"(\d+) sent earlier today", outputs) == len(people)


def _total(pattern: str, outputs: list[str]) -> int:
    return sum(int(re.search(pattern, output)[1]) for output in outputs)  # type: ignore[index]
