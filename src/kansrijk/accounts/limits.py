"""The limits signing in sets on the one rate limiter (`core.ratelimit`).

django-axes still locks one user name at one address after 5 wrong passwords (a lockout of an
account); these limits count per address across all names and codes, and per code.
"""

from django.http import HttpRequest

from kansrijk.access.audit import client_address
from kansrijk.core.ratelimit import Limit, Verdict, hit, peek

# Wrong passwords from one address, whatever the user names (a whole office may share one).
LOGIN_PER_ADDRESS = Limit("login-address", attempts=50, seconds=15 * 60)
# Activation codes tried from one address, and per code's first group (a code guessed from many
# addresses at once). A code has about 59 bits: these leave no room for guessing.
ACTIVATION_PER_ADDRESS = Limit("activation-address", attempts=10, seconds=15 * 60)
ACTIVATION_PER_CODE = Limit("activation-code", attempts=10, seconds=60 * 60)


def _address(request: HttpRequest) -> str:
    return client_address(request) or "unknown"


def login_allowed(request: HttpRequest) -> Verdict:
    return peek(LOGIN_PER_ADDRESS, _address(request))


def login_failed(request: HttpRequest) -> None:
    hit(LOGIN_PER_ADDRESS, _address(request))


def code_attempt(request: HttpRequest, code_prefix: str) -> Verdict:
    """Count one try of an activation code; refused when the address or the code's first group
    has used up its tries (both are counted, so neither can be outrun by the other)."""
    by_address = hit(ACTIVATION_PER_ADDRESS, _address(request))
    by_code = hit(ACTIVATION_PER_CODE, code_prefix)
    if by_address.allowed and by_code.allowed:
        return by_address
    return by_address if not by_address.allowed else by_code
