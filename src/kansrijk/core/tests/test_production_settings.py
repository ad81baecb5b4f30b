"""With DEBUG off, the settings are the strict production ones and `check --deploy` is clean.

Each test starts a fresh process with a production environment: settings are read once, at
start-up, so this process (DEBUG=1) cannot show them.
"""

import base64
import json
import os
import secrets
import subprocess
import sys

# Variables that change what is checked; a developer's or test run's own values must not leak in.
SECURITY_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TRUST_X_FORWARDED_PROTO",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_RP_CLIENT_ID",
    # Set by the browser tests' conftest in this process; production never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _environment(**overrides: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in SECURITY_VARIABLES}
    env.update(
        DEBUG="0",
        # A long random key: check --deploy rightly warns about a short or repetitive one.
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kansrijk.example.nl",
        # Production refuses to start without its own key for the encrypted notes.
        FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        DJANGO_SETTINGS_MODULE="kansrijk.settings",
    )
    env.update(overrides)
    return env


def _run(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        env=_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(*names: str, **overrides: str) -> dict:
    script = (
        "import json\n"
        "from kansrijk import settings\n"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))\n"
    )
    result = _run("-c", script, **overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_finds_no_issues_in_production():
    result = _run("-m", "kansrijk.cli", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_redirects_to_https_and_sends_hsts_for_a_year():
    values = _settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        "SECURE_PROXY_SSL_HEADER",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_development_neither_redirects_nor_sends_hsts():
    values = _settings("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", DEBUG="1")

    assert values == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


def test_the_forwarded_protocol_is_trusted_only_when_asked():
    values = _settings("SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="true")

    assert values == {"SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]}


def test_preloading_hsts_can_be_switched_on_and_then_check_deploy_needs_no_silence():
    values = _settings("SECURE_HSTS_PRELOAD", "SILENCED_SYSTEM_CHECKS", SECURE_HSTS_PRELOAD="true")

    assert values["SECURE_HSTS_PRELOAD"] is True
    assert "security.W021" not in (values["SILENCED_SYSTEM_CHECKS"] or [])


def test_forms_may_go_to_the_single_sign_on_provider_when_it_is_configured():
    values = _settings(
        "CONTENT_SECURITY_POLICY",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://login.gemeente.example.nl:8443/oauth2/authorize",
    )

    form_action = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]
    assert form_action == ["'self'", "https://login.gemeente.example.nl:8443"]


def test_a_provider_address_that_is_not_a_url_stops_the_start():
    result = _run(
        "-c", "import kansrijk.settings", OIDC_OP_AUTHORIZATION_ENDPOINT="login.example.nl"
    )

    assert result.returncode != 0
    assert "OIDC_OP_AUTHORIZATION_ENDPOINT must be a full http(s) URL" in result.stderr
