"""Who gets in: a usable key with the scope. Everyone else gets 401, 403 or 404, as problem+json."""

import datetime as dt
import json

import pytest
from django.test import override_settings
from django.utils import timezone

from kansrijk.access.models import AuditEntry
from kansrijk.api.models import ApiClient
from kansrijk.api.services import api_client_revoke
from kansrijk.api.tests.conftest import bearer

FIGURES = "/api/v1/programmes/oost/figures"


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = json.loads(response.content)
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    return body


def test_a_call_without_a_key_is_401_with_a_bearer_challenge(client, cast):
    response = client.get(FIGURES)
    _problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer kr_00000000_" + "x" * 43, "Bearer nonsense", "Basic abc", "Bearer " + "k" * 5000],
)
def test_a_wrong_key_is_401(client, cast, api_key, header):
    api_key("figures:read")
    _problem(client.get(FIGURES, headers={"Authorization": header}), 401)


def test_a_right_prefix_with_a_wrong_secret_is_401(client, api_key):
    key = api_key("figures:read")
    _problem(client.get(FIGURES, headers=bearer(key[:-4] + "abcd")), 401)


def test_an_expired_key_is_401(client, api_key):
    key = api_key("figures:read")
    ApiClient.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    _problem(client.get(FIGURES, headers=bearer(key)), 401)


def test_a_stopped_key_is_401(client, cast, api_key):
    key = api_key("figures:read")
    api_client_revoke(client=ApiClient.objects.get(), by=cast.coordinator)
    _problem(client.get(FIGURES, headers=bearer(key)), 401)


def test_a_key_without_the_scope_is_403(client, api_key):
    key = api_key("referrals:read")
    _problem(client.get(FIGURES, headers=bearer(key)), 403)


def test_another_programmes_figures_are_404(client, cast, api_key):
    key = api_key("figures:read", programme=cast.other_programme)
    _problem(client.get(FIGURES, headers=bearer(key)), 404)


def test_only_the_hash_of_the_key_is_kept(api_key):
    key = api_key("figures:read")
    stored = ApiClient.objects.get()
    assert key.startswith(f"kr_{stored.key_prefix}_")
    assert key.split("_", 2)[2] not in stored.key_hash


@override_settings(API_CALLS_PER_MINUTE=3)
def test_a_client_over_its_limit_gets_429_with_retry_after(client, api_key):
    key = api_key("referrals:read")
    for _ in range(3):
        _problem(client.get(FIGURES, headers=bearer(key)), 403)
    response = client.get(FIGURES, headers=bearer(key))
    _problem(response, 429)
    assert int(response["Retry-After"]) >= 1


def test_every_call_is_logged_as_the_client_not_a_person(client, cast, api_key):
    key = api_key("referrals:read")
    client.get(FIGURES, headers=bearer(key))
    entry = AuditEntry.objects.get()
    assert entry.actor is None
    assert entry.actor_name == "API-koppeling Verwijssysteem (WIJ Beijum)"
    assert entry.role == "api"


def test_an_unknown_address_and_a_trailing_slash_are_404_problems(client):
    _problem(client.get("/api/v1/nothing-here"), 404)
    _problem(client.get(FIGURES + "/"), 404)


def test_a_wrong_method_is_405_problem(client, api_key):
    key = api_key("figures:read")
    response = client.delete(FIGURES, headers=bearer(key))
    _problem(response, 405)


def test_the_openapi_document_and_docs_page_are_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    schema = response.json()
    assert schema["servers"] == [{"url": "/api/v1", "description": "this server"}]
    assert "/openapi.json" in schema["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert b"problem-not-found" in page.content
    assert b"cdn" not in page.content.lower()


def test_problems_are_dutch_by_default(cast):
    from django.test import Client

    body = json.loads(Client().get(FIGURES).content)
    assert body["title"] == "Geen geldige sleutel"


def test_an_answer_to_a_call_with_a_key_is_not_stored(client, api_key):
    key = api_key("figures:read")
    for headers in (bearer(key), {"Authorization": "Bearer nonsense"}):
        assert client.get(FIGURES, headers=headers)["Cache-Control"] == "no-store"


def test_the_public_document_may_be_cached(client):
    assert "no-store" not in client.get("/api/v1/openapi.json").get("Cache-Control", "")
