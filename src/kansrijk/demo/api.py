"""A demo connection for WIJ Beijum's referral system, so the coordinator's connections page has
one to show. Its key is thrown away at once: the repository and the demo hold no usable secret.
Make a working key with `kansrijk api_client create` (docs/api.md)."""

import datetime as dt

from django.utils import timezone

from kansrijk.api.services import api_client_create
from kansrijk.people.models import Organisation, Programme


def api_demo() -> None:
    organisation = Organisation.objects.filter(name="WIJ Beijum").first()
    programme = Programme.objects.filter(areas__name="Beijum").first()
    if organisation is None or programme is None:
        return
    api_client_create(
        by=None,
        organisation=organisation,
        name="Verwijssysteem WIJ Beijum (demo)",
        programmes=[programme],
        scopes=["referrals:write", "referrals:read"],
        expires_at=timezone.now() + dt.timedelta(days=90),
    )
