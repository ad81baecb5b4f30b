"""The coordinator's view of the participant languages: complete, fuzzy, reviewed by whom."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kansrijk.access import policy
from kansrijk.core.translations import statuses
from kansrijk.people.choices import Role
from kansrijk.people.languages import local_name


@require_GET
def translation_status(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Only the programme's coordinator; anyone else gets a 404. It shows no personal data."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated, slug=programme_slug)
    rows = [(row, local_name(row.code)) for row in statuses()]
    return render(request, "overview/translations.html", {"programme": programme, "rows": rows})
