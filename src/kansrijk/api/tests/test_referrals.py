"""A partner's system refers a household and follows it; it sees only its own organisation's."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from kansrijk.access.models import AuditEntry
from kansrijk.api.services import api_client_create
from kansrijk.api.tests.conftest import bearer
from kansrijk.core.dates import today
from kansrijk.partners.models import PartnerReferral
from kansrijk.partners.services import partner_referral_decline
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    PartnerReferralFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("frozen_today")


def referral(**changes) -> dict:
    return {
        "area": "beijum",
        "client_reference": "dossier-17",
        "given_name": "Sanne",
        "family_name": "de Vries",
        "phone": "06 12345678",
        "reason": "Schulden en stress over de huur.",
        "consent_on": today().isoformat(),
        "consent_method": "paper",
        "consent_recorded_by": "Wendy van WIJ",
        **changes,
    }


def _post(client, key, body):
    return client.post(
        "/api/v1/referrals", json.dumps(body), content_type="application/json", headers=bearer(key)
    )


def test_a_referral_is_created_with_201_and_its_location(client, cast, api_key):
    key = api_key("referrals:write", "referrals:read")
    response = _post(client, key, referral())
    assert response.status_code == 201, response.content
    made = PartnerReferral.objects.get()
    assert response["Location"] == f"/api/v1/referrals/{made.uuid}"
    body = response.json()
    assert body["status"] == "received"
    assert "Sanne" not in response.content.decode()
    assert made.organisation == cast.organisation and made.referred_by is None
    entry = AuditEntry.objects.get()  # one referral, one entry: the service's, as the client
    assert (entry.detail, entry.role) == ("api referral sent", "api")
    assert entry.actor_name == "API-koppeling Verwijssysteem (WIJ Beijum)"


def test_the_same_reference_answers_the_same_referral_with_200(client, api_key):
    key = api_key("referrals:write")
    first = _post(client, key, referral())
    again = _post(client, key, referral(given_name="Anders"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["uuid"] == again.json()["uuid"]
    assert PartnerReferral.objects.count() == 1


def test_an_area_slug_in_two_of_the_clients_programmes_needs_the_programme(client, cast):
    AreaFactory(programme=cast.other_programme, slug="beijum")
    _client, key = api_client_create(
        by=None,
        organisation=cast.organisation,
        name="Twee programma's",
        programmes=[cast.programme, cast.other_programme],
        scopes=["referrals:write"],
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    refused = _post(client, key, referral())
    assert refused.status_code == 400
    assert "name the programme" in refused.json()["detail"]
    assert not PartnerReferral.objects.exists()

    made = _post(client, key, referral(programme=cast.other_programme.slug))
    assert made.status_code == 201, made.content
    assert PartnerReferral.objects.get().programme == cast.other_programme


def test_a_referral_outside_the_clients_programmes_is_refused(client, cast, api_key):
    AreaFactory(programme=cast.other_programme, slug="selwerd")
    key = api_key("referrals:write")
    response = _post(client, key, referral(area="selwerd"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not PartnerReferral.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"given_name": "x" * 5000},
        {"consent_on": "0001-01-01"},
        {"consent_on": "not a date"},
        {"consent_method": "telepathy"},
        {"email": "no-address"},
        {"reason": ""},
        {"area": None},
        {"share_basic": "perhaps"},
    ],
)
def test_bad_input_is_a_400_problem_and_makes_nothing(client, api_key, change):
    key = api_key("referrals:write")
    response = _post(client, key, referral(**change))
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert not PartnerReferral.objects.exists()


def test_a_bad_field_is_named_as_the_client_sent_it(client, api_key):
    key = api_key("referrals:write")
    response = _post(client, key, referral(consent_method="telepathy"))
    assert [p["name"] for p in response.json()["invalid_params"]] == ["body.consent_method"]


@pytest.mark.parametrize("body", ["{not json", "[]", "null", '"text"'])
def test_a_body_that_is_not_an_object_is_a_400_problem(client, api_key, body):
    key = api_key("referrals:write")
    response = client.post(
        "/api/v1/referrals", body, content_type="application/json", headers=bearer(key)
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_a_declined_referral_says_why(client, cast, api_key):
    key = api_key("referrals:write", "referrals:read")
    made = _post(client, key, referral()).json()
    partner_referral_decline(
        by=cast.coordinator, referral=PartnerReferral.objects.get(), reason="Past beter bij WIJ."
    )
    body = client.get(f"/api/v1/referrals/{made['uuid']}", headers=bearer(key)).json()
    assert body["status"] == "declined"
    assert body["decline_reason"] == "Past beter bij WIJ."


def test_another_organisations_referral_is_404(client, cast, api_key):
    mine = api_key("referrals:write", "referrals:read")
    theirs = api_key("referrals:read", organisation=OrganisationFactory(), name="Ander")
    made = _post(client, mine, referral()).json()
    response = client.get(f"/api/v1/referrals/{made['uuid']}", headers=bearer(theirs))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/referrals", headers=bearer(theirs)).json()["count"] == 0


def test_a_referral_typed_in_on_the_web_by_the_same_organisation_is_not_the_systems(
    client, cast, api_key
):
    key = api_key("referrals:read")
    web = PartnerReferralFactory(
        area=cast.area,
        organisation=cast.organisation,
        referred_by=UserFactory(organisation=cast.organisation),
        decline_reason="Buiten het gebied.",
    )
    response = client.get(f"/api/v1/referrals/{web.uuid}", headers=bearer(key))
    assert response.status_code == 404
    assert client.get("/api/v1/referrals", headers=bearer(key)).json()["count"] == 0


@pytest.mark.parametrize("uuid", ["not-a-uuid", "1", "0" * 500])
def test_a_bad_uuid_is_a_4xx_problem(client, api_key, uuid):
    key = api_key("referrals:read")
    response = client.get(f"/api/v1/referrals/{uuid}", headers=bearer(key))
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


def test_the_list_comes_in_bounded_pages(client, api_key):
    key = api_key("referrals:write", "referrals:read")
    for n in range(3):
        _post(client, key, referral(client_reference=f"d-{n}"))
    first = client.get("/api/v1/referrals?page_size=2", headers=bearer(key)).json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert "page=2" in first["_links"]["next"]["href"]
    assert first["_links"]["previous"] is None
    second = client.get(first["_links"]["next"]["href"], headers=bearer(key)).json()
    assert len(second["results"]) == 1 and second["_links"]["next"] is None
    far = client.get("/api/v1/referrals?page=100000", headers=bearer(key))
    assert far.status_code == 200 and far.json()["results"] == []
    for query in ("page=0", "page=100001", "page_size=101", "page=99999999999999999999", "page=x"):
        response = client.get(f"/api/v1/referrals?{query}", headers=bearer(key))
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"
