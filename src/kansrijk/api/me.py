"""`GET /me/data`: the logged-in participant's own file, as the portal's download has it."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from kansrijk.access import policy
from kansrijk.rights.services import household_export_data

from .auth import Participant
from .responses import documented

router = Router(tags=["participant"])


@router.get(
    "/me/data",
    auth=Participant(),
    response=documented({200: dict[str, Any]}, errors=(400, 401, 404)),
    summary="Everything kansrijk keeps about the logged-in participant's household",
    operation_id="my_data",
)
def my_data(request: HttpRequest):
    """The same content as `household.json` in the portal's download (format
    `kansrijk.household-export`), logged as her export."""
    household = policy.own_household_or_404(request.auth)  # type: ignore[attr-defined]
    return household_export_data(household=household, by=request.auth, request=request)
