"""The one rate limiter: how many attempts one key (an address, a code's first letters) may make
in a window of time. The login, the activation of a portal account and the API share it.

A fixed window per key, counted in the shared cache (settings.RATELIMIT_CACHE: a database cache
by default, so every process and every app server on the same database counts together; Redis
when CACHE_URL is set, so every app server counts together whatever its database). The key is
hashed before it goes into the cache, so the cache holds no addresses or codes.

`hit` counts an attempt and says whether it is still allowed; `peek` only asks. A caller
that counts every attempt first (`hit`, then act) cannot be outrun by attempts sent at once.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches


@dataclass(frozen=True)
class Limit:
    """At most `attempts` in `seconds` per key; `name` keeps limits with equal keys apart."""

    name: str
    attempts: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends (0 while allowed)


def _window(limit: Limit, key: str) -> tuple[str, int]:
    now = time.time()
    start = int(now // limit.seconds) * limit.seconds
    digest = hashlib.sha256(f"{limit.name}\x00{key}".encode()).hexdigest()
    return f"ratelimit:{limit.name}:{digest}:{start}", max(
        1, math.ceil(start + limit.seconds - now)
    )


def _count(name: str) -> int:
    value = caches[settings.RATELIMIT_CACHE].get(name)
    return int(value) if value is not None else 0


def hit(limit: Limit, key: str) -> Verdict:
    """Count one attempt for `key`; allowed while the window holds at most `limit.attempts`."""
    name, left = _window(limit, key)
    cache = caches[settings.RATELIMIT_CACHE]
    # add() only writes when the key is new; incr() then counts (atomic on LocMem and Redis; on
    # the database cache two attempts at the very same moment may count once).
    cache.add(name, 0, timeout=left + 1)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: this attempt starts a new window
        cache.set(name, 1, timeout=left + 1)
        count = 1
    if count == 1:
        # Redis's incr checks that the key exists and then increments it: a key that expired in
        # between is made anew by the increment, without an expiry. The first count of a window
        # sets the expiry again, so no counter outlives its window.
        cache.touch(name, timeout=left + 1)
    allowed = count <= limit.attempts
    return Verdict(allowed, 0 if allowed else left)


def peek(limit: Limit, key: str) -> Verdict:
    """Whether `key` has used up its attempts in this window (counting nothing)."""
    name, left = _window(limit, key)
    allowed = _count(name) < limit.attempts
    return Verdict(allowed, 0 if allowed else left)
