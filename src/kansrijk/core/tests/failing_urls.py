"""The app's URLs plus views that fail on purpose, for the error page tests."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from kansrijk.urls import urlpatterns as app_urlpatterns


@login_not_required
def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a deliberate failure, to see the 500 page")


@login_not_required
def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a deliberately odd request, to see the 400 page")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("test-errors/500/", broken),
    path("test-errors/400/", suspicious),
    path("test-errors/403/", forbidden),
    *app_urlpatterns,
]
