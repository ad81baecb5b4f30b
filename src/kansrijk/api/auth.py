"""Who calls: a client with a key (`Authorization: Bearer kr_…`), or a logged-in participant.

A call with a key is counted against the client's limit first (`core.ratelimit`), then the
operation checks its scope (`require_scope`). Every call of a client is logged as the client.
"""

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from kansrijk.access.audit import audit
from kansrijk.access.models import AuditAction
from kansrijk.accounts.selectors import second_factor_step
from kansrijk.core import ratelimit
from kansrijk.people.models import Household, User

from . import selectors, services
from .choices import API_ROLE
from .models import ApiClient

# The window of the per-client limit (settings.API_CALLS_PER_MINUTE calls in it).
WINDOW_SECONDS = 60


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after


class MissingScope(Exception):
    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


class ClientKey(HttpBearer):
    """The client whose usable key the call carries; None (→ 401) for any other header."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = selectors.client_for_key(token)
        if client is None:
            return None
        limit = ratelimit.Limit("api", settings.API_CALLS_PER_MINUTE, WINDOW_SECONDS)
        verdict = ratelimit.hit(limit, client.key_prefix)
        request.api_client = client  # type: ignore[attr-defined]  # the log's actor
        if not verdict.allowed:
            raise RateLimited(verdict.retry_after)
        services.api_client_note_use(client=client)
        return client


class Participant:
    """A logged-in participant (session cookie); 401 for nobody, 404 for someone else."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> User | None:
        user = request.user
        if not user.is_authenticated or second_factor_step(request) is not None:
            return None  # a session that still owes its second factor has no data either
        return user  # type: ignore[return-value]


def require_scope(request: HttpRequest, scope: str) -> ApiClient:
    client = request.auth  # type: ignore[attr-defined]
    assert isinstance(client, ApiClient)
    if scope not in client.scope_set:
        raise MissingScope(scope)
    return client


def log_call(
    request: HttpRequest,
    detail: str,
    *,
    action: AuditAction = AuditAction.VIEW,
    household: Household | None = None,
) -> None:
    """One entry in the audit log for a client's call, the client named as who acted."""
    client: ApiClient | None = getattr(request, "api_client", None)
    if client is None:
        return
    audit(
        actor=None,
        actor_name=client.name_in_the_log,
        role=API_ROLE,
        action=action,
        household=household,
        detail=detail,
        purpose=API_ROLE,
        request=request,
    )
