"""Writes for signing in: set up, confirm, check and remove the authenticator app (TOTP)."""

import enum
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.access.audit import SignedInRequest, audit
from kansrijk.access.models import AuditAction
from kansrijk.people.models import User


class Outcome(enum.Enum):
    PASSED = "passed"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong codes just now: django-otp's throttle says wait


@dataclass(frozen=True)
class Check:
    outcome: Outcome
    wait_seconds: int = 0


def device_pending(*, user: User) -> TOTPDevice:
    """The app the user is setting up: a new secret, unconfirmed until they type a code from it.

    Reloading the page keeps the same secret, so a QR code already scanned stays valid.
    """
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return pending or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def _check(request: SignedInRequest, device: TOTPDevice, code: str, *, detail: str) -> Check:
    """Check a code against the device, with django-otp's throttle; log a wrong one."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        verified = verify_token(request.user, device.persistent_id, code)
        if verified is not None:
            otp_login(request, verified)
            # A new session key for the now fully signed-in session.
            request.session.cycle_key()
            return Check(Outcome.PASSED)
    audit(actor=request.user, action=AuditAction.LOGIN_FAILED, detail=detail, request=request)
    if not allowed:
        wait = (info["locked_until"] - timezone.now()).total_seconds()
        return Check(Outcome.WAIT, wait_seconds=max(1, round(wait)))
    return Check(Outcome.WRONG)


def second_factor_check(*, request: SignedInRequest, device: TOTPDevice, code: str) -> Check:
    """The second step of logging in: the code from the user's confirmed app."""
    check = _check(request, device, code, detail="second factor")
    if check.outcome is Outcome.PASSED:
        audit(actor=request.user, action=AuditAction.LOGIN, detail="second factor", request=request)
    return check


@transaction.atomic
def device_confirm(*, request: SignedInRequest, device: TOTPDevice, code: str) -> Check:
    """Turn the pending app on once the user types a code from it; it replaces any other app."""
    check = _check(request, device, code, detail="second factor setup")
    if check.outcome is Outcome.PASSED:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        audit(
            actor=request.user,
            action=AuditAction.CHANGE,
            detail="second factor set up",
            request=request,
        )
    return check


@transaction.atomic
def device_remove(*, request: SignedInRequest) -> None:
    """Turn two-step verification off for this user (only offered where it is not required)."""
    TOTPDevice.objects.filter(user=request.user).delete()
    audit(
        actor=request.user,
        action=AuditAction.CHANGE,
        detail="second factor removed",
        request=request,
    )


def password_changed(*, request: HttpRequest, user: User, how: str) -> None:
    """Log a new password; after a reset by e-mail, also lift a lockout on the user's name.

    The e-mail link proves who they are, so they need not wait out a lockout an attacker caused.
    """
    audit(actor=user, action=AuditAction.CHANGE, detail=f"password {how}", request=request)
    if how == "reset":
        axes_reset(username=user.get_username())
