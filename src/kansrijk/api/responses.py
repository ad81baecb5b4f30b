"""The answers every operation documents besides its own: problems, by status."""

from .schemas import Problem

# Every call with a key can be malformed, lack a valid key, lack the scope, ask for what it may
# not see, or come too often.
CLIENT_ERRORS = (400, 401, 403, 404, 429)


def documented(answers: dict, *, errors: tuple[int, ...] = CLIENT_ERRORS) -> dict:
    """`response=` for an operation: its own answers by status, then the problems it may give."""
    return {**answers, **dict.fromkeys(errors, Problem)}
