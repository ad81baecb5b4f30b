"""Two gates after the password: the session's age, and the second factor for staff."""

from collections.abc import Callable

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .selectors import second_factor_step
from .sessions import renew_when_due, session_too_old

# Pages a logged-in user may open before passing the second factor: the two-factor pages
# themselves, leaving, the language switch, the health check and the public login pages.
OPEN_BEFORE_SECOND_FACTOR = {
    "two_factor",
    "two_factor_setup",
    "logout",
    "set_language",
    "healthz",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "activate",
    "activate_password",
    "digid_start",
    "digid_callback",
    "digid_link",
}


class SessionLimitMiddleware:
    """Log a session out SESSION_MAX_HOURS after its login, however active it has been, and
    renew a logged-in session's idle limit (Django's SESSION_COOKIE_AGE) when it is due.

    Static files never get here (WhiteNoise serves them).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            if session_too_old(request.session):
                logout(request)
            else:
                renew_when_due(request.session)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Send a logged-in user who still owes a second factor to the page that asks for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        step = second_factor_step(request)
        if step is None:
            return None
        return redirect_to_login(request.get_full_path(), reverse(step))
