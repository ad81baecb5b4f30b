"""Reads for signing in: does this user or session still owe a second factor, and the QR code."""

from base64 import b32encode

import segno
from django.conf import settings
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.access.policy import own_household, roles_of
from kansrijk.people.languages import her_language
from kansrijk.people.models import User

from .sessions import IDP_MFA_SESSION_KEY

VERIFY = "two_factor"
SET_UP = "two_factor_setup"


def counts_as_staff(user: User) -> bool:
    """Anyone who works with households or their figures (any active role), in the admin, or
    for a partner organisation (`User.organisation`): a participant's consent can let its
    people read her file without a programme role. A participant is not staff."""
    if user.is_staff or user.is_superuser or roles_of(user):
        return True
    return user.organisation_id is not None and own_household(user) is None


def second_factor_step(request: HttpRequest) -> str | None:
    """The page this session must pass first (VERIFY or SET_UP), or None when it may go on.

    A user with an app always types its code, whether or not the setting requires it; staff
    without one must set one up when REQUIRE_TWO_FACTOR is on.
    """
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if settings.OIDC_TRUSTED_MFA and request.session.get(IDP_MFA_SESSION_KEY):
        return None
    if user_has_device(user):
        return VERIFY
    if settings.REQUIRE_TWO_FACTOR and counts_as_staff(user):
        return SET_UP
    return None


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def setup_qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// link as an inline SVG QR code: no image request, no JavaScript."""
    # Whole pixels per module (and no stretching in CSS), so no seams appear between rows that
    # could make the code hard to scan.
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#1b2430", light="#ffffff", svgclass="qr__code"
    )
    # segno writes only path data and our class, so the markup is safe to add attributes to.
    label = format_html(
        'role="img" aria-label="{}" shape-rendering="crispEdges"',
        _("QR code to scan with your authenticator app"),
    )
    return mark_safe(svg.replace("<svg ", f"<svg {label} ", 1))


def secret_in_groups(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def participant_language_of(user: User) -> str | None:
    """A participant's language (stored with her household), or None for anyone else: staff
    pages and e-mails speak STAFF_LANGUAGES only."""
    if not user.is_authenticated or roles_of(user):
        return None
    household = own_household(user)
    return her_language(household) if household is not None else None


def staff_language(asked: list[str]) -> str:
    """The first of the staff languages among those asked for (codes such as "en-GB" count as
    their language), else the default language."""
    for code in asked:
        base = code.split("-")[0].lower()
        if base in settings.STAFF_LANGUAGES:
            return base
    return settings.LANGUAGE_CODE
