from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kansrijk.access import policy
from kansrijk.people.choices import Role

from .selectors import programme_figures


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """Counts per programme, phase and year for the programmes this funder funds."""
    funded = policy.programmes_with_role(request.user, Role.FUNDER)
    return render(request, "reports/figures.html", {"figures": programme_figures(funded)})
