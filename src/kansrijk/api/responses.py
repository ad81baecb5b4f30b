"""The answers every operation documents besides its own: problems, by status."""

from .schemas import Problem

# Every call with a key can be malformed, lack a valid key, lack the scope, ask for what it may
# not see, or come too often.
CLIENT_ERRORS = (400, 401, 403, 404, 429)


def documented(status: int, schema, *, errors: tuple[int, ...] = CLIENT_ERRORS, **more) -> dict:
    """`response=` for an operation: its own answer(s), then the problems it may give."""
    return {status: schema, **more, **dict.fromkeys(errors, Problem)}
