"""Writes for signing in: set up, confirm, check and remove the authenticator app (TOTP)."""

import enum
import math
import time
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

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


# The secret of the app being set up lives in the session until a code from it is typed: the
# setup page only reads (a GET writes nothing but its audit entry and the session).
PENDING_SECRET = "kansrijk_pending_app_secret"
# Wrong codes while setting up, and when the last one came: the same doubling wait as
# django-otp's throttle on a confirmed app, kept with the secret in the session.
PENDING_FAILURES = "kansrijk_pending_app_failures"


def device_pending(*, request: SignedInRequest) -> TOTPDevice:
    """The app the user is setting up: a new secret, not stored until they type a code from it.

    Reloading the page keeps the same secret (it is kept in the session), so a QR code already
    scanned stays valid. The device is not saved: `device_confirm` saves it.
    """
    secret = request.session.get(PENDING_SECRET)
    if not secret:
        secret = request.session[PENDING_SECRET] = random_hex(20)
    return TOTPDevice(user=request.user, name="app", key=secret, confirmed=False)


def _setup_wait(request: SignedInRequest, device: TOTPDevice) -> int:
    """Seconds to wait before the next code may be tried while setting up; 0 when none."""
    failures, last = request.session.get(PENDING_FAILURES, (0, 0.0))
    if not failures:
        return 0
    ends = last + device.get_throttle_factor() * 2 ** (failures - 1)
    return max(0, math.ceil(ends - time.time()))


def _setup_code_is_right(device: TOTPDevice, code: str) -> bool:
    """Whether `code` is what the new app shows now (one step of drift either way allowed);
    remembers the step on the device, so the same code cannot be used twice."""
    check = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    check.time = time.time()
    if not check.verify(int(code), device.tolerance):
        return False
    device.last_t = check.t()
    return True


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
    """Turn the pending app on once the user types a code from it; it replaces any other app.

    Only now is the device stored; wrong codes are logged and make the next try wait.
    """
    wait = _setup_wait(request, device)
    if wait or not _setup_code_is_right(device, code):
        failures, _last = request.session.get(PENDING_FAILURES, (0, 0.0))
        if not wait:
            request.session[PENDING_FAILURES] = (failures + 1, time.time())
        audit(
            actor=request.user,
            action=AuditAction.LOGIN_FAILED,
            detail="second factor setup",
            request=request,
        )
        return Check(Outcome.WAIT, wait_seconds=wait) if wait else Check(Outcome.WRONG)
    TOTPDevice.objects.filter(user=request.user).delete()
    device.confirmed = True
    device.save()
    for key in (PENDING_SECRET, PENDING_FAILURES):
        request.session.pop(key, None)
    otp_login(request, device)
    request.session.cycle_key()  # a new session key for the now fully signed-in session
    audit(
        actor=request.user,
        action=AuditAction.CHANGE,
        detail="second factor set up",
        request=request,
    )
    return Check(Outcome.PASSED)


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
