"""The pages an operator's machines ask, never a person: alive, ready, and the metrics.

None needs a login or the second factor (accounts.middleware.OPEN_BEFORE_SECOND_FACTOR), none
is ever cached, and the two probes answer over plain HTTP inside the network
(settings.SECURE_REDIRECT_EXEMPT). README, "Operations: health, logs, metrics, cache".
"""

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView

from .health import OK, readiness


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 while the process answers. It asks nothing else, the database least of all:
    an orchestrator restarts what fails here, and a database that blinks is /readyz's concern."""
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when this server can take work (core.health), 503 naming what failed."""
    checks = readiness()
    ready = all(result == OK for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


def _bearer_token(request: HttpRequest) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@login_not_required
@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's metrics for the one who shows METRICS_TOKEN; for anyone else (and for
    everyone while no token is set) the page does not exist."""
    expected = settings.METRICS_TOKEN
    if not expected or not hmac.compare_digest(_bearer_token(request).encode(), expected.encode()):
        raise Http404
    # django-prometheus's own export: it reads every gunicorn worker's figures from
    # PROMETHEUS_MULTIPROC_DIR when that is set, this process's alone otherwise.
    return ExportToDjangoView(request)
