"""A portal account without e-mail: the activation letter, its code, and linking DigiD.

A coordinator or the buddy makes a letter (`activation_letter_make`): the account when there is
none yet (a user name, no password), and a one-time code that only the letter shows. With the
code she chooses her password (`account_activate`) or links DigiD (`digid_link`). A code works
once, for settings.ACTIVATION_LETTER_DAYS; a newer letter or the activation ends the others.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access import policy
from kansrijk.access.audit import PARTICIPANT_IN_CONTROL, PARTICIPANT_IN_THE_LOG, audit
from kansrijk.access.models import AuditAction, ParticipantAccount
from kansrijk.access.services import participant_account_create
from kansrijk.core.errors import Refused
from kansrijk.people.models import Household, User

from . import codes, rules
from .models import ActivationCode, DigidLink


@dataclass(frozen=True)
class Letter:
    """A letter just made: the code is here in the clear once, for printing; never stored."""

    account: ParticipantAccount
    code: str
    expires_at: dt.datetime


@transaction.atomic
def activation_letter_make(*, household: Household, trajectory: Any | None, by: User) -> Letter:
    """Make an activation letter for the household's participant (and her account, without
    e-mail, when she has none). Every earlier letter's code stops working."""
    if not rules.may_make_letter(by, household, trajectory):
        raise Refused(_("Only the buddy or a coordinator can make an activation letter."))
    account = ParticipantAccount.objects.select_for_update().filter(household=household).first()
    if account is None:
        user = participant_account_create(household=household, trajectory=trajectory, by=by)
        account = ParticipantAccount.objects.get(user=user)
    now = timezone.now()
    ActivationCode.objects.filter(account=account).open(now).update(revoked_at=now)
    code = codes.new_code()
    expires_at = now + dt.timedelta(days=settings.ACTIVATION_LETTER_DAYS)
    ActivationCode.objects.create(
        account=account, code_hash=codes.code_hash(code), created_by=by, expires_at=expires_at
    )
    audit(
        actor=by,
        action=AuditAction.CREATE,
        household=household,
        detail="activation letter",
        purpose=PARTICIPANT_IN_CONTROL,
        role=policy.acting_role(by, household, trajectory),
    )
    return Letter(account=account, code=code, expires_at=expires_at)


def account_for_code(code_hash: str) -> ParticipantAccount | None:
    """The account whose open code has this hash, or None (wrong, expired, used or replaced:
    the caller never learns which)."""
    found = (
        ActivationCode.objects.open(timezone.now())
        .filter(code_hash=code_hash)
        .select_related("account__user", "account__household")
        .first()
    )
    return found.account if found is not None else None


def _claim(code_hash: str) -> ParticipantAccount | None:
    """Use the code up, once: of two requests with the same code at the same moment, the
    conditional update lets exactly one through. Every other open code of the account ends."""
    now = timezone.now()
    account = account_for_code(code_hash)
    if account is None:
        return None
    claimed = (
        ActivationCode.objects.open(now)
        .filter(code_hash=code_hash, account=account)
        .update(used_at=now)
    )
    if claimed != 1:
        return None
    ActivationCode.objects.filter(account=account).open(now).update(revoked_at=now)
    return account


def _audit_participant(request: HttpRequest, account: ParticipantAccount, detail: str) -> None:
    audit(
        actor=account.user,
        action=AuditAction.CHANGE,
        household=account.household,
        detail=detail,
        purpose=PARTICIPANT_IN_CONTROL,
        role=PARTICIPANT_IN_THE_LOG,
        request=request,
    )


def activation_failed(*, request: HttpRequest, detail: str = "activation code") -> None:
    """Log a code that did not work: from where and when, never the code that was tried."""
    audit(actor=None, action=AuditAction.LOGIN_FAILED, detail=detail, request=request)


@transaction.atomic
def account_activate(*, code_hash: str, password: str, request: HttpRequest) -> User | None:
    """Set the password she chose and use the code up. None when the code no longer works
    (used meanwhile, by a second tab or someone else): nothing is changed then."""
    account = _claim(code_hash)
    if account is None:
        activation_failed(request=request)
        return None
    user = account.user
    user.set_password(password)
    user.save(update_fields=["password"])
    _audit_participant(request, account, "portal account activated")
    return user


@transaction.atomic
def digid_link(*, code_hash: str, bsn_hmac: str, request: HttpRequest) -> User | None:
    """After her first DigiD login: link DigiD to the account of her letter, once, with the
    keyed hash of the BSN (never the BSN). The letter's code is used up by it. A BSN linked to
    another account before moves here (the letter is the newer word of her coordinator)."""
    account = _claim(code_hash)
    if account is None:
        activation_failed(request=request, detail="DigiD link")
        return None
    DigidLink.objects.filter(bsn_hmac=bsn_hmac).exclude(account=account).delete()
    DigidLink.objects.update_or_create(account=account, defaults={"bsn_hmac": bsn_hmac})
    _audit_participant(request, account, "DigiD linked")
    return account.user


def account_for_digid(bsn_hmac: str) -> User | None:
    """The active portal user whose DigiD link has this keyed hash."""
    link = (
        DigidLink.objects.filter(bsn_hmac=bsn_hmac, account__user__is_active=True)
        .select_related("account__user")
        .first()
    )
    return link.account.user if link is not None else None
