"""The leak matrix of the API: every operation × every kind of caller.

The operations are read from the OpenAPI document, so a new one is walked without being named
here (and fails until `expected` knows it). Callers: no key, an expired key, a stopped key, a
key per single scope, a key of another organisation and one for another programme (both with
every scope), and the sessions of every kind of web user. Nobody gets more than on the web:
a key sees its own organisation's referrals to its own programmes and its programmes' figures
(as a funder does); a session reaches only the participant's own data; no answer names a
household or a referred person that the caller may not see.
"""

import datetime as dt
import json
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from kansrijk.access.services import participant_account_create
from kansrijk.api.services import api_client_create, api_client_revoke
from kansrijk.api.v1 import api
from kansrijk.core.dates import today
from kansrijk.partners.services import partner_referral_submit
from kansrijk.people.choices import Role
from kansrijk.trajectories.choices import Phase
from tests.factories import OrganisationFactory, ProgrammeRoleFactory, UserFactory, trajectory_in

pytestmark = pytest.mark.usefixtures("frozen_today")

ALL = ["referrals:write", "referrals:read", "figures:read"]
KEYS = [
    "no key",
    "expired",
    "stopped",
    "referrals:write",
    "referrals:read",
    "figures:read",
    "other organisation",
    "other programme",
]
SESSIONS = [
    "anonymous",
    "coordinator",
    "other coordinator",
    "buddy",
    "backup",
    "funder",
    "participant",
    "referrer",
]
REFUSED = {401, 403, 404}


