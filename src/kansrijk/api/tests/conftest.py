"""Clients of the API for the tests: `api_key(scopes, …)` makes one and answers its key."""

import datetime as dt

import pytest
from django.utils import timezone

from kansrijk.api.services import api_client_create


@pytest.fixture
def api_key(cast):
    def make(*scopes: str, programme=None, organisation=None, name="Verwijssysteem"):
        _client, key = api_client_create(
            by=None,
            organisation=organisation or cast.organisation,
            name=name,
            programmes=[programme or cast.programme],
            scopes=list(scopes),
            expires_at=timezone.now() + dt.timedelta(days=30),
        )
        return key

    return make


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
