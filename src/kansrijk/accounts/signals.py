"""At login, note in the session when it happened and whether the identity provider did MFA."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from .sessions import IDP_MFA_SESSION_KEY, LOGIN_AT_SESSION_KEY, RENEWED_AT_SESSION_KEY

OIDC_BACKEND = "kansrijk.accounts.oidc.MunicipalOIDCBackend"


@receiver(user_logged_in)
def remember_the_login(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(timezone.now().timestamp())
    session[LOGIN_AT_SESSION_KEY] = now
    # The login saves the session: its idle limit starts now (`sessions.renew_when_due`).
    session[RENEWED_AT_SESSION_KEY] = now
    # The provider's own second factor counts only when the operator says it always asks one.
    if settings.OIDC_TRUSTED_MFA and session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND:
        session[IDP_MFA_SESSION_KEY] = True
