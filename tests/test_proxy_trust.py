"""Behind a proxy, plain HTTP is sent to HTTPS whatever a client claims: gunicorn believes
`X-Forwarded-Proto` only when TRUST_X_FORWARDED_PROTO says so, and only from FORWARDED_ALLOW_IPS.

Each test starts gunicorn (as the benchmarks do, with kansrijk's configuration) in production
settings on a free port of 127.0.0.1, the address a proxy on the same host comes from.
"""

import base64
import http.client
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.server import GUNICORN, gunicorn
from kansrijk import gunicorn_conf

# Variables of this process that would change what the started server does.
LEFT_OUT = {
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "FORWARDED_ALLOW_IPS",
    "GUNICORN_CMD_ARGS",
    "SERVER_SOFTWARE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_COOKIES",
    "TRUST_X_FORWARDED_PROTO",
}


@pytest.fixture
def environment(tmp_path: Path):
    def make(**overrides: str) -> dict[str, str]:
        env = {name: value for name, value in os.environ.items() if name not in LEFT_OUT}
        env.update(
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(os.urandom(32)).decode(),
            ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SETTINGS_MODULE="kansrijk.settings",
            SQLITE_PATH=str(tmp_path / "kansrijk.sqlite3"),
        )
        env.update(overrides)
        return env

    return make


def _get(base: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """The status and Location of GET / (not followed)."""
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
    try:
        connection.request("GET", "/", headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


HTTPS_CLAIM = {"X-Forwarded-Proto": "https"}
# gunicorn's control socket lives in the home directory, one for every gunicorn started.
NO_CONTROL_SOCKET = ("--no-control-socket",)


def test_a_client_claiming_https_through_a_local_proxy_is_still_sent_to_https(environment):
    with gunicorn(environment(), workers=1, threads=1) as base:
        status, location = _get(base, HTTPS_CLAIM)

    assert status == 301
    assert location == f"https://{urlsplit(base).netloc}/"


def test_the_proxys_https_is_believed_when_it_is_trusted(environment):
    with gunicorn(environment(TRUST_X_FORWARDED_PROTO="true"), workers=1, threads=1) as base:
        claimed = _get(base, HTTPS_CLAIM)
        plain = _get(base)

    assert claimed[0] == 302  # on to the login page, over the HTTPS the proxy speaks
    assert not claimed[1].startswith("https://")
    assert plain[0] == 301


def test_https_is_believed_only_from_the_proxys_addresses(environment):
    env = environment(TRUST_X_FORWARDED_PROTO="true", FORWARDED_ALLOW_IPS="192.0.2.10")

    with gunicorn(env, workers=1, threads=1) as base:
        status, location = _get(base, HTTPS_CLAIM)

    assert status == 301
    assert location.startswith("https://")


def _start(env: dict[str, str], cwd: Path, *args: str) -> tuple[int, str]:
    """Start gunicorn on a free port in `cwd` (a directory without a gunicorn.conf.py, so only
    what the test passes counts); its exit code and output once it stops by itself."""
    process = subprocess.Popen(
        [
            str(GUNICORN),
            *args,
            *NO_CONTROL_SOCKET,
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "1",
            "kansrijk.wsgi",
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so that its workers stop with it
    )
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"gunicorn started: {output}")
    return process.returncode, output


def test_gunicorn_without_kansrijks_configuration_does_not_start(environment, tmp_path):
    code, output = _start(environment(), tmp_path)

    assert code != 0
    assert "gunicorn -c python:kansrijk.gunicorn_conf kansrijk.wsgi" in output


def test_gunicorn_told_to_believe_a_proxy_that_kansrijk_does_not_trust_does_not_start(
    environment, tmp_path
):
    config = ("-c", "python:kansrijk.gunicorn_conf")

    code, output = _start(environment(), tmp_path, *config, "--forwarded-allow-ips", "*")

    assert code == 1
    assert "gunicorn would believe forwarded headers from *" in output
    assert "TRUST_X_FORWARDED_PROTO is off" in output


def test_the_same_from_gunicorns_environment_variable_stops_the_start(environment, tmp_path):
    env = environment(GUNICORN_CMD_ARGS="--forwarded-allow-ips=127.0.0.1")

    code, output = _start(env, tmp_path, "-c", "python:kansrijk.gunicorn_conf")

    assert code == 1
    assert "TRUST_X_FORWARDED_PROTO is off" in output


def test_the_settings_refuse_a_proxy_address_while_the_proxy_is_not_trusted(environment):
    result = subprocess.run(
        [sys.executable, "-c", "import kansrijk.settings"],
        env=environment(FORWARDED_ALLOW_IPS="127.0.0.1"),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "FORWARDED_ALLOW_IPS is set but TRUST_X_FORWARDED_PROTO is off" in result.stderr


def test_the_settings_refuse_a_proxy_address_that_is_not_one(environment):
    result = subprocess.run(
        [sys.executable, "-c", "import kansrijk.settings"],
        env=environment(TRUST_X_FORWARDED_PROTO="true", FORWARDED_ALLOW_IPS="proxy.local"),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "FORWARDED_ALLOW_IPS must list IP addresses or networks, not 'proxy.local'" in (
        result.stderr
    )


def test_gunicorn_may_take_https_from_no_other_header_than_django(monkeypatch):
    monkeypatch.setattr(gunicorn_conf.settings, "TRUST_X_FORWARDED_PROTO", True)

    assert gunicorn_conf.trust_problem(["127.0.0.1"], {"X-FORWARDED-PROTO": "https"}) is None
    problem = gunicorn_conf.trust_problem(
        ["127.0.0.1"], {"X-FORWARDED-PROTO": "https", "X-FORWARDED-SSL": "on"}
    )
    assert "kansrijk takes it from X-Forwarded-Proto only" in problem


@pytest.mark.parametrize(
    ("peer", "allowed", "believed"),
    [
        (("127.0.0.1", 51000), ["127.0.0.1", "::1"], True),
        (("::1", 51000, 0, 0), ["127.0.0.1", "::1"], True),
        (("10.0.0.7", 51000), ["10.0.0.0/24"], True),
        (("10.0.1.7", 51000), ["10.0.0.0/24"], False),
        (("127.0.0.1", 51000), [], False),
        (("192.0.2.1", 51000), ["*"], True),
        ("", [], True),  # a unix socket, believed as gunicorn does
    ],
)
def test_the_header_is_kept_from_the_peers_gunicorn_believes(peer, allowed, believed):
    assert gunicorn_conf.believed(peer, allowed) is believed
