"""The participant activates her portal account with the code of her letter (no e-mail needed).

Public pages. The code never stays in an address: arriving from the letter's QR code
(`/activate/?code=…`) checks it at once and sends the browser on to an address without it
(`Referrer-Policy: no-referrer`, so that address is not passed on); the session then holds only
the code's hash. No answer is stored by the browser. A wrong, expired, used or replaced code
gets one and the same message.
"""

import time
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import npgettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import codes, limits
from .activation_services import account_activate, account_for_code, activation_failed
from .forms import ActivationCodeForm, ActivationPasswordForm

# The hash of a code that worked on the first page, and when: the password page needs it.
CODE_IN_SESSION = "kansrijk_activation_code"
# How long the password page waits for her after the code was right.
CODE_HELD_SECONDS = 15 * 60
PASSWORD_BACKEND = "kansrijk.accounts.backends.PasswordBackend"


def private_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Public, and never stored by the browser or a proxy."""
    return login_not_required(never_cache(view))


def code_not_working() -> str:
    return pgettext(
        "participant",
        "This code does not work. Check that you typed it as it is on your letter. "
        "Does it still not work? Ask your buddy or coordinator for a new letter.",
    )


def too_many(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return npgettext(
        "participant",
        "You tried too often. Wait %(minutes)s minute and try again.",
        "You tried too often. Wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def check_code(request: HttpRequest, form: ActivationCodeForm, *, detail: str) -> str | None:
    """The hash of the form's code when it works, after counting the try; else an error on the
    form (the same words whether the code is wrong, expired, used or replaced) and None. A try
    over the limit sets `form.limited` and is not even looked up."""
    code = form.cleaned_data["code"]
    verdict = limits.code_attempt(request, codes.prefix(code))
    if not verdict.allowed:
        form.limited = True
        form.add_error("code", too_many(verdict.retry_after))
        return None
    code_hash = codes.code_hash(code)
    if account_for_code(code_hash) is None:
        activation_failed(request=request, detail=detail)
        form.add_error("code", code_not_working())
        return None
    return code_hash


def form_status(form: ActivationCodeForm) -> int:
    if getattr(form, "limited", False):
        return 429
    return 422 if form.errors else 200


def held_code(request: HttpRequest) -> str | None:
    held = request.session.get(CODE_IN_SESSION)
    if not held or time.time() - held["at"] > CODE_HELD_SECONDS:
        return None
    return held["hash"]


def _without_referrer(response: HttpResponse) -> HttpResponse:
    # The address that held the code is not passed on, not even to this site. Only here: a page
    # with a form must keep the site's same-origin policy, or the browser sends its POST with
    # `Origin: null`, which the CSRF check refuses.
    response["Referrer-Policy"] = "no-referrer"
    return response


@private_page
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    """Step 1: the code from the letter (typed, or read from its QR code)."""
    from_letter = request.method == "GET" and "code" in request.GET
    data = request.GET if from_letter else request.POST if request.method == "POST" else None
    form = ActivationCodeForm(data)
    if data is not None and form.is_valid():
        code_hash = check_code(request, form, detail="activation code")
        if code_hash is not None:
            request.session[CODE_IN_SESSION] = {"hash": code_hash, "at": time.time()}
            response = redirect("activate_password")
            return _without_referrer(response) if from_letter else response
    if from_letter:
        # Never show a page whose address holds the code: its message goes with the redirect.
        for error in form.errors.get("code", []):
            messages.error(request, error)
        return _without_referrer(redirect("activate"))
    return render(request, "accounts/activate.html", {"form": form}, status=form_status(form))


@private_page
@require_http_methods(["GET", "POST"])
def activate_password(request: HttpRequest) -> HttpResponse:
    """Step 2: she chooses her password; then she is logged in to her own page."""
    code_hash = held_code(request)
    account = account_for_code(code_hash) if code_hash else None
    if account is None:
        request.session.pop(CODE_IN_SESSION, None)
        messages.error(request, code_not_working())
        return redirect("activate")
    form = ActivationPasswordForm(account.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = account_activate(
            code_hash=code_hash, password=form.cleaned_data["new_password1"], request=request
        )
        request.session.pop(CODE_IN_SESSION, None)
        if user is None:
            messages.error(request, code_not_working())
            return redirect("activate")
        login(request, user, backend=PASSWORD_BACKEND)
        messages.success(
            request,
            pgettext(
                "participant",
                "Your own page is ready. Next time, log in with your user name %(username)s "
                "and your password.",
            )
            % {"username": user.get_username()},
        )
        return redirect("my_file")
    context = {"form": form, "username": account.user.get_username()}
    status = 422 if form.errors else 200
    return render(request, "accounts/activate_password.html", context, status=status)
