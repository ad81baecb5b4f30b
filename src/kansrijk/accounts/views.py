"""Signing in: the second factor, the security page, password reset and change, the lockout."""

from uuid import UUID

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.people.models import User

from . import limits
from .forms import CodeForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .selectors import (
    SET_UP,
    VERIFY,
    confirmed_device,
    counts_as_staff,
    second_factor_step,
    secret_in_groups,
    setup_qr_svg,
)
from .services import (
    Check,
    Outcome,
    device_confirm,
    device_pending,
    device_remove,
    password_changed,
    second_factor_check,
)


def _next_url(request: HttpRequest) -> str:
    """Where to go after this step: a `next` on this site, or the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _refused(form: CodeForm, check: Check) -> None:
    if check.outcome is Outcome.WAIT:
        message = ngettext(
            "Too many wrong codes. Wait %(seconds)s second, then type the newest code.",
            "Too many wrong codes. Wait %(seconds)s seconds, then type the newest code.",
            check.wait_seconds,
        ) % {"seconds": check.wait_seconds}
    else:
        message = _("That code is not right. Type the newest code from your app.")
    form.add_error("code", message)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """After the password: the 6-digit code from the user's authenticator app."""
    next_url = _next_url(request)
    step = second_factor_step(request)
    if step != VERIFY:
        return redirect(_with_next(SET_UP, next_url) if step == SET_UP else next_url)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = confirmed_device(request.user)
        check = second_factor_check(request=request, device=device, code=form.cleaned_data["code"])
        if check.outcome is Outcome.PASSED:
            return redirect(next_url)
        _refused(form, check)
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then type a code."""
    next_url = _next_url(request)
    if second_factor_step(request) == VERIFY:
        # A password alone may not replace an app: first the code from the current one.
        return redirect(_with_next(VERIFY, request.get_full_path()))
    device = device_pending(request=request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        check = device_confirm(request=request, device=device, code=form.cleaned_data["code"])
        if check.outcome is Outcome.PASSED:
            messages.success(request, _("Two-step verification is on."))
            return redirect(next_url)
        _refused(form, check)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": setup_qr_svg(device),
        "secret": secret_in_groups(device),
        "replacing": confirmed_device(request.user) is not None,
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Turn two-step verification off, where it is not required for this user."""
    if settings.REQUIRE_TWO_FACTOR and counts_as_staff(request.user):
        return redirect("security")
    device_remove(request=request)
    messages.success(request, _("Two-step verification is off."))
    return redirect("security")


@require_http_methods(["GET"])
def security(request: HttpRequest) -> HttpResponse:
    """The user's own security settings: two-step verification and password."""
    context = {
        "device": confirmed_device(request.user),
        "required": settings.REQUIRE_TWO_FACTOR and counts_as_staff(request.user),
    }
    return render(request, "accounts/security.html", context)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this when a login is refused because the name and address are locked."""
    minutes = round(get_cool_off(request).total_seconds() / 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class LoginView(auth_views.LoginView):
    """The password login, with the shared rate limiter per address beside django-axes's lockout
    per user name and address (`accounts.limits`)."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        verdict = limits.login_allowed(request)
        if not verdict.allowed:
            minutes = max(1, round(verdict.retry_after / 60))
            return render(
                request,
                "accounts/locked_out.html",
                {"minutes": minutes, "by_address": True},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        limits.login_failed(self.request)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            oidc_enabled=settings.OIDC_ENABLED, digid_enabled=settings.DIGID_ENABLED, **kwargs
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_valid(self, form):
        self.extra_email_context = {"minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"

    def get_user(self, uidb64: UUID) -> User | None:
        return User.objects.filter(uuid=uidb64).first()

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(request=self.request, user=form.user, how="reset")
        return response


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("security")
    success_message = gettext_lazy("Your password is changed.")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(request=self.request, user=form.user, how="changed")
        return response
