"""Errors as `application/problem+json` (RFC 9457): every 4xx and 5xx under /api/.

`type` points at the section of the API's documentation page that explains the problem; the
title and detail are in the reader's language (Accept-Language; Dutch by default).
"""

import json
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CONTENT_TYPE = "application/problem+json"
DOCS_PATH = "/api/v1/docs"

# The kinds of problem, by status: the anchor on the documentation page and a title.
KINDS = {
    400: ("invalid-request", gettext_lazy("The request is not valid")),
    401: ("unauthorized", gettext_lazy("No valid key")),
    403: ("forbidden", gettext_lazy("Not allowed with this key")),
    404: ("not-found", gettext_lazy("Not found")),
    405: ("method-not-allowed", gettext_lazy("This method is not allowed here")),
    429: ("too-many-requests", gettext_lazy("Too many requests")),
    500: ("server-error", gettext_lazy("Something went wrong on our side")),
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
    anchor, default_title = KINDS.get(status, ("error", None))
    if default_title is None:
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
    return {
        404: _("There is nothing at this address, or this key may not see it."),
        405: _("This address does not take this method. See the documentation."),
        500: _("The error is logged. Try again later, or tell the programme."),
    }.get(status, "")
