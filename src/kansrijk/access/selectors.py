import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from kansrijk.core.dates import today
from kansrijk.people.choices import NAMEABLE_KINDS
from kansrijk.people.models import Household, Organisation, Programme, ProgrammeRole, User

from . import policy
from .choices import FilePart, Recipient
from .log_words import codes_matching
from .models import AuditAction, AuditEntry, Consent


def consents_in_force(household: Household) -> QuerySet[Consent]:
    return (
        Consent.objects.in_force(today())
        .filter(household=household)
        .select_related("organisation")
        .order_by("recipient", "organisation__name")
    )


def consent_history(household: Household) -> QuerySet[Consent]:
    """Every consent ever recorded, newest first, with who recorded and withdrew it."""
    return household.consents.select_related("recorded_by", "withdrawn_by", "organisation")


def consent_organisations() -> QuerySet[Organisation]:
    """The organisations a participant can name in a consent: the partners around households
    (`NAMEABLE_KINDS`), not the municipality or a funder."""
    return Organisation.objects.filter(kind__in=NAMEABLE_KINDS).order_by("name")


def organisations_with_people() -> QuerySet[Organisation]:
    """The organisations a consent can name, each with its active people (one more query)."""
    return consent_organisations().prefetch_related(
        Prefetch(
            "staff",
            queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
            to_attr="people",
        )
    )


def people_of(organisation: Organisation) -> QuerySet[User]:
    """The people who would see what a consent to this organisation allows: its active users."""
    return organisation.staff.filter(is_active=True).order_by("first_name", "last_name")


@dataclass(frozen=True)
class ConsentedHousehold:
    """One household on the home page of a person of a named organisation."""

    household: Household
    parts: tuple[FilePart, ...]
    until: dt.date | None


def _organisation_consents(user: User) -> QuerySet[Consent] | None:
    """The consents in force by which this user reads households, as `access.policy` counts
    them (their organisation's, while they may be named); None when there are none to count."""
    organisation = policy.named_organisation(user)
    return None if organisation is None else policy.organisation_consents(organisation)


def households_consenting_to(user: User) -> QuerySet[Household]:
    """The households whose consent in force names this user's organisation (with the basic
    details, as `access.policy` asks), by name: a page of them is `consented_households`."""
    consents = _organisation_consents(user)
    if consents is None:
        return Household.objects.none()
    return Household.objects.filter(
        pk__in=consents.values("household_id").order_by(), erased_at__isnull=True
    ).order_by("display_name", "pk")


def consented_households(user: User, households: Iterable[Household]) -> list[ConsentedHousehold]:
    """These households (a page of `households_consenting_to`), each with the parts its
    consents to this user's organisation allow and until when: one query for all of them."""
    rows = list(households)
    consents = _organisation_consents(user)
    if consents is None or not rows:
        return []
    grouped: dict[int, list[Consent]] = {}
    for consent in consents.filter(household__in=rows).order_by("starts_on", "pk"):
        grouped.setdefault(consent.household_id, []).append(consent)
    return [
        ConsentedHousehold(
            household=household,
            parts=tuple(p for p in FilePart if any(p in c.parts for c in mine)),
            # open as long as one of them is; otherwise the last day one of them covers
            until=None
            if any(c.ends_on is None for c in mine)
            else max(c.ends_on for c in mine if c.ends_on),
        )
        for household in rows
        if (mine := grouped.get(household.pk))
    ]


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
    """One recipient on the participant's consent page: which parts they may see now. For a
    named organisation, `organisation` is it (its name is the label, its slug the key)."""

    recipient: str
    label: str
    parts: list[PartChoice]
    seen: str
    since: dt.date | None
    organisation: Organisation | None = None

    @property
    def sees_anything(self) -> bool:
        return any(choice.given for choice in self.parts)

    @property
    def key(self) -> str:
        """A name for the row that is unique on the page (its heading's id)."""
        return f"org-{self.organisation.slug}" if self.organisation else self.recipient


def _row(
    recipient: str, label: str, mine: list[Consent], organisation: Organisation | None = None
) -> RecipientRow:
    given = set().union(*(set(c.parts) for c in mine)) if mine else set()
    return RecipientRow(
        recipient=recipient,
        label=label,
        parts=[PartChoice(p.value, str(p.label), p in given) for p in FilePart],
        seen=seen_token(mine),
        since=min((c.starts_on for c in mine), default=None),
        organisation=organisation,
    )


def consent_rows(household: Household, recipients: list[str]) -> list[RecipientRow]:
    """For each kind she can choose, and each organisation she named in a consent in force,
    the parts in force today: one query (one organisation's row alone: `consent_row_for`)."""
    in_force = list(consents_in_force(household))
    rows = [
        _row(
            recipient,
            str(Recipient(recipient).label),
            [c for c in in_force if c.recipient == recipient],
        )
        for recipient in recipients
        if recipient != Recipient.ORGANISATION
    ]
    named = {c.organisation_id: c.organisation for c in in_force if c.organisation is not None}
    for organisation in sorted(named.values(), key=lambda o: o.name):
        mine = [c for c in in_force if c.organisation_id == organisation.pk]
        rows.append(_row(Recipient.ORGANISATION, organisation.name, mine, organisation))
    return rows


def consent_row_for(household: Household, organisation: Organisation) -> RecipientRow:
    """The one row of `consent_rows` for this organisation: the parts of her consents in force
    that name it (none when she named it in none yet). One query."""
    mine = list(consents_in_force(household).filter(organisation=organisation))
    return _row(Recipient.ORGANISATION, organisation.name, mine, organisation)


def seen_token(consents) -> str:
    """The consents in force for one recipient as a page showed them: sent back with a tap, so
    a change made meanwhile in another tab is noticed instead of silently overwritten."""
    return ",".join(sorted(str(c.uuid) for c in consents))
