"""Schemathesis against the API's own OpenAPI document: for each kind of key (one per scope, and
none), generated calls to every operation get no server error, and every answer matches the
document (status documented, content type, headers, body).

The number of examples is bounded so the whole run stays short; the counts are printed.
"""

import datetime as dt
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kansrijk.api.choices import ApiScope
from kansrijk.api.services import api_client_create
from kansrijk.trajectories.choices import Phase
from tests.factories import AreaFactory, OrganisationFactory, ProgrammeFactory, trajectory_in

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 6
SEEN: Counter = Counter()


@pytest.fixture(scope="module")
def wsgi_keeps_the_connection():
    """Schemathesis calls the WSGI handler itself, whose request signals close the database
    connection after each answer; inside the test's transaction that closed PostgreSQL's
    connection under the next call. Django's test client drops these handlers the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def keys(wsgi_keeps_the_connection, django_db_setup, django_db_blocker):
    """A programme with journeys and one key per scope (and an empty one), for this module."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(API_CALLS_PER_MINUTE=100_000),
    ):
        programme = ProgrammeFactory(slug="oost", started_on=dt.date(2019, 1, 1))
        AreaFactory(programme=programme, slug="beijum")
        trajectory_in(Phase.ACTIVE, household__programme=programme)
        organisation = OrganisationFactory()
        made = {"none": None}
        for scope in ApiScope.values:
            _client, key = api_client_create(
                by=None,
                organisation=organisation,
                name=scope,
                programmes=[programme],
                scopes=[scope],
                expires_at=timezone.now() + dt.timedelta(days=30),
            )
            made[scope] = key
        yield made
        transaction.set_rollback(True)
    total = sum(SEEN.values())
    print(f"\nschemathesis: {total} calls, by status {dict(sorted(SEEN.items()))}")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case, keys):
    for key in keys.values():
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        SEEN[response.status_code] += 1
