"""Writing API clients (make one, its key shown once; revoke one; note its use) and a partner
system's referral."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.errors import Refused
from kansrijk.partners.models import PartnerReferral
from kansrijk.partners.services import partner_referral_submit
from kansrijk.people.models import Area, Organisation, Programme, User

from . import keys, rules
from .choices import API_ROLE, ApiScope
from .models import ApiClient

# last_used_at is written at most this often per client, so a busy client costs no write a call.
USE_NOTED_EVERY = dt.timedelta(minutes=1)


@transaction.atomic
def api_client_create(
    *,
    by: User | None,
    organisation: Organisation,
    name: str,
    programmes: list[Programme],
    scopes: list[str],
    expires_at: dt.datetime,
) -> tuple[ApiClient, str]:
    """A new client and its key. The key is returned once and never kept: only its hash is.

    `by` is the coordinator of every programme named, or None for an administrator (the
    admin and `kansrijk api_client create`)."""
    name = name.strip()
    if not name:
        raise Refused(_("Give the connection a name."))
    if not programmes:
        raise Refused(_("Choose the programme the connection works for."))
    known = {s.value for s in ApiScope}
    if not scopes or any(s not in known for s in scopes):
        raise Refused(_("Choose what the connection may do."))
    now = timezone.now()
    longest = dt.timedelta(days=settings.API_KEY_MAX_DAYS)
    if expires_at <= now or expires_at > now + longest:
        raise Refused(
            _("A key ends after at most %(days)d days, and not in the past.")
            % {"days": settings.API_KEY_MAX_DAYS}
        )
    if by is not None and not all(rules.may_manage_api_clients(by, p) for p in programmes):
        raise Refused(_("Only the programme's coordinator can make a connection for it."))
    key = keys.new_key()
    while ApiClient.objects.filter(key_prefix=key.prefix).exists():
        key = keys.new_key()
    client = ApiClient.objects.create(
        organisation=organisation,
        name=name,
        scopes=" ".join(s for s in ApiScope.values if s in scopes),
        key_prefix=key.prefix,
        key_hash=key.hash,
        expires_at=expires_at,
        created_by=by,
    )
    client.programmes.set(programmes)
    return client, key.full


@transaction.atomic
def api_client_revoke(*, client: ApiClient, by: User | None) -> ApiClient:
    """Stop the client's key at once. `by` None: an administrator."""
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if by is not None and not rules.may_revoke(by, locked):
        raise Refused(_("Only the programme's coordinator can stop this connection."))
    if locked.revoked_at is not None:
        raise Refused(_("This connection was stopped already."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def api_client_note_use(*, client: ApiClient) -> None:
    """Note when the client last called; written at most once per USE_NOTED_EVERY."""
    now = timezone.now()
    if client.last_used_at is not None and now - client.last_used_at < USE_NOTED_EVERY:
        return
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    client.last_used_at = now


def api_referral_send(
    *, client: ApiClient, area_slug: str, programme_slug: str = "", **fields: Any
) -> tuple[PartnerReferral, bool]:
    """A partner's system signs a household up; answers the referral and whether this call
    made it (`partner_referral_submit` finds a reference sent before, also at the same moment).

    An area's slug is unique within its programme only: when it names areas of more than one
    of the client's programmes, the call names the programme too."""
    areas = Area.objects.filter(slug=area_slug, programme__in=client.programmes.all())
    if programme_slug:
        areas = areas.filter(programme__slug=programme_slug)
    found = list(areas.select_related("programme")[:2])
    if not found:
        raise Refused(_("This connection cannot refer to the area %(area)s.") % {"area": area_slug})
    if len(found) > 1:
        raise Refused(
            _("More than one programme has the area %(area)s: name the programme.")
            % {"area": area_slug}
        )
    return partner_referral_submit(
        by=None,
        organisation=client.organisation,
        area=found[0],
        actor_name=client.name_in_the_log,
        role=API_ROLE,
        **fields,
    )
