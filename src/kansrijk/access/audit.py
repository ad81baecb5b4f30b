"""Writing to the audit log. Call `audit` once per page or action, not once per query."""

from collections.abc import Iterable

from django.http import HttpRequest

from kansrijk.people.models import Household, User

from .choices import FilePart
from .models import AuditAction, AuditEntry, ParticipantAccount
from .policy import roles_of


class SignedInRequest(HttpRequest):
    """A request past the login (for the type checker: its user is a `User`, not anonymous)."""

    user: User


# A participant's user name is their e-mail address; the log, which is never cleaned, keeps
# this word instead, so erasing the household leaves no address behind.
PARTICIPANT_IN_THE_LOG = "participant"

# Who acted when no person did (`kansrijk retention`): the name the log shows.
SYSTEM_ACTOR = "kansrijk retention"


def client_address(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: trusting X-Forwarded-For here would let anyone write any address.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _name_for_the_log(actor: User | None) -> str:
    if actor is None:
        return ""
    # Staff hold roles (read once per request already); only a user without one can be a
    # participant, so staff pay no extra query here.
    if not roles_of(actor) and ParticipantAccount.objects.filter(user=actor).exists():
        return PARTICIPANT_IN_THE_LOG
    return actor.get_username()


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
        actor_name=actor_name or _name_for_the_log(actor),
        role=role,
        household=household,
        action=action,
        detail=detail[:200],
        purpose=purpose[:200],
        ip_address=client_address(request),
    )


# The purpose a participant reads or changes their own file for (the portal).
PARTICIPANT_IN_CONTROL = "participant in control"


def parts_named(parts: Iterable[FilePart]) -> str:
    """The parts a page showed, for its entry's detail ("basic, plan"): the log then says which
    parts of the file someone saw, not only that they opened the page."""
    shown = set(parts)
    return ", ".join(part.value for part in FilePart if part in shown)


def audit_read(
    request: SignedInRequest,
    *,
    detail: str,
    household: Household | None = None,
    role: str = "",
    purpose: str | None = None,
    action: AuditAction = AuditAction.VIEW,
) -> AuditEntry:
    """Log that the person behind `request` read a page or took a download.

    The purpose is the role the page was read in unless the caller names another one.
    """
    return audit(
        actor=request.user,
        action=action,
        household=household,
        detail=detail,
        purpose=role if purpose is None else purpose,
        role=role,
        request=request,
    )


def audit_own_read(request: SignedInRequest, household: Household, detail: str) -> AuditEntry:
    """Log that a participant read their own file, so it shows among the reads they can see."""
    return audit_read(
        request,
        household=household,
        detail=detail,
        role=PARTICIPANT_IN_THE_LOG,
        purpose=PARTICIPANT_IN_CONTROL,
    )


def audit_change(
    *,
    by: User,
    action: AuditAction,
    household: Household | None,
    detail: str,
    role: str,
    purpose: str | None = None,
) -> AuditEntry:
    """Log a change `by` made to a household's file, acting in `role`.

    The purpose is the role unless the caller names another one.
    """
    return audit(
        actor=by,
        action=action,
        household=household,
        detail=detail,
        purpose=role if purpose is None else purpose,
        role=role,
    )
