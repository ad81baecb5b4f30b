"""Reading API clients."""

from django.db.models import QuerySet

from kansrijk.partners.models import PartnerReferral
from kansrijk.partners.selectors import referrals_of_organisation
from kansrijk.people.models import Programme

from . import keys
from .models import ApiClient


def clients_of_programme(programme: Programme) -> QuerySet[ApiClient]:
    """Every client that works for the programme, revoked and expired ones too (for the page)."""
    return (
        programme.api_clients.select_related("organisation", "created_by", "revoked_by")
        .prefetch_related("programmes")
        .order_by("revoked_at", "-created_at")
    )


def client_for_key(key: str) -> ApiClient | None:
    """The usable client this key belongs to, or None (unknown, wrong, expired or revoked)."""
    parsed = keys.parse(key)
    if parsed is None:
        return None
    prefix, secret = parsed
    client = ApiClient.objects.usable().select_related("organisation").filter(key_prefix=prefix)
    found = client.first()
    return found if found is not None and keys.secret_matches(secret, found.key_hash) else None


def referrals_of_client(client: ApiClient) -> QuerySet[PartnerReferral]:
    """The referrals the client's organisation sent through the API (a referrer's on the web
    are not the system's) to the client's programmes, newest first."""
    return referrals_of_organisation(client.organisation).filter(
        referred_by__isnull=True, programme__in=client.programmes.all()
    )
