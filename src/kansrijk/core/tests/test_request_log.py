"""Every request gets an id (its own when it sent a safe one), and one log line that names
no person and no query string; the probes, the metrics and static files get no line."""

import json
import logging
import re

import pytest
from django.test import override_settings
from pythonjsonlogger.json import JsonFormatter

from kansrijk.core.requestlog import (
    NO_REQUEST,
    RequestIdFilter,
    current_request_id,
    request_id_from,
)

pytestmark = pytest.mark.django_db

HEX_UUID = re.compile(r"[0-9a-f]{32}")


@pytest.mark.parametrize(
    "sent", ["abc", "A.b_c-1", "x" * 64, "0f3c9a1e-5d2b-4c8e-9f00-1234567890ab"]
)
def test_a_safe_request_id_is_kept(sent):
    assert request_id_from(sent) == sent


@pytest.mark.parametrize("sent", [None, "", "x" * 65, "a b", "a\nb", "<script>", "naam@example.nl"])
def test_anything_else_gets_a_new_id(sent):
    assert HEX_UUID.fullmatch(request_id_from(sent))


def test_the_response_carries_the_id_the_client_sent(client):
    response = client.get("/login/", headers={"x-request-id": "lb-1234"})

    assert response["X-Request-ID"] == "lb-1234"


def test_the_response_carries_a_new_id_for_an_unsafe_one(client):
    response = client.get("/login/", headers={"x-request-id": "evil\tvalue"})

    assert HEX_UUID.fullmatch(response["X-Request-ID"])


def _request_lines(caplog):
    return [r for r in caplog.records if r.name == "kansrijk.requests"]


def test_one_line_per_request_without_the_query_string(client, caplog):
    caplog.set_level(logging.INFO, logger="kansrijk.requests")

    response = client.get("/login/?next=/households/&q=Jansen", headers={"x-request-id": "r-1"})

    [line] = _request_lines(caplog)
    assert (line.method, line.path, line.status) == ("GET", "/login/", response.status_code)
    assert line.request_id == "r-1"
    assert line.user is None
    assert line.duration_ms >= 0
    assert "Jansen" not in line.getMessage()
    assert "?" not in line.getMessage()


def test_the_line_names_a_logged_in_user_by_uuid_only(client, caplog, cast):
    caplog.set_level(logging.INFO, logger="kansrijk.requests")
    client.force_login(cast.coordinator)

    client.get("/")

    [line] = _request_lines(caplog)
    assert line.user == str(cast.coordinator.uuid)
    written = JsonFormatter().format(line)
    assert "Carla" not in written
    assert cast.coordinator.email not in written


@override_settings(METRICS_TOKEN="")
@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/static/kansrijk.css"])
def test_probes_metrics_and_static_files_are_not_logged(client, caplog, path):
    caplog.set_level(logging.INFO, logger="kansrijk.requests")

    client.get(path)

    assert _request_lines(caplog) == []


def test_every_record_during_a_request_carries_its_id(client, caplog):
    """What any code logs while a request runs carries the request's id (the filter sits on the
    console handler in settings.LOGGING; here it is put on pytest's handler the same way)."""
    caplog.set_level(logging.INFO, logger="kansrijk.requests")
    request_ids = RequestIdFilter()
    caplog.handler.addFilter(request_ids)
    try:
        client.get("/login/", headers={"x-request-id": "r-2"})
        logging.getLogger("kansrijk.elsewhere").warning("outside any request")
    finally:
        caplog.handler.removeFilter(request_ids)

    inside = _request_lines(caplog)[0]
    outside = next(r for r in caplog.records if r.name == "kansrijk.elsewhere")
    assert inside.request_id == "r-2"
    assert outside.request_id == NO_REQUEST
    assert current_request_id() == NO_REQUEST


def test_the_json_format_writes_the_fields(client, caplog):
    caplog.set_level(logging.INFO, logger="kansrijk.requests")

    client.get("/login/", headers={"x-request-id": "r-3"})

    formatter = JsonFormatter("%(levelname)s %(name)s %(request_id)s %(message)s")
    written = json.loads(formatter.format(_request_lines(caplog)[0]))
    assert written["request_id"] == "r-3"
    assert written["path"] == "/login/"
    assert written["method"] == "GET"
    assert written["status"] == 200
    assert "duration_ms" in written


def test_djangos_own_lines_after_the_answer_carry_the_id(client, caplog):
    """django.request writes "Not Found" once every middleware has answered."""
    caplog.set_level(logging.WARNING, logger="django.request")

    client.get("/no-such-page/", headers={"x-request-id": "r-404"})

    [not_found] = [r for r in caplog.records if r.name == "django.request"]
    assert RequestIdFilter().filter(not_found)
    assert not_found.request_id == "r-404"
