"""The rate limiter on the Redis a cluster shares (CACHE_URL): it counts exactly, also when
attempts arrive at once, every counter expires with its window, and the two caches' keys stay
apart. Against a real Redis at 127.0.0.1:6379, in its database 7, which these tests empty."""

import threading

import pytest
import redis
from django.core.cache import caches

from kansrijk.core.ratelimit import Limit, hit, peek
from kansrijk.settings import caches_for

REDIS_URL = "redis://127.0.0.1:6379/7"
THREE_A_MINUTE = Limit("test-redis-three", attempts=3, seconds=60)


@pytest.fixture
def redis_db7():
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis answers at 127.0.0.1:6379 (start one to test the shared cache)")
    connection.flushdb()
    yield connection
    connection.flushdb()
    connection.close()


@pytest.fixture
def shared_caches(redis_db7, settings):
    settings.CACHES = caches_for(REDIS_URL)
    assert caches[settings.RATELIMIT_CACHE].__class__.__name__ == "RedisCache"
    yield redis_db7
    for alias in ("default", "limits"):
        caches[alias].close()


def test_it_allows_the_attempts_of_the_limit_and_refuses_the_next(shared_caches):
    verdicts = [hit(THREE_A_MINUTE, "10.0.0.1") for _ in range(4)]

    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert 1 <= verdicts[-1].retry_after <= 60
    assert not peek(THREE_A_MINUTE, "10.0.0.1").allowed
    assert peek(THREE_A_MINUTE, "10.0.0.2").allowed


def test_attempts_sent_at_once_are_each_counted(shared_caches):
    limit = Limit("test-redis-burst", attempts=10, seconds=60)
    verdicts = []
    start = threading.Barrier(40)

    def attempt() -> None:
        start.wait()
        verdicts.append(hit(limit, "10.0.0.9"))

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(v.allowed for v in verdicts) == 10


def test_every_counter_expires_with_its_window(shared_caches):
    hit(THREE_A_MINUTE, "10.0.0.1")
    hit(THREE_A_MINUTE, "10.0.0.1")

    [key] = shared_caches.keys("*ratelimit*")
    assert b"10.0.0.1" not in key  # hashed: Redis holds no address
    assert 1 <= shared_caches.ttl(key) <= 61


def test_a_counter_that_lost_its_expiry_gets_it_back(shared_caches):
    """What Redis's increment leaves when the key expired between its check and its count."""
    cache = caches["limits"]
    hit(THREE_A_MINUTE, "10.0.0.1")
    [key] = shared_caches.keys("*ratelimit*")
    shared_caches.delete(key)
    original_incr = cache.incr

    def incr_after_expiry(name, delta=1, version=None):
        # The key was there for add(); now it is gone and Redis's INCR makes it without expiry.
        shared_caches.delete(key)
        shared_caches.incr(key, delta)
        return 1

    cache.incr = incr_after_expiry  # type: ignore[method-assign]
    try:
        hit(THREE_A_MINUTE, "10.0.0.1")
    finally:
        cache.incr = original_incr  # type: ignore[method-assign]

    assert 1 <= shared_caches.ttl(key) <= 61


def test_the_cached_figures_and_the_counts_keep_apart(shared_caches):
    caches["default"].set("same-name", "figures")
    caches["limits"].set("same-name", "counts")

    assert caches["default"].get("same-name") == "figures"
    assert caches["limits"].get("same-name") == "counts"
