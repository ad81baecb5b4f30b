"""Writing to the audit log. Call `audit` once per page or action, not once per query."""

from django.http import HttpRequest

from kansrijk.people.models import Household, User

from .models import AuditAction, AuditEntry


def client_address(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: trusting X-Forwarded-For here would let anyone write any address.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit(
    *,
    actor: User | None,
    action: AuditAction,
    household: Household | None = None,
    detail: str = "",
    purpose: str = "",
    role: str = "",
    request: HttpRequest | None = None,
    actor_name: str = "",
) -> AuditEntry:
    """Append one entry to the audit log."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor_name or (actor.get_username() if actor else ""),
        role=role,
        household=household,
        action=action,
        detail=detail[:200],
        purpose=purpose[:200],
        ip_address=client_address(request),
    )
