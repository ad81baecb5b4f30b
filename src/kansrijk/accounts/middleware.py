"""After the password: the session's age, the second factor for staff, and the page's language."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from .selectors import (
    confirmed_apps_read_with,
    participant_language_of,
    second_factor_step,
    staff_language,
)
from .sessions import renew_when_due, session_too_old

# Pages a logged-in user may open before passing the second factor: the two-factor pages
# themselves, leaving, the language switch, the health checks and metrics (the same answer for
# everyone), the public login pages and the API's documentation.
OPEN_BEFORE_SECOND_FACTOR = {
    "two_factor",
    "two_factor_setup",
    "logout",
    "set_language",
    "healthz",
    "readyz",
    "metrics",
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
    "api_docs",
}
# The API's operations (kansrijk.api.v1) answer with keys, not sessions; its one session call
# (her own data) checks the second factor itself.
OPEN_NAMESPACES_BEFORE_SECOND_FACTOR = {"api-v1"}


class SecondFactorPassedMiddleware(OTPMiddleware):
    """django-otp's `OTPMiddleware` (which app this session passed, `user.is_verified()`),
    answered from the confirmed apps read with the user (`selectors.signed_in_user`) instead
    of a query of its own. The app must still be confirmed and the user's on every request:
    one deleted or unconfirmed since is not among them, and the session forgets it, as
    django-otp does. A user read otherwise (another sign-in backend) is django-otp's to check.
    """

    def _verify_user_sync(self, request: HttpRequest, user):
        self._init_user_fields(user)
        if not user.is_authenticated:
            return user
        apps = confirmed_apps_read_with(user)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if apps is None or not persistent_id:
            return super()._verify_user_sync(request, user)
        persistent_id = self._normalize_persistent_id(persistent_id)
        device = next((app for app in apps if app.persistent_id == persistent_id), None)
        user.otp_device = self._finalize_device(request, user, device)
        return user


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
        if match is not None and (
            match.view_name in OPEN_BEFORE_SECOND_FACTOR
            or match.namespace in OPEN_NAMESPACES_BEFORE_SECOND_FACTOR
        ):
            return None
        step = second_factor_step(request)
        if step is None:
            return None
        return redirect_to_login(request.get_full_path(), reverse(step))


def page_language(request: HttpRequest) -> str | None:
    """The language this logged-in person's pages speak: a participant's is stored with her
    household (`people.languages.her_language`); staff pages speak only STAFF_LANGUAGES (the
    language switch's cookie, then the browser's list). None for a visitor who is not logged
    in: LocaleMiddleware's choice among all languages stands."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    hers = participant_language_of(user)
    if hers is not None:
        request.speaks_her_language = True  # type: ignore[attr-defined]  # for the switch
        return hers
    current = translation.get_language()
    if current in settings.STAFF_LANGUAGES:
        return current
    browser = translation.trans_real.parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    )
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return staff_language([cookie, *(code for code, _quality in browser)])


class LanguageMiddleware:
    """After LocaleMiddleware (which follows the browser and the language switch among all
    languages, for the login and password pages), set a logged-in person's language: her own
    on a participant's pages, Dutch or English on staff pages (docs/translations.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = page_language(request)
        if language is not None and language != translation.get_language():
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language is not None:
            response.headers["Content-Language"] = language
        return response
