"""Response headers for every page: which browser features a page may use, what a browser may keep."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# No page needs a camera, microphone, location or payment, so nothing that slips in can ask.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreForLoggedInPagesMiddleware:
    """Tell browsers and proxies not to keep anything sent to someone who is logged in.

    Municipal desks and family phones are shared: a stored page would show a household's file to
    the next person through the back button or the disk cache, and a stored download (a report,
    the learning register, a certificate, a household's export) stays in that cache as well. So
    every answer counts, whatever its type: pages, htmx fragments, files, redirects, refusals.
    A view that set its own Cache-Control with no-store in it (the admin's never_cache) keeps
    its header; one without no-store gets it added. Static files never get here with a user
    (WhiteNoise answers before the session is read), so they stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "Cache-Control" not in response:
                response["Cache-Control"] = "no-store"
            elif "no-store" not in response["Cache-Control"]:
                patch_cache_control(response, no_store=True)
        return response