def _key(cast, name, scopes, *, organisation=None, programme=None):
    client, key = api_client_create(
        by=None,
        organisation=organisation or cast.organisation,
        name=name,
        programmes=[programme or cast.programme],
        scopes=scopes,
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    return client, key


class World:
    def __init__(self, cast):
        self.cast = cast
        self.ours = trajectory_in(Phase.ACTIVE, household__programme=cast.programme)
        self.theirs = trajectory_in(Phase.ACTIVE, household__programme=cast.programme)
        self.referral, _made = partner_referral_submit(
            by=None,
            organisation=cast.organisation,
            area=cast.area,
            client_reference="canary-1",
            given_name="Canarina",
            family_name="Zangvogel",
            phone="06 99999999",
            reason="Geheime reden.",
            consent_on=today(),
            consent_method="paper",
            consent_recorded_by="Wendy",
        )
        self.keys: dict[str, str | None] = {"no key": None}
        for scope in ALL:
            self.keys[scope] = _key(cast, scope, [scope])[1]
        expired, self.keys["expired"] = _key(cast, "expired", ALL)
        expired.expires_at = timezone.now() - dt.timedelta(seconds=1)
        expired.save(update_fields=["expires_at"])
        stopped, self.keys["stopped"] = _key(cast, "stopped", ALL)
        api_client_revoke(client=stopped, by=None)
        self.keys["other organisation"] = _key(
            cast, "other organisation", ALL, organisation=OrganisationFactory()
        )[1]
        self.keys["other programme"] = _key(
            cast, "other programme", ALL, programme=cast.other_programme
        )[1]
        referrer = UserFactory(organisation=cast.organisation)
        ProgrammeRoleFactory(user=referrer, programme=cast.programme, role=Role.REFERRER)
        self.users = {
            "anonymous": None,
            "coordinator": cast.coordinator,
            "other coordinator": cast.other_coordinator,
            "buddy": cast.buddy,
            "backup": cast.backup,
            "funder": cast.funder,
            "participant": participant_account_create(
                household=self.ours.household,
                trajectory=self.ours,
                by=cast.coordinator,
                email="p@example.org",
            ),
            "referrer": referrer,
        }
        # Names no caller of the API may read (the participant her own household's, only).
        self.canaries = {
            "Canarina",
            "Zangvogel",
            "06 99999999",
            "Geheime reden",
            self.theirs.household.display_name,
        }


def _operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [(method, path) for path, ops in schema["paths"].items() for method in ops]


def _url(world: World, path: str) -> str:
    values = {"uuid": str(world.referral.uuid), "slug": world.cast.programme.slug}
    return "/api/v1" + re.sub(r"\{(\w+)\}", lambda m: values[m[1]], path)


def _body() -> str:
    return json.dumps(
        {
            "area": "beijum",
            "client_reference": "matrix",
            "given_name": "Nieuw",
            "phone": "06 1",
            "reason": "Stress.",
            "consent_on": today().isoformat(),
            "consent_method": "paper",
            "consent_recorded_by": "W",
        }
    )


def expected(method: str, path: str, caller: str) -> set[int]:
    """The answers this caller may get: a success only where the web would show as much."""
    if path == "/openapi.json":
        return {200}
    if path == "/me/data":
        return {200} if caller == "participant" else ({404} if caller in SESSIONS[1:] else {401})
    if caller in SESSIONS or caller in {"no key", "expired", "stopped"}:
        return {401}
    need = {
        ("post", "/referrals"): "referrals:write",
        ("get", "/referrals"): "referrals:read",
        ("get", "/referrals/{uuid}"): "referrals:read",
        ("get", "/programmes/{slug}/figures"): "figures:read",
    }[(method, path)]
    if caller in ALL:
        return {200, 201} if caller == need else {403}
    # Every scope, but another organisation or another programme.
    if method == "post":
        return {200, 201} if caller == "other organisation" else {400}
    if path == "/referrals":
        return {200}  # its own referrals only: checked below
    if path == "/programmes/{slug}/figures" and caller == "other organisation":
        return {200}  # the same programme's published figures, as its funders see them
    return {404}


@override_settings(API_CALLS_PER_MINUTE=100_000)
def test_no_caller_gets_more_than_on_the_web(cast, capsys):
    world = World(cast)
    operations = _operations()
    assert {p for _m, p in operations} >= {"/referrals", "/referrals/{uuid}", "/me/data"}
    wrong, checked = [], 0
    for caller in KEYS + SESSIONS:
        client = Client(headers={"accept-language": "en"})
        headers = {}
        if caller in SESSIONS:
            if world.users[caller] is not None:
                client.force_login(world.users[caller])
        elif world.keys[caller]:
            headers["Authorization"] = f"Bearer {world.keys[caller]}"
        for method, path in operations:
            url = _url(world, path)
            if method == "post":
                response = client.post(
                    url, _body(), content_type="application/json", headers=headers
                )
            else:
                response = client.generic(method.upper(), url, headers=headers)
            checked += 1
            text = response.content.decode(errors="ignore")
            allowed = expected(method, path, caller)
            if response.status_code not in allowed:
                wrong.append(
                    f"{caller} {method.upper()} {path}: {response.status_code}, expected {sorted(allowed)}"
                )
            if (
                response.status_code >= 400
                and response["Content-Type"] != "application/problem+json"
            ):
                wrong.append(
                    f"{caller} {method.upper()} {path}: {response.status_code} is not problem+json"
                )
            if response.get("API-Version") != "1.0.0":
                wrong.append(f"{caller} {method.upper()} {path}: no API-Version")
            shown = sorted(c for c in world.canaries if c in text)
            if shown:
                wrong.append(f"{caller} {method.upper()} {path} shows {shown}")
            if (
                path == "/referrals"
                and method == "get"
                and caller in {"other organisation", "other programme"}
                and str(world.referral.uuid) in text
            ):
                wrong.append(f"{caller} lists another organisation's or programme's referrals")
    with capsys.disabled():
        print(
            f"\napi leak matrix: {len(operations)} operations × {len(KEYS)} keys and "
            f"{len(SESSIONS)} sessions = {checked} requests, {len(wrong)} wrong"
        )
    assert not wrong, "\n".join(wrong)
