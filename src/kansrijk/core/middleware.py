"""Response headers for every page: which browser features a page may use, what a browser may keep."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
    """Tell browsers and proxies not to keep pages shown to someone who is logged in.

    Municipal desks and family phones are shared: a stored page would show a household's file to
    the next person through the back button or the disk cache. A view that set its own
    Cache-Control (the admin, /healthz) keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and response.get("Content-Type", "").startswith("text/html")
            and "Cache-Control" not in response
        ):
            response["Cache-Control"] = "no-store"
        return response
