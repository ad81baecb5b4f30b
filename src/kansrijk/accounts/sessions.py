"""What the session remembers about its login, and when it is too old to keep."""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

LOGIN_AT_SESSION_KEY = "kansrijk_login_at"
# Set when the session logged in through an identity provider trusted to do MFA itself.
IDP_MFA_SESSION_KEY = "kansrijk_idp_mfa"


def session_too_old(session: SessionBase) -> bool:
    """True once SESSION_MAX_HOURS have passed since the login, or if the login time is unknown."""
    login_at = session.get(LOGIN_AT_SESSION_KEY)
    if not isinstance(login_at, int):
        return True
    return timezone.now().timestamp() - login_at >= settings.SESSION_MAX_HOURS * 60 * 60
