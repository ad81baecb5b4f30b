"""Municipal single sign-on: match an existing user by e-mail, never create one. No network:
the provider's answer (the user-info claims) is handed to the backend directly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from kansrijk.accounts.oidc import MunicipalOIDCBackend
from kansrijk.people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROVIDER = "https://login.gemeente.example"


@pytest.fixture
def oidc(settings):
    settings.OIDC_RP_CLIENT_ID = "kansrijk"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{PROVIDER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{PROVIDER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{PROVIDER}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{PROVIDER}/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_ENABLED = True
    return settings


@pytest.fixture
def backend(oidc):
    return MunicipalOIDCBackend()


def _log_in_with(backend: MunicipalOIDCBackend, claims: dict) -> User | None:
    """What the backend decides once the provider has answered with these claims."""
    backend.get_userinfo = lambda access_token, id_token, payload: claims
    return backend.get_or_create_user("access-token", "id-token", {})


def test_it_matches_an_existing_user_by_email_ignoring_case(backend):
    user = UserFactory(email="Marloes.Bakker@Groningen.example")

    found = _log_in_with(backend, {"email": "marloes.bakker@groningen.EXAMPLE"})

    assert found == user


def test_it_never_creates_a_user_for_an_unknown_address(backend, settings):
    # Even if someone switched the library's own setting on.
    settings.OIDC_CREATE_USER = True
    before = User.objects.count()

    found = _log_in_with(backend, {"email": "nieuw@groningen.example", "email_verified": True})

    assert found is None
    assert User.objects.count() == before


def test_it_ignores_a_deactivated_user(backend):
    UserFactory(email="oud@groningen.example", is_active=False)

    assert _log_in_with(backend, {"email": "oud@groningen.example"}) is None


def test_it_refuses_an_address_the_provider_has_not_verified(backend):
    UserFactory(email="marloes@groningen.example")

    with pytest.raises(SuspiciousOperation):
        _log_in_with(backend, {"email": "marloes@groningen.example", "email_verified": False})


def test_it_refuses_when_two_users_share_the_address(backend):
    UserFactory(email="team@groningen.example")
    UserFactory(email="TEAM@groningen.example")

    with pytest.raises(SuspiciousOperation):
        _log_in_with(backend, {"email": "team@groningen.example"})


def test_it_refuses_claims_without_an_address(backend):
    UserFactory(email="")

    with pytest.raises(SuspiciousOperation):
        _log_in_with(backend, {"sub": "1234"})


def test_the_login_page_hides_the_municipal_button_when_single_sign_on_is_off(client):
    html = client.get(reverse("login")).content.decode()

    assert "Log in with your municipal account" not in html


def test_the_login_page_shows_the_municipal_button_when_single_sign_on_is_on(client, oidc):
    oidc.ROOT_URLCONF = "kansrijk.accounts.tests.urls_with_oidc"

    html = client.get(reverse("login"), {"next": "/figures/"}).content.decode()
    start = client.get(reverse("oidc_authentication_init"))

    assert "Log in with your municipal account" in html
    assert f'href="{reverse("oidc_authentication_init")}?next=/figures/"' in html
    # The start of single sign-on is open without a login and sends the browser to the provider.
    assert start.status_code == 302
    assert start["Location"].startswith(f"{PROVIDER}/authorize?")


def test_settings_refuse_to_start_with_a_client_id_but_no_endpoints():
    env = {**os.environ, "DEBUG": "1", "OIDC_RP_CLIENT_ID": "kansrijk"}
    for name in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT", "OIDC_RP_CLIENT_SECRET"):
        env.pop(name, None)

    result = subprocess.run(
        [sys.executable, "-c", "import kansrijk.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "OIDC_OP_TOKEN_ENDPOINT" in result.stderr
    assert "OIDC_OP_JWKS_ENDPOINT" in result.stderr
