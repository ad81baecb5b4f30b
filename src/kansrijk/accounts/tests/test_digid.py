"""DigiD for participants through the municipality's OIDC broker: off by default; on, linked
once with the letter's code, found again by a keyed hash of the BSN, the BSN never stored.
No network: the broker's answers (token, ID token, user info) are stood in for."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse

import kansrijk
from kansrijk.access.models import AuditEntry
from kansrijk.accounts.activation_services import activation_letter_make
from kansrijk.accounts.digid import DigidBackend, bsn_hmac
from kansrijk.accounts.models import DigidLink
from kansrijk.accounts.oidc import MunicipalOIDCBackend
from kansrijk.core.phases import Phase

pytestmark = pytest.mark.django_db

BROKER = "https://broker.gemeente.example"
BSN = "999993653"  # a test BSN (it passes the eleven test); any nine digits would do
KEY = "een-sleutel-van-minstens-tweeendertig-tekens"


@pytest.fixture
def digid(settings):
    settings.DIGID_ENABLED = True
    settings.DIGID_OIDC_RP_CLIENT_ID = "kansrijk-digid"
    settings.DIGID_OIDC_RP_CLIENT_SECRET = "secret"
    settings.DIGID_OIDC_OP_AUTHORIZATION_ENDPOINT = f"{BROKER}/authorize"
    settings.DIGID_OIDC_OP_TOKEN_ENDPOINT = f"{BROKER}/token"
    settings.DIGID_OIDC_OP_USER_ENDPOINT = f"{BROKER}/userinfo"
    settings.DIGID_OIDC_OP_JWKS_ENDPOINT = f"{BROKER}/jwks"
    settings.DIGID_BSN_HASH_KEY = KEY
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "kansrijk.accounts.digid.DigidBackend",
    ]
    settings.ROOT_URLCONF = "kansrijk.accounts.tests.urls_with_digid"
    return settings


@pytest.fixture
def broker(monkeypatch):
    """The broker's side of the code flow: whatever BSN `broker.bsn` holds logs in."""

    class Broker:
        bsn = BSN

    monkeypatch.setattr(
        DigidBackend, "get_token", lambda self, payload: {"id_token": "id", "access_token": "a"}
    )
    monkeypatch.setattr(DigidBackend, "verify_token", lambda self, token, **kwargs: {"sub": "x"})
    monkeypatch.setattr(
        DigidBackend,
        "get_userinfo",
        lambda self, access_token, id_token, payload: {"sub": "x", "bsn": Broker.bsn},
    )
    return Broker


def _log_in_with_digid(client: Client):
    start = client.get(reverse("digid_start"))
    assert start.status_code == 302 and start["Location"].startswith(f"{BROKER}/authorize?")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    return client.get(reverse("digid_callback"), {"code": "from-the-broker", "state": state})


@pytest.fixture
def letter(cast, journey):
    trajectory = journey(Phase.ACTIVE)
    return activation_letter_make(
        household=trajectory.household, trajectory=trajectory, by=cast.coordinator
    )


def test_digid_is_off_by_default(client, settings):
    assert settings.DIGID_ENABLED is False
    assert "DigiD" not in client.get(reverse("login")).content.decode()
    with pytest.raises(NoReverseMatch):
        reverse("digid_start")
    for address in ("/digid/start/", "/digid/callback/", "/digid/link/"):
        assert client.get(address).status_code == 404


def test_the_login_page_offers_digid_when_it_is_on(client, digid):
    html = client.get(reverse("login")).content.decode()

    assert "Log in with DigiD" in html
    assert f'href="{reverse("digid_start")}"' in html


def test_the_first_digid_login_links_the_account_once_with_the_letters_code(
    client, digid, broker, letter
):
    arrived = _log_in_with_digid(client)
    page = client.get(arrived["Location"])
    linked = client.post(reverse("digid_link"), {"code": letter.code})

    assert arrived["Location"] == reverse("digid_link")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert linked["Location"] == reverse("my_file")
    assert client.get(reverse("my_file")).status_code == 200
    link = DigidLink.objects.get()
    assert link.account == letter.account
    assert link.bsn_hmac == bsn_hmac(BSN) != BSN
    assert AuditEntry.objects.filter(detail="DigiD linked", household=letter.account.household)


def test_a_later_digid_login_finds_the_account_by_the_keyed_hash(client, digid, broker, letter):
    _log_in_with_digid(client)
    client.post(reverse("digid_link"), {"code": letter.code})
    client.post(reverse("logout"))

    again = _log_in_with_digid(Client())

    assert again["Location"] == reverse("my_file")
    assert again.wsgi_request.user == letter.account.user


def test_an_unknown_bsn_without_a_code_gets_nowhere(client, digid, broker, letter):
    broker.bsn = "123456782"
    _log_in_with_digid(client)

    refused = client.post(reverse("digid_link"), {"code": "AAAA-BBBB-CCCC"})

    assert refused.status_code == 422
    assert "This code does not work." in refused.content.decode()
    assert not DigidLink.objects.exists()
    assert client.get(reverse("my_file")).status_code == 302  # to the login


def test_the_link_page_is_closed_without_a_digid_login_first(client, digid, letter):
    assert client.get(reverse("digid_link")).status_code == 404
    assert client.post(reverse("digid_link"), {"code": letter.code}).status_code == 404


def test_the_bsn_is_never_stored_nor_logged(client, digid, broker, letter, caplog):
    caplog.set_level("DEBUG")
    _log_in_with_digid(client)
    client.post(reverse("digid_link"), {"code": letter.code})
    _log_in_with_digid(Client())

    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            rows.extend(str(row) for row in cursor.fetchall())
    sessions = [str(s.get_decoded()) for s in Session.objects.all()]

    assert len(rows) > 100
    assert not [row for row in rows if BSN in row]
    assert not [session for session in sessions if BSN in session]
    assert BSN not in caplog.text


def test_the_staff_single_sign_on_leaves_the_digid_callback_alone(
    client, digid, broker, letter, monkeypatch
):
    digid.AUTHENTICATION_BACKENDS = [
        *digid.AUTHENTICATION_BACKENDS,
        "kansrijk.accounts.oidc.MunicipalOIDCBackend",
    ]

    def never(*args, **kwargs):
        raise AssertionError("the staff provider was asked about a DigiD login")

    monkeypatch.setattr(MunicipalOIDCBackend, "get_token", never)
    monkeypatch.setattr(MunicipalOIDCBackend, "__init__", lambda self, *a, **k: None)

    assert _log_in_with_digid(client)["Location"] == reverse("digid_link")


def test_settings_refuse_to_start_with_a_client_id_but_no_key():
    source = str(Path(kansrijk.__file__).resolve().parents[1])  # this checkout's, not another's
    env = {**os.environ, "DEBUG": "1", "DIGID_OIDC_RP_CLIENT_ID": "kansrijk-digid"}
    env["PYTHONPATH"] = source
    env.pop("DIGID_BSN_HASH_KEY", None)

    result = subprocess.run(
        [sys.executable, "-c", "import kansrijk.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "DIGID_BSN_HASH_KEY" in result.stderr
