"""A request id on every log line, and one line per request.

RequestIdMiddleware (early in settings.MIDDLEWARE) takes the id a proxy or load balancer sent in
X-Request-ID when it looks like one, makes one otherwise, and keeps it where everything can find
it: on the request, in a context variable that RequestIdFilter (on the log handler, settings
LOGGING) copies onto every log record of the request, and on the response, so a complaint with
the header in hand finds its lines. At the end it writes one line to `kansrijk.requests`.

That line says what was asked and how it went, never who about: the path without its query
string (a search can carry a name), the user by uuid only. The probes, the metrics and static
files are left out: they would drown the rest.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("kansrijk.requests")

# Outside a request (a management command, a worker starting) records carry this.
NO_REQUEST = "-"
_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)

# Long enough for a uuid with dashes or a trace id, and nothing a log reader could trip over.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

_UNLOGGED_PATHS = ("/healthz", "/readyz", "/metrics")


def request_id_from(header: str | None) -> str:
    """The client's id when it is safe to write into a log as it is, a new one otherwise."""
    if header and _SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Give every record a `request_id`: the current request's, or "-" outside one.

    Django writes its `django.request` lines (a 404, a 500) after the last middleware has
    answered, when the context variable is reset already; those records carry the request
    itself, and so its id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or _request_id.get()
        return True


def _logged(path: str) -> bool:
    static = "/" + settings.STATIC_URL.lstrip("/")
    return not (path in _UNLOGGED_PATHS or path.startswith(static))


def _user_uuid(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return str(user.uuid)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if _logged(request.path):
                self._log(request, response, started)
            return response
        finally:
            _request_id.reset(token)

    @staticmethod
    def _log(request: HttpRequest, response: HttpResponse, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "request_id": request.request_id,  # type: ignore[attr-defined]
            "user": _user_uuid(request),
        }
        request_logger.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra=fields,
        )
