"""The coordinator's page to choose the programme's framework and read its domains and levels."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role

from .forms import FrameworkChoiceForm
from .selectors import framework_for, frameworks_to_choose
from .services import programme_framework_choose


@require_http_methods(["GET", "POST"])
def programme_framework(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Only the programme's coordinator; anyone else gets a 404."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated, slug=programme_slug)
    current = framework_for(programme)
    options = frameworks_to_choose()
    form = FrameworkChoiceForm(request.POST or None, options=options, current=current)
    if request.method == "POST" and submit(
        form,
        lambda data: programme_framework_choose(
            programme=programme, framework=data["framework"], by=request.user, current=current
        ),
    ):
        messages.success(
            request,
            _("Saved. New assessments use these life domains; past ones keep their own."),
        )
        return redirect("programme_framework", programme.slug)
    context = {"programme": programme, "form": form, "current": current, "options": options}
    return render(
        request, "frameworks/programme_framework.html", context, status=422 if form.errors else 200
    )
