from unittest import mock

import pytest
from django.db import DatabaseError, connection

pytestmark = pytest.mark.django_db


def test_health_check_answers_ok_without_a_login(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_check_answers_503_when_the_database_fails(client):
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_health_check_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]


def test_health_check_rejects_post(client):
    assert client.post("/healthz").status_code == 405
