"""The one rate limiter: a fixed window per key, counted in the shared (database) cache."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection

from kansrijk.core.ratelimit import Limit, hit, peek

pytestmark = pytest.mark.django_db

THREE_A_MINUTE = Limit("test-three", attempts=3, seconds=60)
START = dt.datetime(2025, 6, 16, 10, 0, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_it_allows_the_attempts_of_the_limit_and_refuses_the_next(_clock):
    verdicts = [hit(THREE_A_MINUTE, "10.0.0.1") for _ in range(4)]

    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 55  # the window started at 10:00:00


def test_a_new_window_starts_afresh(_clock):
    for _ in range(4):
        hit(THREE_A_MINUTE, "10.0.0.1")

    _clock.shift(dt.timedelta(seconds=60))

    assert hit(THREE_A_MINUTE, "10.0.0.1").allowed


def test_keys_and_limits_count_apart():
    other_limit = Limit("test-other", attempts=3, seconds=60)
    for _ in range(3):
        hit(THREE_A_MINUTE, "10.0.0.1")

    assert not hit(THREE_A_MINUTE, "10.0.0.1").allowed
    assert hit(THREE_A_MINUTE, "10.0.0.2").allowed
    assert hit(other_limit, "10.0.0.1").allowed


def test_peek_counts_nothing():
    for _ in range(5):
        assert peek(THREE_A_MINUTE, "10.0.0.1").allowed
    for _ in range(3):
        hit(THREE_A_MINUTE, "10.0.0.1")

    verdict = peek(THREE_A_MINUTE, "10.0.0.1")

    assert not verdict.allowed
    assert verdict.retry_after == 55


def test_it_counts_in_the_database_so_every_process_shares_it(settings):
    assert settings.CACHES[settings.RATELIMIT_CACHE]["BACKEND"].endswith("DatabaseCache")
    hit(THREE_A_MINUTE, "10.0.0.1")

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM kansrijk_limits")
        keys = [row[0] for row in cursor.fetchall()]

    assert len(keys) == 1
    # The key is hashed: the table holds no address.
    assert "10.0.0.1" not in keys[0]
    caches[settings.RATELIMIT_CACHE].clear()
