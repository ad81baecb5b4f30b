"""The API, version 1: django-ninja with our errors (problem+json) and our OpenAPI additions.

The OpenAPI document is made by django-ninja from the operations' types and then completed here
with what the NL GOV API Design Rules ask of every answer: the API-Version header, errors as
`application/problem+json`, the server's address with the major version in it, and the
document's own address. `make lint` checks the result with Spectral (docs/api/spectral.yaml).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kansrijk.core.errors import Refused

from . import figures, me, referrals
from .auth import ClientKey, MissingScope, RateLimited, log_call
from .middleware import API_VERSION
from .problems import CONTENT_TYPE, described, detail_for, problem

BASE = "/api/v1"
DESCRIPTION = """Kansrijk's API for partner systems (referrals), the municipality's figures
(small counts suppressed) and a participant's own data. Errors are `application/problem+json`
(RFC 9457); every answer carries `API-Version`. Read the documentation at /api/v1/docs."""


class KansrijkApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix="", path_params=path_params)
        return complete(schema)


api = KansrijkApi(
    title="Kansrijk API",
    version=API_VERSION,
    description=DESCRIPTION,
    auth=ClientKey(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
)
api.add_router("", referrals.router)
api.add_router("", figures.router)
api.add_router("", me.router)


def _errors(exc: ValidationError) -> list[dict]:
    return [
        {"name": _field_name(error.get("loc", ())), "reason": error.get("msg", "")}
        for error in exc.errors
    ]


def _field_name(loc: tuple | list) -> str:
    """`body.given_name`, not ninja's `body.body.given_name`: the middle part is the name of
    the view's argument, which a client never sees."""
    parts = [str(part) for part in loc]
    if parts[:2] == ["body", "body"]:
        del parts[1]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem(
        request,
        400,
        _("Some parameters are not valid: see invalid_params."),
        extra={"invalid_params": _errors(exc)},
    )


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(
        request,
        401,
        _(
            "Send a valid key: Authorization: Bearer kr_…. A key that expired or was stopped no longer works."
        ),
        headers={"WWW-Authenticate": 'Bearer realm="kansrijk"'},
    )


@api.exception_handler(MissingScope)
def _forbidden(request: HttpRequest, exc: MissingScope) -> HttpResponse:
    log_call(request, "api refused")
    return problem(
        request,
        403,
        _("This key may not do this. It needs the scope %(scope)s.") % {"scope": exc.scope},
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    log_call(request, "api refused")
    return problem(request, 404, detail_for(404))


@api.exception_handler(RateLimited)
def _too_many(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return problem(
        request,
        429,
        _("Too many calls with this key. Wait %(seconds)d seconds.") % {"seconds": exc.retry_after},
        headers={"Retry-After": str(exc.retry_after)},
    )


@api.exception_handler(Refused)
def _refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    return problem(request, 400, exc.message)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja's own: a body that is not JSON (400), a refused method (405).
    detail = (
        _("The body is not valid JSON.") if exc.status_code == 400 else detail_for(exc.status_code)
    )
    return problem(request, exc.status_code, detail)


# ---- the OpenAPI document ----

HEADERS = {
    "API-Version": {
        "description": "The full version of the API that answered (semantic versioning).",
        "schema": {"type": "string", "example": API_VERSION},
    },
    "Location": {
        "description": "The address of what was created.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before calling again.",
        "schema": {"type": "integer"},
    },
    "WWW-Authenticate": {
        "description": "How to authenticate: a bearer key.",
        "schema": {"type": "string"},
    },
}


TAGS = {
    "referrals": "A partner's system refers households and follows them.",
    "figures": "A programme's figures, small counts suppressed.",
    "participant": "The logged-in participant's own data.",
    "documentation": "This document.",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/headers/{name}"}


def complete(schema: dict) -> dict:
    """Add what the rules ask of every operation to django-ninja's document."""
    schema["servers"] = [{"url": BASE, "description": "this server"}]
    schema["info"]["contact"] = {"name": "Kansrijk", "url": "https://github.com/kansrijk"}
    schema["info"]["license"] = {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/en/"}
    schema.setdefault("components", {})["headers"] = HEADERS
    paths = {}
    for path, operations in schema["paths"].items():
        # django-ninja writes the full path; the server's address holds /api/v1.
        paths[path.removeprefix(BASE) or "/"] = operations
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                _complete_response(int(status), response)
    paths["/openapi.json"] = _openapi_path()
    schema["paths"] = paths
    schema["tags"] = [{"name": name, "description": text} for name, text in TAGS.items()]
    # Query parameters django-ninja also lists as a schema; nothing refers to them.
    schema["components"]["schemas"].pop("PageParams", None)
    return schema


def _complete_response(status: int, response: dict) -> None:
    headers = response.setdefault("headers", {})
    headers["API-Version"] = _ref("API-Version")
    if status == 201:
        headers["Location"] = _ref("Location")
    if status == 401:
        headers["WWW-Authenticate"] = _ref("WWW-Authenticate")
    if status == 429:
        headers["Retry-After"] = _ref("Retry-After")
    if status >= 400:
        content = response.get("content", {})
        body = content.get("application/json") or {
            "schema": {"$ref": "#/components/schemas/Problem"}
        }
        response["content"] = {CONTENT_TYPE: body}
        response["description"] = described(status)


def _openapi_path() -> dict:
    return {
        "get": {
            "operationId": "openapi",
            "summary": "This OpenAPI document",
            "description": "The OpenAPI 3 document of this API; people read /api/v1/docs.",
            "tags": ["documentation"],
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI 3 document of this API.",
                    "headers": {"API-Version": _ref("API-Version")},
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
