"""The operations settings: CACHE_URL and sessions, LOG_FORMAT, METRICS_TOKEN and Sentry.

The parsing helpers are asked directly; the rest runs settings.py afresh (runpy) with the
environment a test sets, as test_encryption_settings does.
"""

import runpy
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

from kansrijk import settings as settings_module
from kansrijk.core.sentry import before_send
from kansrijk.settings import caches_for, session_engine_for

REDIS = "django.core.cache.backends.redis.RedisCache"
OPERATIONS_VARIABLES = (
    "CACHE_URL",
    "SESSIONS_IN_CACHE",
    "LOG_FORMAT",
    "METRICS_TOKEN",
    "SENTRY_DSN",
    "SENTRY_ENVIRONMENT",
    "SENTRY_TRACES_SAMPLE_RATE",
)


def _start(monkeypatch, **environment: str) -> dict:
    for name in OPERATIONS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(settings_module.__file__)


def test_without_a_cache_url_the_caches_stay_as_on_one_server():
    caches = caches_for("")

    assert caches["default"]["BACKEND"].endswith("LocMemCache")
    assert caches["limits"]["BACKEND"].endswith("DatabaseCache")


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("redis://cache.internal:6379/0", "redis://cache.internal:6379/0"),
        ("rediss://:pw@cache.internal:6380/1", "rediss://:pw@cache.internal:6380/1"),
        ("valkey://cache.internal:6379/0", "redis://cache.internal:6379/0"),
        ("VALKEYS://cache.internal/2", "rediss://cache.internal/2"),
    ],
)
def test_a_cache_url_puts_both_caches_in_redis_apart(url, location):
    caches = caches_for(url)

    assert {caches[alias]["BACKEND"] for alias in ("default", "limits")} == {REDIS}
    assert {caches[alias]["LOCATION"] for alias in ("default", "limits")} == {location}
    assert caches["default"]["KEY_PREFIX"] != caches["limits"]["KEY_PREFIX"]
    assert caches["limits"]["OPTIONS"]["socket_timeout"] > 0


@pytest.mark.parametrize(
    "url", ["memcached://cache:11211", "redis://", "cache.internal:6379", "http://cache"]
)
def test_a_cache_url_redis_cannot_read_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        caches_for(url)


def test_sessions_stay_in_the_database_unless_asked():
    assert session_engine_for("", False) == "django.contrib.sessions.backends.db"
    assert session_engine_for("redis://c/0", False) == "django.contrib.sessions.backends.db"
    assert session_engine_for("redis://c/0", True) == "django.contrib.sessions.backends.cached_db"


def test_sessions_in_a_cache_need_a_shared_cache():
    with pytest.raises(ImproperlyConfigured, match="SESSIONS_IN_CACHE needs CACHE_URL"):
        session_engine_for("", True)


def test_the_environment_reaches_the_settings(monkeypatch):
    started = _start(monkeypatch, CACHE_URL="valkey://cache.internal:6379/3", SESSIONS_IN_CACHE="1")

    assert started["CACHES"]["limits"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert started["RATELIMIT_CACHE"] == "limits"
    assert started["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_sessions_in_cache_without_a_cache_url_stops_the_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SESSIONS_IN_CACHE"):
        _start(monkeypatch, SESSIONS_IN_CACHE="true")


def test_logs_are_text_by_default_and_json_when_asked(monkeypatch):
    assert _start(monkeypatch)["LOGGING"]["handlers"]["console"]["formatter"] == "text"
    json_logging = _start(monkeypatch, LOG_FORMAT="json")["LOGGING"]

    assert json_logging["handlers"]["console"]["formatter"] == "json"
    assert json_logging["handlers"]["console"]["filters"] == ["request_id"]


def test_an_unknown_log_format_stops_the_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        _start(monkeypatch, LOG_FORMAT="xml")


def test_a_short_metrics_token_stops_the_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="METRICS_TOKEN"):
        _start(monkeypatch, METRICS_TOKEN="short")


def test_without_a_dsn_sentry_is_not_started(monkeypatch):
    with mock.patch("sentry_sdk.init") as init:
        started = _start(monkeypatch)

    init.assert_not_called()
    assert started["SENTRY_STARTED"] is False


def test_with_a_dsn_sentry_starts_without_personal_data(monkeypatch):
    with mock.patch("sentry_sdk.init") as init:
        started = _start(
            monkeypatch,
            SENTRY_DSN="https://public@sentry.example.invalid/1",
            SENTRY_ENVIRONMENT="acceptance",
            SENTRY_TRACES_SAMPLE_RATE="0.25",
        )

    assert started["SENTRY_STARTED"] is True
    init.assert_called_once()
    options = init.call_args.kwargs
    assert options["dsn"] == "https://public@sentry.example.invalid/1"
    assert options["send_default_pii"] is False
    assert options["max_request_body_size"] == "never"
    assert options["include_local_variables"] is False
    assert options["environment"] == "acceptance"
    assert options["traces_sample_rate"] == 0.25
    assert options["before_send"] is before_send


def test_sentry_traces_nothing_by_default(monkeypatch):
    with mock.patch("sentry_sdk.init") as init:
        _start(monkeypatch, SENTRY_DSN="https://public@sentry.example.invalid/1")

    assert init.call_args.kwargs["traces_sample_rate"] == 0


@pytest.mark.parametrize("rate", ["often", "2", "-0.1"])
def test_a_sample_rate_outside_0_to_1_stops_the_start(monkeypatch, rate):
    with pytest.raises(ImproperlyConfigured, match="SENTRY_TRACES_SAMPLE_RATE"):
        _start(monkeypatch, SENTRY_TRACES_SAMPLE_RATE=rate)


def test_an_event_leaves_without_cookies_headers_or_query():
    event = {
        "request": {
            "url": "https://kansrijk.example.nl/households/",
            "method": "GET",
            "cookies": {"sessionid": "s3cret"},
            "headers": {"Authorization": "Bearer t0ken", "Cookie": "sessionid=s3cret"},
            "query_string": "q=Jansen",
        },
        "exception": {"values": []},
    }

    sent = before_send(event, {})

    assert sent["request"] == {"url": "https://kansrijk.example.nl/households/", "method": "GET"}
    assert "s3cret" not in repr(sent) and "t0ken" not in repr(sent)
