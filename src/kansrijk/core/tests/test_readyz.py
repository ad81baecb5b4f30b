"""/readyz: 200 when the database, every cache and the migrations are in order, 503 naming
the one that is not, and never anything an exception said."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from kansrijk.core import health

pytestmark = pytest.mark.django_db

ALL_OK = {"database": "ok", "cache:default": "ok", "cache:limits": "ok", "migrations": "ok"}


def test_ready_when_everything_answers_without_a_login(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": ALL_OK}
    assert "no-cache" in response["Cache-Control"]


def test_not_ready_while_the_database_does_not_answer(client):
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("secret-host down")):
        response = client.get("/readyz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "failed"
    assert checks["migrations"] == "failed"
    assert "secret-host" not in response.content.decode()


def test_not_ready_when_a_cache_fails(client):
    limits = caches["limits"]
    with mock.patch.object(type(limits), "get", side_effect=ConnectionError("refused")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache:limits"] == "failed"
    assert response.json()["checks"]["database"] == "ok"


def test_not_ready_while_a_migration_waits(client, monkeypatch):
    monkeypatch.setattr(health._SeenApplied, "migrations", False)
    waiting = [(mock.sentinel.migration, False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=waiting):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {**ALL_OK, "migrations": "failed"},
    }


def test_once_all_migrations_were_applied_the_graph_is_not_built_again(client, monkeypatch):
    monkeypatch.setattr(health._SeenApplied, "migrations", False)
    with mock.patch.object(
        MigrationExecutor, "migration_plan", autospec=True, return_value=[]
    ) as plan:
        client.get("/readyz")
        client.get("/readyz")

    assert plan.call_count == 1


def test_the_probe_writes_nothing(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/readyz").status_code == 200

    statements = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    assert statements and set(statements) <= {"SELECT"}, statements
    assert not [key for key in caches["default"]._cache if "readyz" in key]  # type: ignore[attr-defined]


def test_ready_answers_over_plain_http_when_https_is_required(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
