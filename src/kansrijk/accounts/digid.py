"""DigiD for participants, through the municipality's OpenID Connect broker (as Open Inwoner
does). Off unless DIGID_OIDC_RP_CLIENT_ID is set; separate from the staff's single sign-on.

The broker says whose BSN this is; kansrijk keeps only HMAC-SHA256(DIGID_BSN_HASH_KEY, BSN) in
`DigidLink` and finds the account by it. The BSN itself is never stored, logged or put in the
session. The first time, no account has the hash yet: the session holds the hash for a few
minutes and she links DigiD once with the code of her activation letter (`digid_link`).
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .activation_services import account_for_digid, digid_link
from .activation_views import (
    PASSWORD_BACKEND,
    check_code,
    code_not_working,
    form_status,
    private_page,
)
from .forms import ActivationCodeForm

# The keyed hash of a BSN that DigiD confirmed but no account has yet, and when.
PENDING_LINK = "kansrijk_digid_pending"
PENDING_SECONDS = 15 * 60
CALLBACK = "digid_callback"


def _setting(attr: str, *args):
    """mozilla-django-oidc's settings, with the broker's own values in place of the staff's."""
    own = {
        "OIDC_RP_CLIENT_ID": settings.DIGID_OIDC_RP_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": settings.DIGID_OIDC_RP_CLIENT_SECRET,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": settings.DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT,
        "OIDC_OP_TOKEN_ENDPOINT": settings.DIGID_OIDC_OP_TOKEN_ENDPOINT,
        "OIDC_OP_USER_ENDPOINT": settings.DIGID_OIDC_OP_USER_ENDPOINT,
        "OIDC_OP_JWKS_ENDPOINT": settings.DIGID_OIDC_OP_JWKS_ENDPOINT,
        "OIDC_RP_SIGN_ALGO": settings.DIGID_OIDC_RP_SIGN_ALGO,
        "OIDC_RP_SCOPES": settings.DIGID_OIDC_RP_SCOPES,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK,
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_TIMEOUT": 10,
        "LOGIN_REDIRECT_URL": "my_file",
        "LOGIN_REDIRECT_URL_FAILURE": "login",
    }
    if attr in own:
        return own[attr]
    return import_from_settings(attr, *args)


def bsn_hmac(bsn: str) -> str:
    """HMAC-SHA256 of the BSN with the key from the environment: the only trace kept of it."""
    key = settings.DIGID_BSN_HASH_KEY.encode()
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


def _bsn_from(claims: dict) -> str | None:
    bsn = str(claims.get(settings.DIGID_BSN_CLAIM) or "").strip()
    if bsn.isdigit() and 8 <= len(bsn) <= 9:
        return bsn.zfill(9)
    return None


def pending_hash(request: HttpRequest) -> str | None:
    pending = request.session.get(PENDING_LINK)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return pending["hash"]


class DigidBackend(OIDCAuthenticationBackend):
    """Logs in the participant whose DigiD link holds the hash of the BSN the broker sent."""

    get_settings = staticmethod(_setting)

    def authenticate(self, request, **kwargs):
        # Only on DigiD's own callback: the staff's provider has a backend of its own.
        match = getattr(request, "resolver_match", None)
        if request is None or match is None or match.url_name != CALLBACK:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        bsn = _bsn_from(claims)
        if bsn is None:
            # Never the claims in the message: they hold the BSN.
            raise SuspiciousOperation("DigiD answered without a usable BSN claim")
        keyed = bsn_hmac(bsn)
        user = account_for_digid(keyed)
        if user is None:
            self.request.session[PENDING_LINK] = {"hash": keyed, "at": time.time()}
        return user


class DigidRequestView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(_setting)


class DigidCallbackView(OIDCAuthenticationCallbackView):
    """Back from DigiD: logged in, or on to linking the account once, or why not."""

    get_settings = staticmethod(_setting)

    def login_failure(self):
        if pending_hash(self.request) is not None:
            return redirect("digid_link")
        messages.error(
            self.request,
            pgettext(
                "participant",
                "Logging in with DigiD did not work. Try again, or log in with your user name "
                "and password.",
            ),
        )
        return super().login_failure()


@private_page
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest) -> HttpResponse:
    """After the first DigiD login: the letter's code says which account is hers, once."""
    keyed = pending_hash(request)
    if keyed is None:
        raise Http404
    form = ActivationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code_hash = check_code(request, form, detail="DigiD link")
        if code_hash is not None:
            user = digid_link(code_hash=code_hash, bsn_hmac=keyed, request=request)
            if user is not None:
                request.session.pop(PENDING_LINK, None)
                login(request, user, backend=PASSWORD_BACKEND)
                messages.success(
                    request,
                    pgettext(
                        "participant", "DigiD is linked to your page. Next time, DigiD is enough."
                    ),
                )
                return redirect("my_file")
            form.add_error("code", code_not_working())
    return render(request, "accounts/digid_link.html", {"form": form}, status=form_status(form))
