"""/metrics: Prometheus's text for the one with METRICS_TOKEN, a 404 for everyone else."""

import pytest

pytestmark = pytest.mark.django_db

TOKEN = "a-metrics-token-for-this-test-only-0123456789"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def test_the_right_token_reads_the_request_metrics(client, token):
    client.get("/healthz")  # at least one request counted

    response = client.get("/metrics", headers={"authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"django_http_requests_total" in response.content
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"],
)
def test_a_missing_or_wrong_token_finds_nothing(client, token, authorization):
    headers = {"authorization": authorization} if authorization is not None else {}

    assert client.get("/metrics", headers=headers).status_code == 404


def test_without_a_token_set_the_page_does_not_exist(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics", headers={"authorization": "Bearer "}).status_code == 404


def test_a_logged_in_user_without_the_token_finds_nothing(client, token, cast):
    client.force_login(cast.coordinator)

    assert client.get("/metrics").status_code == 404
