"""Phone numbers: shown as the person typed them, linked so that a tap on a phone calls them.

A `tel:` link wants the international form (E.164: +31623456789); a Dutch number is mostly
typed the national way (06-2345 6789, 050 123 4567), sometimes as +31 6 … or 0031 6 ….
"""

import re

# What people put between the digits of a number: spaces, hyphens, dots, slashes, brackets.
_SEPARATORS = re.compile(r"[\s\-./()]")
# E.164: a country code and subscriber number of at most 15 digits, never starting with 0.
_E164 = re.compile(r"\+[1-9]\d{7,14}")
# A Dutch number written nationally: 0, then nine digits (area or mobile code and subscriber).
_DUTCH = re.compile(r"0[1-9]\d{8}")


def tel_uri(typed: str) -> str | None:
    """The `tel:` link for a typed phone number, or None when it cannot be read as one.

    "06-2345 6789", "050 123 4567", "+31 6 2345 6789" and "0031 6 2345 6789" give
    "tel:+31623456789" (or "tel:+31501234567"); "+31 (0)6 …" drops the national 0.
    """
    compact = _SEPARATORS.sub("", typed.replace("(0)", ""))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+31") and compact[3:4] == "0":
        compact = "+31" + compact[4:]
    if _DUTCH.fullmatch(compact):
        compact = "+31" + compact[1:]
    if not _E164.fullmatch(compact):
        return None
    if compact.startswith("+31") and len(compact) != 12:
        return None
    return f"tel:{compact}"
