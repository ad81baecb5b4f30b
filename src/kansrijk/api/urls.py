"""/api/v1/…: the operations (django-ninja), the OpenAPI document and its documentation page.

Every address here is open without a login session: the operations check their own key or
session, and the documentation and the OpenAPI document are public.
"""

from functools import wraps

from django.urls import URLPattern, path

from . import views
from .v1 import api


def _open(view):
    @wraps(view)
    def opened(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    opened.csrf_exempt = True  # type: ignore[attr-defined]  # keys, not cookies (and GETs)
    opened.login_required = False  # type: ignore[attr-defined]  # LoginRequiredMiddleware
    return opened


def _opened(patterns: list) -> list:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _open(pattern.callback)
    return patterns


# Not named `app_name`: in this module that name would make the whole include a namespace.
_operations, _ninja_app, _namespace = api.urls

urlpatterns = [
    path("docs", views.api_docs, name="api_docs"),
    path("", (_opened(list(_operations)), _ninja_app, _namespace)),
]
