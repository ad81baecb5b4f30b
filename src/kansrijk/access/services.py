"""Recording and withdrawing the participant's consent; removing audit entries past retention."""

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.core.dates import add_months, long_date, today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import MemberRelation
from kansrijk.people.languages import participant_language
from kansrijk.people.models import Household, Organisation, User

from . import policy
from .audit import audit
from .choices import ConsentMethod, FilePart, Recipient
from .models import AuditAction, AuditEntry, Consent, ParticipantAccount
from .selectors import consent_organisations, seen_token


def _require_keeper(by: User, household: Household, trajectory: Any | None) -> None:
    # The coordinator, and the buddy sitting with the participant, record what they decide.
    if not policy.works_with_whole_file(by, household, trajectory):
        raise Refused(_("Only the buddy or a coordinator can record consent."))


# The participant may sign the consent before the coordinator registers the referral (the
# referrer asks at the kitchen table), so a start up to a month before the referral is real.
CONSENT_BEFORE_REFERRAL_MONTHS = 1
# A whole journey (waiting for a buddy, the active year, aftercare) fits in three years; a
# consent that must last longer is asked again, and a later end is a typo (9999-12-31).
CONSENT_MAX_MONTHS = 36


def first_consent_day(referral_day: dt.date) -> dt.date:
    """The earliest day a consent for a journey referred on `referral_day` may start."""
    return add_months(referral_day, -CONSENT_BEFORE_REFERRAL_MONTHS)


def last_consent_day(starts_on: dt.date) -> dt.date:
    """The latest day a consent starting on `starts_on` may end."""
    return add_months(starts_on, CONSENT_MAX_MONTHS)


def _referral_day(household: Household, trajectory: Any | None) -> dt.date:
    if trajectory is not None:
        return trajectory.referred_on
    return timezone.localdate(household.created_at)


def _check_consent_dates(
    household: Household, trajectory: Any | None, starts_on: dt.date, ends_on: dt.date | None
) -> None:
    """A consent starts on a day the participant can have given it and ends within the journey.

    An open end stays allowed: such a consent runs until the participant withdraws it.
    """
    if starts_on > today():
        raise Refused(_("Consent cannot start on a future date."))
    first = first_consent_day(_referral_day(household, trajectory))
    if starts_on < first:
        raise Refused(
            _(
                "Consent cannot start more than a month before the referral. "
                "Choose %(first)s or later."
            )
            % {"first": long_date(first)}
        )
    if ends_on is None:
        return
    if ends_on < starts_on:
        raise Refused(_("The end date must be on or after the start date."))
    if ends_on < today():
        raise Refused(
            _("With this end date the consent would already be over. Choose today or later.")
        )
    last = last_consent_day(starts_on)
    if ends_on > last:
        raise Refused(
            _("A consent runs at most three years. Choose %(last)s or earlier.")
            % {"last": long_date(last)}
        )


def _names_whom_it_should(recipient: Recipient, organisation: Organisation | None) -> bool:
    """A consent to a named organisation names a partner around households (not the
    municipality or a funder: `NAMEABLE_KINDS`); a consent to a kind of professional names none."""
    if recipient != Recipient.ORGANISATION:
        return organisation is None
    return organisation is not None and consent_organisations().filter(pk=organisation.pk).exists()


def _named(organisation: Organisation | None) -> str:
    """The organisation a consent names, after the audit log's code: " (wij-beijum)"."""
    return f" ({organisation.slug})" if organisation is not None else ""


