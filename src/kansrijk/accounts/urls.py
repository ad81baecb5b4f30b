from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from . import activation_views, views
from .oidc import MunicipalCallbackView

oidc_patterns = [
    path(
        "callback/",
        login_not_required(MunicipalCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path(
        "authenticate/",
        login_not_required(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
]


def digid_patterns() -> list:
    """DigiD for participants, through the municipality's broker (DIGID_OIDC_RP_CLIENT_ID)."""
    from . import digid

    return [
        path("start/", login_not_required(digid.DigidRequestView.as_view()), name="digid_start"),
        path(
            "callback/",
            login_not_required(digid.DigidCallbackView.as_view()),
            name="digid_callback",
        ),
        path("link/", digid.link, name="digid_link"),
    ]


urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    # A portal account without e-mail: the code of the activation letter, then a password.
    path("activate/", activation_views.activate, name="activate"),
    path("activate/password/", activation_views.activate_password, name="activate_password"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("account/security/", views.security, name="security"),
    path("account/security/two-factor/off/", views.two_factor_remove, name="two_factor_remove"),
    path("account/security/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    # Django's view calls the user part `uidb64`; here it is the user's public UUID, never the
    # database id (see PasswordResetConfirmView.get_user).
    path(
        "password-reset/<uuid:uidb64>/<slug:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

# Municipal single sign-on only when it is configured (settings: OIDC_RP_CLIENT_ID).
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include(oidc_patterns)))
if settings.DIGID_ENABLED:
    urlpatterns.append(path("digid/", include(digid_patterns())))
