"""The coordinator's connections page: make a connection (its key shown once), stop one."""

import datetime as dt
import re

from django.urls import reverse

from kansrijk.api.models import ApiClient
from kansrijk.api.services import api_client_create
from kansrijk.core.dates import today
from kansrijk.core.submissions import new_key

KEY = re.compile(r"kr_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def _form(cast, **changes):
    return {
        "name": "Verwijssysteem",
        "organisation": cast.organisation.pk,
        "scopes": ["referrals:write", "referrals:read"],
        "expires_on": (today() + dt.timedelta(days=90)).isoformat(),
        "submission": new_key(),
        **changes,
    }


def test_a_coordinator_makes_a_connection_and_sees_its_key_once(client, cast):
    client.force_login(cast.coordinator)
    url = reverse("api_clients", args=["oost"])
    form = _form(cast)
    response = client.post(url, form)
    assert response.status_code == 200
    shown = KEY.findall(response.content.decode())
    assert len(shown) == 1
    made = ApiClient.objects.get()
    assert shown[0].startswith(f"kr_{made.key_prefix}_")
    assert list(made.programmes.all()) == [cast.programme]
    assert response["Cache-Control"] == "no-store"
    assert not KEY.search(client.get(url).content.decode())
    # The same form sent again makes nothing and shows no key.
    again = client.post(url, form, follow=True)
    assert ApiClient.objects.count() == 1
    assert not KEY.search(again.content.decode())


def test_a_key_cannot_last_longer_than_a_year(client, cast):
    client.force_login(cast.coordinator)
    far = (today() + dt.timedelta(days=400)).isoformat()
    response = client.post(reverse("api_clients", args=["oost"]), _form(cast, expires_on=far))
    assert response.status_code == 422
    assert not ApiClient.objects.exists()


def test_a_coordinator_stops_a_connection(client, cast):
    made, _key = api_client_create(
        by=cast.coordinator,
        organisation=cast.organisation,
        name="Oud",
        programmes=[cast.programme],
        scopes=["figures:read"],
        expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3),
    )
    client.force_login(cast.coordinator)
    client.post(reverse("api_client_revoke", args=["oost", made.uuid]))
    made.refresh_from_db()
    assert made.revoked_by == cast.coordinator


def test_another_coordinator_can_neither_see_nor_stop_them(client, cast):
    made, _key = api_client_create(
        by=cast.coordinator,
        organisation=cast.organisation,
        name="Oud",
        programmes=[cast.programme],
        scopes=["figures:read"],
        expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3),
    )
    client.force_login(cast.other_coordinator)
    assert client.get(reverse("api_clients", args=["oost"])).status_code == 404
    response = client.post(reverse("api_client_revoke", args=["west", made.uuid]))
    assert response.status_code == 404
    made.refresh_from_db()
    assert made.revoked_at is None