@transaction.atomic
def consent_record(
    *,
    household: Household,
    trajectory: Any | None,
    by: User,
    recipient: Recipient,
    parts: set[FilePart],
    starts_on: dt.date,
    ends_on: dt.date | None,
    method: ConsentMethod,
    organisation: Organisation | None = None,
) -> Consent:
    """Record that the participant lets `recipient` see these parts of the file: a kind of
    professional, or with `recipient=Recipient.ORGANISATION` the people of `organisation`."""
    _require_keeper(by, household, trajectory)
    if recipient == Recipient.ORGANISATION and organisation is None:
        raise Refused(_("Choose the organisation that may see it."))
    if not _names_whom_it_should(recipient, organisation):
        raise Refused(_("Choose one of the organisations in the list, or another kind."))
    if FilePart.BASIC not in parts:
        raise Refused(_("Without the basic details nothing else can be shown. Tick those too."))
    _check_consent_dates(household, trajectory, starts_on, ends_on)
    consent = Consent.objects.create(
        household=household,
        recipient=recipient,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        method=method,
        recorded_by=by,
        **{part.value: part in parts for part in FilePart},
    )
    policy.forget_consents(trajectory)
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=household,
        detail=f"consent {recipient}: {', '.join(sorted(p.value for p in parts))}"
        f"{_named(organisation)}",
        purpose="consent",
        role=policy.acting_role(by, household, trajectory),
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, trajectory: Any | None, by: User, participant: bool = False
) -> Consent:
    """Withdraw a consent. It stops counting at once: the next request no longer sees it."""
    household = consent.household
    if not participant:
        _require_keeper(by, household, trajectory)
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise Refused(_("This consent was withdrawn already."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = by
    locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    policy.forget_consents(trajectory)
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=household,
        detail=f"consent {locked.recipient} withdrawn{_named(locked.organisation)}",
        purpose="consent",
        role="participant" if participant else policy.acting_role(by, household, trajectory),
    )
    return locked


def _letter_username(given_name: str) -> str:
    """A user name for someone without e-mail, printed on her letter: her first name in plain
    letters and four digits ("fatima-4821"), easy to read off paper and to type."""
    base = slugify(given_name)[:20] or "deelnemer"
    while True:
        candidate = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate


@transaction.atomic
def participant_account_create(
    *, household: Household, trajectory: Any | None, by: User, email: str = ""
) -> User:
    """Give the participant a login to the portal. They choose their own password: via a link
    to their e-mail, or, without an e-mail address, with the code of an activation letter
    (`accounts.activation_services.activation_letter_make`), whose user name is made here.

    The account has no password yet (unusable), so nobody can use it before she chooses one;
    it holds no role, so it sees only its own household.
    """
    _require_keeper(by, household, trajectory)
    if ParticipantAccount.objects.filter(household=household).exists():
        raise Refused(_("This participant already has a portal account."))
    email = email.strip().lower()
    if email and User.objects.filter(username__iexact=email).exists():
        raise Refused(_("This e-mail address is already used for another account."))
    participant = household.members.filter(relation=MemberRelation.PARTICIPANT).first()
    given_name = participant.given_name if participant else ""
    user = User(
        username=email or _letter_username(given_name),
        email=email,
        first_name=given_name,
        last_name=participant.family_name if participant else "",
    )
    user.set_unusable_password()
    user.save()
    ParticipantAccount.objects.create(user=user, household=household, created_by=by)
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=household,
        detail="participant portal account",
        purpose="participant in control",
        role=policy.acting_role(by, household, trajectory),
    )
    return user


# ---- the participant decides herself, in her portal ----

# How long "Undo" is offered after she gives or stops a consent: long enough to notice a
# mistaken tap, short enough that nobody acts on a consent that then silently disappears.
UNDO_MINUTES = 15


def portal_recipients() -> list[Recipient]:
    """The kinds of professional the participant can let see her file from her portal, one row
    each; besides them she names organisations (`consent_organisations`), one row each too. The
    portal pages and `consent_give`/`consent_stop`/`consent_undo` take either alike."""
    return [r for r in Recipient if r != Recipient.ORGANISATION]


@dataclass(frozen=True)
class ConsentChange:
    """What one tap of the participant changed for one recipient, for its page and its undo."""

    recipient: Recipient
    given: Consent | None
    ended: tuple[Consent, ...]
    organisation: Organisation | None = None

    @property
    def get_recipient_label(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        return str(self.recipient.label)


def _require_participant(by: User, household: Household) -> None:
    own = policy.own_household(by)
    if own is None or own.pk != household.pk:
        raise Refused(_("Only you can change this, on your own page."))


def _of_whom(recipient: str, organisation: Organisation | None) -> dict[str, Any]:
    """The filter for the consents of one recipient: a kind, or one named organisation."""
    return {"recipient": recipient, "organisation": organisation}


def _in_force_for(
    household: Household, recipient: str, organisation: Organisation | None
) -> list[Consent]:
    # Every writer of this household's consents waits here for the one before it (on SQLite
    # the IMMEDIATE transaction already serialises writers), so two tabs never both see "none".
    Household.objects.select_for_update().filter(pk=household.pk).first()
    return list(
        Consent.objects.select_for_update()
        .in_force(today())
        .filter(household=household, **_of_whom(recipient, organisation))
    )


def _end(consents: list[Consent], by: User) -> None:
    now = timezone.now()
    for consent in consents:
        consent.withdrawn_at = now
        consent.withdrawn_by = by
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])


