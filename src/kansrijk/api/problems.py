"""Errors as `application/problem+json` (RFC 9457): every 4xx and 5xx under /api/.

`type` points at the section of the API's documentation page that explains the problem; the
title and detail are in the reader's language (Accept-Language; Dutch by default).
"""

import json
from dataclasses import dataclass
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

CONTENT_TYPE = "application/problem+json"
DOCS_PATH = "/api/v1/docs"


@dataclass(frozen=True)
class Kind:
    """A kind of problem: the anchor on the documentation page, its title, the detail for an
    answer that came without one (an unknown address, a wrong method), and what the OpenAPI
    document says of it."""

    anchor: str
    title: Promise
    described: str
    detail: Promise | str = ""


# The kinds of problem, by status.
KINDS = {
    400: Kind(
        "invalid-request",
        gettext_lazy("The request is not valid"),
        "The request is not valid (problem details, with invalid_params).",
    ),
    401: Kind(
        "unauthorized",
        gettext_lazy("No valid key"),
        "No valid key: missing, unknown, expired or stopped.",
    ),
    403: Kind(
        "forbidden",
        gettext_lazy("Not allowed with this key"),
        "The key lacks the scope this operation needs.",
    ),
    404: Kind(
        "not-found",
        gettext_lazy("Not found"),
        "Not found, or not for this key.",
        gettext_lazy("There is nothing at this address, or this key may not see it."),
    ),
    405: Kind(
        "method-not-allowed",
        gettext_lazy("This method is not allowed here"),
        "A problem (RFC 9457).",
        gettext_lazy("This address does not take this method. See the documentation."),
    ),
    429: Kind(
        "too-many-requests",
        gettext_lazy("Too many requests"),
        "Too many calls with this key; wait Retry-After seconds.",
    ),
    500: Kind(
        "server-error",
        gettext_lazy("Something went wrong on our side"),
        "A problem (RFC 9457).",
        gettext_lazy("The error is logged. Try again later, or tell the programme."),
    ),
}


def problem(
    request: HttpRequest,
    status: int,
    detail: str = "",
    *,
    title: str | None = None,
    extra: dict | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    kind = KINDS.get(status)
    anchor = kind.anchor if kind else "error"
    if kind is not None:
        default_title: Promise | str = kind.title
    else:
        default_title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
    body = {
        "type": request.build_absolute_uri(f"{DOCS_PATH}#problem-{anchor}"),
        "title": str(title or default_title),
        "status": status,
        "detail": str(detail or title or default_title),
        "instance": request.path[:2000],
        **(extra or {}),
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def detail_for(status: int) -> str:
    """A sentence for a status that came without one (an unknown address, a wrong method)."""
    kind = KINDS.get(status)
    return str(kind.detail) if kind else ""


def described(status: int) -> str:
    """What the OpenAPI document says of a problem with this status."""
    kind = KINDS.get(status)
    return kind.described if kind else "A problem (RFC 9457)."
