"""What the session remembers about its login, and when it is too old to keep."""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

LOGIN_AT_SESSION_KEY = "kansrijk_login_at"
# When the session (and its idle limit) was last renewed, in whole seconds since the epoch.
RENEWED_AT_SESSION_KEY = "kansrijk_renewed_at"
# Set when the session logged in through an identity provider trusted to do MFA itself.
IDP_MFA_SESSION_KEY = "kansrijk_idp_mfa"


def session_too_old(session: SessionBase) -> bool:
    """True once SESSION_MAX_HOURS have passed since the login, or if the login time is unknown."""
    login_at = session.get(LOGIN_AT_SESSION_KEY)
    if not isinstance(login_at, int):
        return True
    return timezone.now().timestamp() - login_at >= settings.SESSION_MAX_HOURS * 60 * 60


def renew_when_due(session: SessionBase) -> None:
    """Push the idle limit on, by saving the session, once SESSION_RENEW_SECONDS have passed.

    Changing the session is what makes Django save it and send the cookie again with a new
    SESSION_COOKIE_AGE; in between, a request reads the session and writes nothing.
    """
    now = int(timezone.now().timestamp())
    renewed_at = session.get(RENEWED_AT_SESSION_KEY)
    if not isinstance(renewed_at, int) or now - renewed_at >= settings.SESSION_RENEW_SECONDS:
        session[RENEWED_AT_SESSION_KEY] = now
