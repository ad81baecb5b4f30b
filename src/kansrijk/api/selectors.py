"""Reading API clients."""

from django.db.models import QuerySet
from django.utils import timezone

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
    client = ApiClient.objects.select_related("organisation").filter(key_prefix=prefix).first()
    if client is None or not keys.secret_matches(secret, client.key_hash):
        return None
    return client if client.is_usable(timezone.now()) else None
