"""The activation letter: printed (or shown) by the coordinator or the buddy, for a participant
without e-mail. It holds her user name, a one-time code and a QR code to the activation page,
in her language. The code is in the clear only in the letter just made: the database keeps its
hash, and this session keeps it encrypted for half an hour, to print it or open it again.
"""

import datetime as dt
import time
from uuid import UUID

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.accounts import rules
from kansrijk.accounts.activation_services import activation_letter_make
from kansrijk.core.crypto import decrypt, encrypt
from kansrijk.core.errors import Refused
from kansrijk.people.languages import in_her_language
from kansrijk.people.models import Household
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

LETTERS_IN_SESSION = "kansrijk_letters"
LETTER_SHOWN_SECONDS = 30 * 60


def _keep(request: HttpRequest, household: Household, code: str, expires_at: dt.datetime) -> None:
    letters = {
        key: value
        for key, value in request.session.get(LETTERS_IN_SESSION, {}).items()
        if time.time() - value["at"] <= LETTER_SHOWN_SECONDS
    }
    letters[str(household.uuid)] = {
        "code": encrypt(code),
        "at": time.time(),
        "expires": expires_at.isoformat(),
    }
    request.session[LETTERS_IN_SESSION] = letters


def _kept(request: HttpRequest, household: Household) -> tuple[str, dt.datetime] | None:
    held = request.session.get(LETTERS_IN_SESSION, {}).get(str(household.uuid))
    if not held or time.time() - held["at"] > LETTER_SHOWN_SECONDS:
        return None
    expires = dt.datetime.fromisoformat(held["expires"])
    return decrypt(held["code"], what="an activation code"), expires


def _qr_svg(target: str) -> SafeString:
    """The activation address with the code as an inline SVG QR code (no image request)."""
    svg = segno.make(target, error="m").svg_inline(
        scale=4, dark="#1b2430", light="#ffffff", svgclass="letter__qr-code"
    )
    label = format_html(
        'role="img" aria-label="{}" shape-rendering="crispEdges"',
        pgettext("participant", "QR code: scan it with your phone's camera"),
    )
    return mark_safe(svg.replace("<svg ", f"<svg {label} ", 1))


def _letter(request: HttpRequest, household: Household, trajectory, code: str, expires) -> str:
    account = household.participant_account
    activate_url = request.build_absolute_uri(reverse("activate"))
    with in_her_language(household) as language:
        context = {
            "household": household,
            "trajectory": trajectory,
            "name": account.user.first_name,
            "username": account.user.get_username(),
            "code": code,
            "expires": timezone.localdate(expires),
            "activate_url": activate_url,
            "login_url": request.build_absolute_uri(reverse("login")),
            "qr": _qr_svg(f"{activate_url}?{urlencode({'code': code})}"),
            "made_by": request.user,
            "language": language,
        }
        return render_to_string("overview/_activation_letter.html", context, request=request)


@require_http_methods(["GET", "POST"])
def activation_letter(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Make a letter (POST), then show it to print (GET, while this session holds it)."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_make_letter(request.user, household, trajectory))
    here = reverse("activation_letter", args=[household.uuid])
    if request.method == "POST":
        try:
            letter = activation_letter_make(
                household=household, trajectory=trajectory, by=request.user
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            _keep(request, household, letter.code, letter.expires_at)
        return redirect(here)
    log_form_read(request, household, trajectory)
    kept = _kept(request, household)
    context = {
        "household": household,
        "trajectory": trajectory,
        "letter": _letter(request, household, trajectory, *kept) if kept else None,
        "has_account": hasattr(household, "participant_account"),
    }
    return render(request, "overview/activation_letter.html", context)
