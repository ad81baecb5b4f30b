"""Partner systems: refer a household, and follow where its referrals stand.

A client sees the referrals its organisation sent through the API to the client's programmes
(not those its people typed in on the web), and of each only where it stands (and why not, when
declined): no personal data comes back, also not what the client sent itself.
"""

import datetime as dt
from typing import Literal
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from kansrijk.access.choices import ConsentMethod
from kansrijk.partners.models import PartnerReferral
from kansrijk.partners.selectors import referral_status, referral_steps
from kansrijk.people.choices import Gender, HouseholdType

from . import selectors, services
from .auth import log_call, require_scope
from .choices import ApiScope
from .pagination import Page, PageParams, paginate
from .responses import documented

router = Router(tags=["referrals"])

HouseholdTypeValue = Literal[tuple(HouseholdType.values)]  # type: ignore[valid-type]
GenderValue = Literal[("", *Gender.values)]  # type: ignore[valid-type]
ConsentMethodValue = Literal[tuple(ConsentMethod.values)]  # type: ignore[valid-type]


class ReferralIn(Schema):
    """What the referrer's web form asks, plus the area and the partner system's own id."""

    area: str = Field(
        max_length=50, description="The slug of an area of one of the client's programmes."
    )
    programme: str = Field(
        "",
        max_length=50,
        description="The slug of the area's programme: needed only when more than one of the "
        "client's programmes has an area with this slug.",
    )
    client_reference: str = Field(
        "",
        max_length=100,
        description="Your system's id: the same id again answers the same referral (200).",
    )
    given_name: str = Field(min_length=1, max_length=60)
    family_name: str = Field("", max_length=80)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    street_address: str = Field("", max_length=150)
    postcode: str = Field("", max_length=7)
    languages: str = Field("", max_length=150)
    household_type: HouseholdTypeValue | Literal[""] = ""  # type: ignore[valid-type]
    reason: str = Field(min_length=1, max_length=4000)
    stress_sources: str = Field("", max_length=4000)
    preferences: str = Field("", max_length=4000)
    preferred_gender: GenderValue = ""  # type: ignore[valid-type]
    consent_on: dt.date
    consent_method: ConsentMethodValue  # type: ignore[valid-type]
    consent_recorded_by: str = Field(min_length=1, max_length=120)
    share_basic: bool = False
    share_plan: bool = False
    share_assessments: bool = False
    share_sensitive: bool = False


class StepOut(Schema):
    status: str
    on: dt.date | None
    done: bool
    current: bool


class ReferralOut(Schema):
    uuid: UUID
    client_reference: str
    programme: str
    area: str
    status: str = Field(
        description="received, declined, intake, buddy_found, year_running or ended"
    )
    status_since: dt.date
    received_on: dt.date
    decline_reason: str | None = Field(description="Why it was not accepted; null otherwise.")
    steps: list[StepOut]


class ReferralPage(Page):
    results: list[ReferralOut]


def _out(referral: PartnerReferral) -> dict:
    now = referral_status(referral)
    return {
        "uuid": referral.uuid,
        "client_reference": referral.client_reference,
        "programme": referral.programme.slug,
        "area": referral.area.slug,
        "status": now.status.value,
        "status_since": now.since,
        "received_on": referral.created_at.date(),
        "decline_reason": referral.decline_reason or None if now.status == "declined" else None,
        "steps": [
            {"status": s.status.value, "on": s.on, "done": s.done, "current": s.current}
            for s in referral_steps(referral)
        ],
    }


@router.post(
    "/referrals",
    response=documented({201: ReferralOut, 200: ReferralOut}),
    summary="Refer a household (the same client_reference again answers the same referral)",
    operation_id="referral_create",
)
def referral_create(request: HttpRequest, response: HttpResponse, body: ReferralIn):
    """Sign a household up with the participant's consent; it waits for the coordinator.
    201 with Location when made; 200 with the same referral when `client_reference` was sent
    before by this organisation."""
    client = require_scope(request, ApiScope.REFERRALS_WRITE)
    fields = body.dict()
    referral, created = services.api_referral_send(
        client=client,
        area_slug=fields.pop("area"),
        programme_slug=fields.pop("programme"),
        **fields,
    )
    if not created:  # a referral made is logged by the service that made it
        log_call(request, "api referral repeated")
    response["Location"] = reverse("api-v1:referral_detail", args=[referral.uuid])
    return (201 if created else 200), _out(referral)


@router.get(
    "/referrals",
    response=documented({200: ReferralPage}),
    summary="This organisation's referrals, newest first",
    operation_id="referral_list",
    by_alias=True,
)
def referral_list(request: HttpRequest, params: Query[PageParams]):
    """Where this organisation's referrals to the client's programmes stand, in pages."""
    client = require_scope(request, ApiScope.REFERRALS_READ)
    page = paginate(request, selectors.referrals_of_client(client), params)
    log_call(request, "api referrals listed")
    return {**page, "results": [_out(r) for r in page["results"]]}


@router.get(
    "/referrals/{uuid:uuid}",
    response=documented({200: ReferralOut}),
    summary="Where one referral stands",
    operation_id="referral_detail",
)
def referral_detail(request: HttpRequest, uuid: UUID):
    """Where one referral stands, with the day of each step; why not, when declined."""
    client = require_scope(request, ApiScope.REFERRALS_READ)
    referral = selectors.referrals_of_client(client).filter(uuid=uuid).first()
    if referral is None:
        raise Http404
    log_call(request, "api referral read")
    return _out(referral)
