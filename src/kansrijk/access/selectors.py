import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat

from kansrijk.core.dates import today
from kansrijk.people.models import Household, Programme, ProgrammeRole

from .choices import FilePart, Recipient
from .log_words import codes_matching
from .models import AuditAction, AuditEntry, Consent


def consents_in_force(household: Household) -> QuerySet[Consent]:
    return Consent.objects.in_force(today()).filter(household=household).order_by("recipient")


def consent_history(household: Household) -> QuerySet[Consent]:
    """Every consent ever recorded, newest first, with who recorded and withdrew it."""
    return household.consents.select_related("recorded_by", "withdrawn_by")


# What a participant sees of the log: reads and changes of their file, not logins of staff.
FILE_ACTIONS = (
    AuditAction.VIEW,
    AuditAction.CREATE,
    AuditAction.CHANGE,
    AuditAction.PHASE_CHANGE,
    AuditAction.EXPORT,
)


def reads_of(household: Household) -> QuerySet[AuditEntry]:
    """Every read and change of this household's file, newest first, with who did it."""
    return (
        AuditEntry.objects.filter(household=household, action__in=FILE_ACTIONS)
        .select_related("actor")
        .order_by("-at", "-id")
    )


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def _described_as(text: str) -> Q:
    """Entries whose words (in the active language) hold `text`: their codes, in one regex."""
    codes = codes_matching(text)
    if not codes:
        return Q(pk__in=[])
    alternatives = "|".join(
        r"[^ ]+".join(re.escape(word) for word in code.split("*")) for code in codes
    )
    return Q(detail__regex=rf"^({alternatives})($|[ :(])")


def audit_search(programme: Programme, wanted: AuditFilter) -> QuerySet[AuditEntry]:
    """The log of one programme: entries about its households, and its staff's entries about
    no household (logins, searches). A colleague who also works in another programme brings
    no entry about that programme's households: their names are not this coordinator's to see.

    The text finds the staff member by the name the page shows (first and last name, as one
    or apart) as well as by the user name the log keeps, case-insensitively, and an entry by
    the words the page says it with ("plan" finds "bekeek het plan") as well as by its code.
    """
    staff = ProgrammeRole.objects.filter(programme=programme).values("user_id")
    entries = AuditEntry.objects.filter(
        Q(household__programme=programme) | Q(household__isnull=True, actor_id__in=staff)
    ).select_related("actor", "household")
    if wanted.text:
        entries = entries.annotate(
            actor_full_name=Concat("actor__first_name", Value(" "), "actor__last_name")
        ).filter(
            Q(actor_name__icontains=wanted.text)
            | Q(actor_full_name__icontains=wanted.text)
            | Q(household__display_name__icontains=wanted.text)
            | Q(detail__icontains=wanted.text)
            | _described_as(wanted.text)
        )
    if wanted.action:
        entries = entries.filter(action=wanted.action)
    if wanted.since:
        entries = entries.filter(at__date__gte=wanted.since)
    if wanted.until:
        entries = entries.filter(at__date__lte=wanted.until)
    return entries.order_by("-at", "-id")


@dataclass(frozen=True)
class PartChoice:
    part: str
    label: str
    given: bool


@dataclass(frozen=True)
class RecipientRow:
    """One recipient on the participant's consent page: which parts they may see now."""

    recipient: str
    label: str
    parts: list[PartChoice]
    seen: str
    since: dt.date | None

    @property
    def sees_anything(self) -> bool:
        return any(choice.given for choice in self.parts)


def consent_rows(household: Household, recipients: list[str]) -> list[RecipientRow]:
    """For each recipient she can choose, the parts in force today: one query."""
    in_force = list(consents_in_force(household))
    rows = []
    for recipient in recipients:
        mine = [c for c in in_force if c.recipient == recipient]
        given = set().union(*(set(c.parts) for c in mine)) if mine else set()
        rows.append(
            RecipientRow(
                recipient=recipient,
                label=str(Recipient(recipient).label),
                parts=[PartChoice(p.value, str(p.label), p in given) for p in FilePart],
                seen=seen_token(mine),
                since=min((c.starts_on for c in mine), default=None),
            )
        )
    return rows


def seen_token(consents) -> str:
    """The consents in force for one recipient as a page showed them: sent back with a tap, so
    a change made meanwhile in another tab is noticed instead of silently overwritten."""
    return ",".join(sorted(str(c.uuid) for c in consents))
