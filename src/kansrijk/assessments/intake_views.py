"""The intake's fourth step: a first picture of the life domains, which is the start assessment.

The intake's other steps are the intake app's (`intake.step_views`); this one records scores,
which live here, so its page is here too, in the same frame as the other steps.
"""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.core.forms import submit
from kansrijk.frameworks.selectors import domains_with_levels, framework_for
from kansrijk.intake.step_views import intake_for_coordinator, step_context
from kansrijk.intake.steps import FINISH, PICTURE
from kansrijk.trajectories.pages import log_form_read

from .forms import IntakePictureForm, scores_of
from .selectors import start_at_intake
from .services import assessment_record_at_intake


@require_http_methods(["GET", "POST"])
def intake_picture(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Where the participant stands and wants to be per life domain; saved as the start."""
    household, trajectory, draft = intake_for_coordinator(request, household_uuid)
    framework = framework_for(household.programme)
    form = IntakePictureForm(
        request.POST or None,
        initial={"version": trajectory.version, **start_at_intake(trajectory)},
        framework=framework,
        domains=domains_with_levels(framework),
    )
    if request.method == "POST" and submit(
        form,
        lambda data: assessment_record_at_intake(
            trajectory=trajectory,
            by=request.user,
            framework=data["framework"],
            version=data["version"],
            **scores_of(data),
        ),
    ):
        messages.success(request, _("Step %(number)s is saved.") % {"number": PICTURE.number})
        return redirect(reverse("intake_finish", args=[household.uuid]))
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = step_context(household, trajectory, draft, PICTURE, form)
    context["finish"] = FINISH
    status = 422 if form.errors else 200
    return render(request, "assessments/intake_picture.html", context, status=status)
