"""The deploy files against the code, so they cannot drift apart unnoticed.

deploy/kansrijk.env.example promises to list every variable kansrijk reads; the proxies'
upload limits must let the largest document the app accepts through. Both are read from the
files themselves, as an operator would copy them.
"""

import importlib.util
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "deploy" / "kansrijk.env.example"

# How the code reads a variable: the settings helpers, os.environ and os.getenv.
READ = re.compile(
    r"""(?:env_(?:str|bool|int|list)\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*"([A-Z][A-Z0-9_]*)\""""
)
# Set by gunicorn for the app, not by the operator.
NOT_FOR_OPERATORS = {"SERVER_SOFTWARE"}
# Read by gunicorn itself, not by kansrijk's code.
READ_BY_GUNICORN = {"WEB_CONCURRENCY", "GUNICORN_CMD_ARGS"}
# Named by work on other branches (cache, logs, metrics, errors); once the code reads
# one, the test below asks for it to be taken off this list.
# A multipart form around a file: boundaries, field names, the CSRF token.
FORM_OVERHEAD = 64 * 1024


def names_read_by_code() -> set[str]:
    sources = (
        path
        for path in (ROOT / "src" / "kansrijk").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )
    return {name for path in sources for name in READ.findall(path.read_text())} - NOT_FOR_OPERATORS


def names_in_example() -> set[str]:
    line = re.compile(r"^#? ?([A-Z][A-Z0-9_]*)=", re.MULTILINE)
    return set(line.findall(EXAMPLE.read_text()))


def test_the_example_lists_every_variable_the_code_reads():
    missing = names_read_by_code() - names_in_example()
    assert not missing, f"add to deploy/kansrijk.env.example: {sorted(missing)}"


def test_every_variable_in_the_example_is_read():
    unknown = names_in_example() - names_read_by_code() - READ_BY_GUNICORN
    assert not unknown, f"deploy/kansrijk.env.example names what nothing reads: {sorted(unknown)}"


def test_the_reader_finds_names_across_lines():
    """EMAIL_BACKEND's env_str( is on one line and its name on the next."""
    assert "EMAIL_BACKEND" in names_read_by_code()


def test_nginx_lets_the_largest_document_through():
    snippet = (ROOT / "deploy" / "nginx" / "kansrijk-locations.conf").read_text()
    megabytes = int(re.search(r"^client_max_body_size (\d+)m;", snippet, re.MULTILINE)[1])
    assert megabytes * 1024 * 1024 >= settings.DOCUMENT_MAX_BYTES + FORM_OVERHEAD


def test_caddy_lets_the_largest_document_through():
    caddyfile = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    megabytes = int(re.search(r"max_size (\d+)MB", caddyfile)[1])  # Caddy's MB: 1000 * 1000
    assert megabytes * 1000 * 1000 >= settings.DOCUMENT_MAX_BYTES + FORM_OVERHEAD


def load_healthcheck():
    path = ROOT / "deploy" / "container" / "healthcheck.py"
    spec = importlib.util.spec_from_file_location("healthcheck", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("site_url", "allowed_hosts", "expected"),
    [
        ("https://kansrijk.example.nl", "other.example.nl", "kansrijk.example.nl"),
        ("", "*,.example.nl,kansrijk.example.nl", "example.nl"),
        ("", "*", "localhost"),
    ],
)
def test_the_container_healthcheck_asks_for_a_host_django_allows(
    monkeypatch, site_url, allowed_hosts, expected
):
    monkeypatch.setenv("SITE_URL", site_url)
    monkeypatch.setenv("ALLOWED_HOSTS", allowed_hosts)
    assert load_healthcheck().host_to_ask() == expected