def _participant_sets(
    *,
    household: Household,
    by: User,
    recipient: Recipient,
    organisation: Organisation | None,
    parts: set[FilePart],
    seen: str,
) -> ConsentChange:
    """Replace the consents in force for `recipient` (and `organisation`) by one for `parts`
    (none: nothing)."""
    _require_participant(by, household)
    if recipient not in Recipient or not _names_whom_it_should(recipient, organisation):
        raise Refused(pgettext("participant", "Choose who may see it."))
    with transaction.atomic():
        current = _in_force_for(household, recipient, organisation)
        if seen_token(current) != seen:
            raise Refused(
                _("This changed in the meantime, maybe in another window. Look again and choose.")
            )
        before = set().union(*(set(c.parts) for c in current)) if current else set()
        if parts == before:
            raise Refused(_("Nothing changed: this was already so."))
        _end(current, by)
        given = None
        if parts:
            ends = [c.ends_on for c in current if c.ends_on is not None]
            given = Consent.objects.create(
                household=household,
                recipient=recipient,
                organisation=organisation,
                starts_on=today(),
                ends_on=min(ends) if ends else None,
                method=ConsentMethod.PORTAL,
                recorded_by=by,
                **{part.value: part in parts for part in FilePart},
            )
        audit(
            actor=by,
            action=AuditAction.CHANGE,
            household=household,
            detail=(
                f"consent {recipient}: {', '.join(sorted(p.value for p in parts))}"
                if parts
                else f"consent {recipient} withdrawn"
            )
            + _named(organisation),
            purpose="participant in control",
            role="participant",
        )
    return ConsentChange(
        recipient=recipient, given=given, ended=tuple(current), organisation=organisation
    )


def _parts_in_force(
    household: Household, recipient: str, organisation: Organisation | None
) -> set[FilePart]:
    consents = Consent.objects.in_force(today()).filter(
        household=household, **_of_whom(recipient, organisation)
    )
    return set().union(*(set(c.parts) for c in consents))


def consent_give(
    *,
    household: Household,
    by: User,
    recipient: Recipient,
    part: FilePart,
    seen: str,
    organisation: Organisation | None = None,
) -> ConsentChange:
    """The participant lets `recipient` (with `Recipient.ORGANISATION`: the people of
    `organisation`) also see `part` of her file, from today. Nothing else can be shown
    without the basic details, so those come along."""
    parts = _parts_in_force(household, recipient, organisation) | {part, FilePart.BASIC}
    return _participant_sets(
        household=household,
        by=by,
        recipient=recipient,
        organisation=organisation,
        parts=parts,
        seen=seen,
    )


def consent_stop(
    *,
    household: Household,
    by: User,
    recipient: Recipient,
    part: FilePart,
    seen: str,
    organisation: Organisation | None = None,
) -> ConsentChange:
    """The participant stops `recipient` seeing `part`; stopping the basic details stops all."""
    parts = _parts_in_force(household, recipient, organisation) - {part}
    if part == FilePart.BASIC:
        parts = set()
    return _participant_sets(
        household=household,
        by=by,
        recipient=recipient,
        organisation=organisation,
        parts=parts,
        seen=seen,
    )


def undo_until(change: ConsentChange) -> dt.datetime | None:
    """Until when this change can be undone; None when it cannot (any more)."""
    moments = [c.recorded_at for c in ([change.given] if change.given else [])]
    moments += [c.withdrawn_at for c in change.ended if c.withdrawn_at]
    if not moments:
        return None
    until = min(moments) + dt.timedelta(minutes=UNDO_MINUTES)
    return until if until > timezone.now() else None


def consent_change_of(
    household: Household,
    recipient: str,
    given: str | None,
    ended: list[str],
    organisation: str = "",
) -> ConsentChange | None:
    """The change named by a page's address (its consents' UUIDs and, for a named organisation,
    its slug), if it is this household's."""
    if recipient not in Recipient.values:
        return None
    named = [*ended, *([given] if given else [])]
    if not named or not _all_uuids(named):
        return None
    whom = None
    if recipient == Recipient.ORGANISATION:
        whom = consent_organisations().filter(slug=organisation).first()
        if whom is None:
            return None
    consents = {
        str(c.uuid): c
        for c in household.consents.filter(**_of_whom(recipient, whom), uuid__in=named)
    }
    if (given and given not in consents) or any(u not in consents for u in ended):
        return None
    return ConsentChange(
        recipient=Recipient(recipient),
        given=consents[given] if given else None,
        ended=tuple(consents[u] for u in ended),
        organisation=whom,
    )


