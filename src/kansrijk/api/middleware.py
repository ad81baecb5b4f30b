"""Under /api/: the API-Version header on every answer, problem+json for every error that did
not come as one already (Django's 404 for an unknown address, a 500, a refused method), and
no-store on every answer to a call with a key: what a partner system received stays out of
caches, as the pages' answers do (an answer to her session gets its no-store from
`core.middleware.NoStoreForLoggedInPagesMiddleware`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .problems import CONTENT_TYPE, detail_for, problem

API_PREFIX = "/api/"
API_VERSION = "1.0.0"
# Headers of the body itself, which a rewritten answer replaces; it keeps all others (security
# headers, Allow, Retry-After, WWW-Authenticate).
BODY_HEADERS = {"content-type", "content-length"}


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            CONTENT_TYPE
        ):
            kept = {k: v for k, v in response.items() if k.lower() not in BODY_HEADERS}
            response = problem(
                request, response.status_code, detail_for(response.status_code), headers=kept
            )
        response["API-Version"] = API_VERSION
        if "HTTP_AUTHORIZATION" in request.META:  # her session: core.middleware's no-store
            response["Cache-Control"] = "no-store"
        return response
