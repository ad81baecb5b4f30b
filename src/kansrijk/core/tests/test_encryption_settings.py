"""FIELD_ENCRYPTION_KEYS comes from the environment and a bad or missing key stops the start.

Each test runs settings.py afresh in its own namespace (runpy), with the environment it sets.
"""

import runpy

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from kansrijk import settings as settings_module

DEV_KEY = "a2Fuc3JpamstZGV2LW9ubHktbm90LWZvci1wcm9kISE="


def _start(monkeypatch, **environment: str) -> dict:
    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS", raising=False)
    monkeypatch.setenv("SECRET_KEY", "a-secret-key-for-this-test-only")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(settings_module.__file__)


def test_the_keys_come_from_the_environment_in_their_order(monkeypatch):
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()

    started = _start(monkeypatch, DEBUG="0", FIELD_ENCRYPTION_KEYS=f"{first}, {second}")

    assert started["FIELD_ENCRYPTION_KEYS"] == [first, second]


def test_development_uses_the_fixed_development_key_when_none_is_set(monkeypatch):
    started = _start(monkeypatch, DEBUG="1")

    assert started["FIELD_ENCRYPTION_KEYS"] == [DEV_KEY]
    assert started["_DEV_FIELD_ENCRYPTION_KEY"] == DEV_KEY


def test_a_malformed_key_stops_the_start_without_showing_the_key(monkeypatch):
    good = Fernet.generate_key().decode()

    with pytest.raises(ImproperlyConfigured, match="key 2 of 2 is not a Fernet key") as refusal:
        _start(monkeypatch, DEBUG="1", FIELD_ENCRYPTION_KEYS=f"{good},tooshort")
    assert "tooshort" not in str(refusal.value)


def test_without_debug_the_start_stops_when_no_key_is_set(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS must be set"):
        _start(monkeypatch, DEBUG="0")


def test_without_debug_the_published_development_key_may_not_encrypt(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="published development key"):
        _start(monkeypatch, DEBUG="0", FIELD_ENCRYPTION_KEYS=DEV_KEY)


def test_without_debug_the_development_key_may_stay_behind_a_new_one_to_rotate_from(monkeypatch):
    new = Fernet.generate_key().decode()

    started = _start(monkeypatch, DEBUG="0", FIELD_ENCRYPTION_KEYS=f"{new},{DEV_KEY}")

    assert started["FIELD_ENCRYPTION_KEYS"] == [new, DEV_KEY]