def _all_uuids(values: list[str]) -> bool:
    try:
        for value in values:
            uuid.UUID(value)
    except ValueError:
        return False
    return True


def consent_undo(*, household: Household, by: User, change: ConsentChange) -> ConsentChange:
    """Reverse exactly this change of hers, within `UNDO_MINUTES`: the consent she gave is
    ended and the ones she ended are given again from today. Nothing is erased: the rows and
    the audit trail keep all three steps."""
    _require_participant(by, household)
    with transaction.atomic():
        current = _in_force_for(household, change.recipient, change.organisation)
        ids = [c.pk for c in ([change.given] if change.given else [])]
        fresh = {
            c.pk: c for c in Consent.objects.filter(pk__in=[*ids, *(c.pk for c in change.ended)])
        }
        now = ConsentChange(
            recipient=change.recipient,
            given=fresh[ids[0]] if ids else None,
            ended=tuple(fresh[c.pk] for c in change.ended),
            organisation=change.organisation,
        )
        mine = all(c.recorded_by_id == by.pk for c in ([now.given] if now.given else [])) and all(
            c.withdrawn_by_id == by.pk for c in now.ended
        )
        if {c.pk for c in current} != set(ids) or not mine:
            raise Refused(_("This cannot be undone any more: it changed since."))
        if undo_until(now) is None:
            raise Refused(_("This cannot be undone any more: the time for that is over."))
        _end(current, by)
        back = [
            Consent.objects.create(
                household=household,
                recipient=old.recipient,
                organisation=old.organisation,
                starts_on=today(),
                ends_on=old.ends_on,
                method=ConsentMethod.PORTAL,
                recorded_by=by,
                **{part.value: part in old.parts for part in FilePart},
            )
            for old in change.ended
        ]
        audit(
            actor=by,
            action=AuditAction.CHANGE,
            household=household,
            detail=f"consent {change.recipient} undone{_named(change.organisation)}",
            purpose="participant in control",
            role="participant",
        )
    return ConsentChange(
        recipient=change.recipient,
        given=back[0] if back else None,
        ended=tuple(current),
        organisation=change.organisation,
    )


def household_language_choose(*, household: Household, language: str, by: User) -> Household:
    """Store the language of the participant's pages and of everything sent to them.

    The participant chooses it on their own page, a coordinator at the intake; it must be one
    of the participant languages (`people.languages`)."""
    if participant_language(language) is None:
        raise Refused(pgettext("participant", "Choose one of the languages in the list."))
    if policy.own_household(by) != household and not policy.may_manage(by, household):
        raise Refused(_("You cannot change this household's language."))
    if household.language == language:
        return household
    household.language = language
    household.save(update_fields=["language", "updated_at"])
    audit(
        actor=by,
        action=AuditAction.CHANGE,
        household=household,
        detail=f"language {language}",
        purpose="participant in control",
        role=policy.acting_role(by, household, None),
    )
    return household


# Rows removed per transaction: short transactions keep SQLite's one writer lock brief, so pages
# that write (and the audit entry of every page view) wait at most one batch.
AUDIT_DELETE_BATCH = 5_000


def remove_audit_entries_before(
    cutoff: dt.datetime, *, batch_size: int = AUDIT_DELETE_BATCH
) -> int:
    """Remove the audit entries written before `cutoff`, in batches; returns how many.

    The one way past the audit log's append-only guard (`AuditQuerySet.delete` refuses), for the
    retention period a municipality set (`AUDIT_RETENTION_MONTHS`, `kansrijk audit_partitions`).
    Nothing else may call it. On PostgreSQL the database's trigger refuses row deletes, so there
    whole months are dropped instead (`access.partitions`) and this refuses to run.
    """
    if connection.vendor == "postgresql":
        raise RuntimeError("On PostgreSQL the audit log drops whole months (access.partitions).")
    removed = 0
    while True:
        ids = list(
            AuditEntry.objects.filter(at__lt=cutoff)
            .order_by("id")
            .values_list("id", flat=True)[:batch_size]
        )
        if not ids:
            return removed
        with transaction.atomic():
            # Django's own QuerySet.delete, not the guard that AuditQuerySet puts over it.
            deleted, _by_model = models.QuerySet.delete(AuditEntry.objects.filter(id__in=ids))
        removed += deleted
