"""Municipal single sign-on (OpenID Connect): the provider says who someone is, kansrijk's
roles say what they may do. So it only ever logs in a user who already exists here."""

import logging

from django.contrib import messages
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from kansrijk.people.models import User

logger = logging.getLogger(__name__)


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    """Match the provider's e-mail address to one active user, ignoring case; never create one."""

    def authenticate(self, request, **kwargs):
        # Only on this provider's own callback: DigiD's broker (accounts.digid) has its own.
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name != "oidc_authentication_callback":
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims: dict) -> bool:
        # An address the provider has not verified could be anyone's.
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims: dict) -> QuerySet[User]:
        email = str(claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims: dict) -> None:
        # Roles are given by a coordinator; an unknown address gets no account.
        logger.info("Single sign-on refused: no active user has this e-mail address.")
        return None


class MunicipalCallbackView(OIDCAuthenticationCallbackView):
    """Back from the municipality's login page: log in, or say why not."""

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Logging in with your municipal account did not work. Your coordinator can "
                "check that kansrijk knows your work e-mail address."
            ),
        )
        return super().login_failure()
