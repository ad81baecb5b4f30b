"""Errors to Sentry (or a self-hosted GlitchTip, which takes the same DSN), only when asked.

settings.py calls `start_sentry` with SENTRY_DSN; without one nothing is imported or started.
What leaves the building is the error and where in the code it happened, not whom it concerned:
no personal data by the SDK's own switch (send_default_pii=False: no user, no address), no
request bodies (a form holds a household's notes), no local variables of the stack frames, and
`before_send` strips the cookies (sessions), the headers (Authorization, the metrics token) and
the query string from every event and every traced transaction as well.
Performance tracing is off unless SENTRY_TRACES_SAMPLE_RATE asks for a share of requests.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint


def before_send(event: "Event", hint: "Hint") -> "Event":
    request = event.get("request")
    if isinstance(request, dict):
        for part in ("cookies", "headers", "query_string", "data"):
            request.pop(part, None)  # type: ignore[misc]
    return event


def start_sentry(dsn: str, *, environment: str, traces_sample_rate: float) -> bool:
    """Start the Sentry SDK when a DSN is given; say whether it was started."""
    if not dsn:
        return False
    import sentry_sdk  # only a server that reports errors loads it

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        max_request_body_size="never",
        # A frame's local variables hold whatever the code was handling: a household's name,
        # a note. The stack trace says where it failed; what it was failing on stays here.
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        before_send=before_send,
        before_send_transaction=before_send,
    )
    return True
