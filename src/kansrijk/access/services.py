"""Recording and withdrawing the participant's consent."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kansrijk.core.dates import add_months, long_date, today
from kansrijk.core.errors import Refused
from kansrijk.people.choices import MemberRelation
from kansrijk.people.languages import participant_language
from kansrijk.people.models import Household, User

from . import policy
from .audit import audit
from .choices import ConsentMethod, FilePart, Recipient
from .models import AuditAction, Consent, ParticipantAccount


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
    first = add_months(_referral_day(household, trajectory), -CONSENT_BEFORE_REFERRAL_MONTHS)
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
    last = add_months(starts_on, CONSENT_MAX_MONTHS)
    if ends_on > last:
        raise Refused(
            _("A consent runs at most three years. Choose %(last)s or earlier.")
            % {"last": long_date(last)}
        )


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
) -> Consent:
    """Record that the participant lets `recipient` see these parts of the file."""
    _require_keeper(by, household, trajectory)
    if FilePart.BASIC not in parts:
        raise Refused(_("Without the basic details nothing else can be shown. Tick those too."))
    _check_consent_dates(household, trajectory, starts_on, ends_on)
    consent = Consent.objects.create(
        household=household,
        recipient=recipient,
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
        detail=f"consent {recipient}: {', '.join(sorted(p.value for p in parts))}",
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
        detail=f"consent {locked.recipient} withdrawn",
        purpose="consent",
        role="participant" if participant else policy.acting_role(by, household, trajectory),
    )
    return locked


@transaction.atomic
def participant_account_create(
    *, household: Household, trajectory: Any | None, by: User, email: str
) -> User:
    """Give the participant a login to the portal. They choose their own password via a link.

    The account has no password yet (unusable), so nobody but the owner of the e-mail address
    can use it; it holds no role, so it sees only its own household.
    """
    _require_keeper(by, household, trajectory)
    if ParticipantAccount.objects.filter(household=household).exists():
        raise Refused(_("This participant already has a portal account."))
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        raise Refused(_("This e-mail address is already used for another account."))
    participant = household.members.filter(relation=MemberRelation.PARTICIPANT).first()
    user = User(
        username=email,
        email=email,
        first_name=participant.given_name if participant else "",
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
