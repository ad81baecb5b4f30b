"""Logins, logouts and failed logins go into the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit
from .models import AuditAction


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    audit(actor=user, action=AuditAction.LOGIN, request=request)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        audit(actor=user, action=AuditAction.LOGOUT, request=request)


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    # The attempted name is kept (truncated) so lockout patterns can be seen; never the password.
    audit(
        actor=None,
        actor_name=str(credentials.get("username", ""))[:150],
        action=AuditAction.LOGIN_FAILED,
        request=request,
    )
