"""Activation codes: random, typed from paper, stored only as a hash.

12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U/V pair trouble: U is
out), shown in three groups of four ("K7QM-R4TX-P9WD"): 30 ** 12, about 59 bits. Whoever types
it may add spaces or dashes, use small letters, or type O for 0 and I or L for 1 (none of which
the alphabet holds, so those become letters that can never match: a wrong code, not a crash).
"""

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4


def new_code() -> str:
    """A fresh code, in groups for reading and typing."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalised(typed: str) -> str:
    """What was typed, without spaces and dashes, in capitals."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def well_formed(typed: str) -> bool:
    code = normalised(typed)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def code_hash(typed: str) -> str:
    """The SHA-256 of the normalised code: what the database keeps (like the calendar secret)."""
    return hashlib.sha256(normalised(typed).encode()).hexdigest()


def prefix(typed: str) -> str:
    """The first group, for the limiter per code (the first letters, never the whole code)."""
    return normalised(typed)[:GROUP]
