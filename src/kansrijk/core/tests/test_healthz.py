"""/healthz says the process answers, and nothing more: it never asks the database."""

from unittest import mock

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_health_check_answers_ok_without_a_login(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_health_check_stays_ok_while_the_database_is_down(client):
    with mock.patch.object(connection, "cursor", side_effect=AssertionError("asked")):
        response = client.get("/healthz")

    assert response.status_code == 200


def test_health_check_asks_the_database_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/healthz")


def test_health_check_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]


def test_health_check_rejects_post(client):
    assert client.post("/healthz").status_code == 405
