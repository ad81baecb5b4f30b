"""Pages: the coordinator's API clients of a programme, and the API's documentation."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.core.submissions import submission_saved

from . import selectors, services
from .choices import ApiScope
from .forms import ApiClientForm
from .middleware import API_VERSION
from .models import ApiClient
from .problems import KINDS


@require_http_methods(["GET", "POST"])
def api_clients(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The programme's connections; a new one shows its key once, on the page that made it."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    form = ApiClientForm(request.POST or None)

    def create(data: dict[str, Any]) -> tuple[ApiClient, str]:
        ends = dt.datetime.combine(
            data["expires_on"], dt.time(23, 59), tzinfo=timezone.get_current_timezone()
        )
        return services.api_client_create(
            by=request.user,
            organisation=data["organisation"],
            name=data["name"],
            programmes=[programme],
            scopes=data["scopes"],
            expires_at=ends,
        )

    new_client = new_key = None
    if request.method == "POST" and submit(form, create):
        submission_saved(request, result_url=reverse("api_clients", args=[programme.slug]))
        new_client, new_key = form.saved  # type: ignore[attr-defined]
        form = ApiClientForm()
    context = {
        "programme": programme,
        "clients": selectors.clients_of_programme(programme),
        "form": form,
        "new_key": new_key,
        "new_client": new_client,
        "now": timezone.now(),
    }
    return render(request, "api/clients.html", context, status=422 if form.errors else 200)


@require_POST
def api_client_revoke(request: HttpRequest, programme_slug: str, client_uuid: UUID) -> HttpResponse:
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    client = selectors.clients_of_programme(programme).filter(uuid=client_uuid).first()
    if client is None:
        raise Http404
    try:
        services.api_client_revoke(client=client, by=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The connection is stopped. Its key no longer works."))
    return redirect("api_clients", programme.slug)


@login_not_required
@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API explained for people: addresses, keys, scopes, errors, an example."""
    from .v1 import api

    schema = api.get_openapi_schema()
    operations = [
        {"method": method.upper(), "path": f"/api/v1{path}", "summary": op.get("summary", "")}
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    context = {
        "operations": operations,
        "scopes": ApiScope.choices,
        "problems": [(status, kind.anchor, kind.title) for status, kind in KINDS.items()],
        "version": API_VERSION,
        "base": request.build_absolute_uri("/api/v1"),
    }
    return render(request, "api/docs.html", context)
