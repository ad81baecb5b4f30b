"""Fernet encryption of sensitive free text, with keys from the FIELD_ENCRYPTION_KEYS setting.

The setting is a list of keys: the first encrypts, every key decrypts. A new key therefore goes
in front, and `kansrijk rotate-keys` re-encrypts the stored values with it while the old keys
still decrypt whatever has not been re-encrypted yet; then the old keys can go.

The keys are read from the settings at every call (a small cache keyed on the keys themselves
keeps that cheap), so a test that changes the setting gets the new keys at once.

This module imports nothing from the database layer: settings.py uses `checked_keys` to
refuse a malformed key at start.
"""

import functools
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTING = "FIELD_ENCRYPTION_KEYS"
NEW_KEY_HINT = (
    "Make a key with: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'"
)


# Every Fernet token starts so: version byte 0x80, then a timestamp with zeros on top.
TOKEN_PREFIX = "gAAAAA"


class DecryptionError(Exception):
    """A stored value that none of the configured keys can decrypt."""


def checked_keys(keys: Sequence[str]) -> list[str]:
    """The keys, each checked to be a Fernet key; a bad one stops the start.

    The message names the key by its position, never by its value: it ends up in logs.
    """
    if isinstance(keys, str):
        raise ImproperlyConfigured(f"{SETTING} must be a list of keys, not one string")
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"{SETTING}: key {position} of {len(keys)} is not a Fernet key "
                f"(32 url-safe base64-encoded bytes). {NEW_KEY_HINT}"
            ) from None
    return list(keys)


@functools.lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    fernets = [Fernet(key) for key in checked_keys(keys)]
    return MultiFernet(fernets), fernets[0]


def keyring() -> tuple[MultiFernet, Fernet]:
    """All configured keys (to decrypt and rotate) and the first one (which encrypts)."""
    keys = tuple(getattr(settings, SETTING, ()))
    if not keys:
        raise ImproperlyConfigured(f"{SETTING} is empty: encrypted notes cannot be read or saved")
    return _keyring(keys)


def encrypt(text: str) -> str:
    """A Fernet token (ASCII) for the text, made with the first key."""
    return encrypt_bytes(text.encode("utf-8"))


def encrypt_bytes(data: bytes) -> str:
    """A Fernet token (ASCII) for the bytes of a file, made with the first key."""
    return keyring()[0].encrypt(data).decode("ascii")


def decrypt(token: str, *, what: str = "a stored value") -> str:
    """The text inside a token; a token that no key opens raises a DecryptionError."""
    try:
        return decrypt_bytes(token, what=what).decode("utf-8")
    except UnicodeError:
        raise _unreadable(what) from None


def decrypt_bytes(token: str, *, what: str = "a stored value") -> bytes:
    """The bytes inside a token; a token that no key opens raises a DecryptionError."""
    try:
        return keyring()[0].decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        raise _unreadable(what) from None


def _unreadable(what: str) -> DecryptionError:
    return DecryptionError(
        f"{what} cannot be decrypted with any of the {SETTING}. Was the key it was "
        f"encrypted with removed from {SETTING}, or does the data come from another "
        "installation? Put that key back (behind the current one) and try again."
    )


def looks_like_token(value: str) -> bool:
    """Whether a value has the shape of a Fernet token, whichever key made it."""
    return value.startswith(TOKEN_PREFIX)


def is_token(value: str) -> bool:
    """Whether a value is a token that one of the configured keys decrypts (text or a file)."""
    try:
        decrypt_bytes(value)
    except DecryptionError:
        return False
    return True


def is_current(token: str, *, what: str = "a stored value") -> bool:
    """Whether the first key made the token; a token that no key opens raises DecryptionError."""
    try:
        keyring()[1].decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        decrypt_bytes(token, what=what)  # raises the clear error when no other key opens it either
        return False
    return True


def rotated(token: str, *, what: str = "a stored value") -> str | None:
    """The token re-encrypted with the first key, or None when it already is.

    MultiFernet.rotate keeps the token's original timestamp. A token that no key opens
    raises a DecryptionError: rotation must never drop or garble a value.
    """
    if is_current(token, what=what):
        return None
    return keyring()[0].rotate(token.encode("ascii")).decode("ascii")
