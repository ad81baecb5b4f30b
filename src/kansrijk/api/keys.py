"""Making and checking API keys: `kr_<8 hex characters, public>_<43 characters, secret>`."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_FORMAT = re.compile(r"kr_([0-9a-f]{8})_([A-Za-z0-9_-]{43})")


@dataclass(frozen=True)
class NewKey:
    prefix: str
    secret: str

    @property
    def full(self) -> str:
        return f"kr_{self.prefix}_{self.secret}"

    @property
    def hash(self) -> str:
        return hash_secret(self.secret)


def new_key() -> NewKey:
    return NewKey(prefix=secrets.token_hex(4), secret=secrets.token_urlsafe(32))


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed key, else None."""
    match = KEY_FORMAT.fullmatch(key)
    return (match[1], match[2]) if match else None


def secret_matches(secret: str, stored_hash: str) -> bool:
    # Constant time, so the answer's speed tells nothing about how much of the hash matched.
    return hmac.compare_digest(hash_secret(secret), stored_hash)
