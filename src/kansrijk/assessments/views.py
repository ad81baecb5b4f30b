from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.access.parts import Content
from kansrijk.frameworks.selectors import domains_with_levels, framework_for
from kansrijk.trajectories.pages import FormPage, household_form_page

from .choices import Moment
from .forms import AssessmentForm, service_arguments
from .selectors import due_assessments, last_targets
from .services import assessment_record


def _next_moment(trajectory) -> Moment:
    due = due_assessments(trajectory, list(trajectory.assessments.only("moment", "held_on")))
    open_moments = [d.moment for d in due if d.done is None]
    return open_moments[0] if open_moments else Moment.EXTRA


def _form_kwargs(household, trajectory) -> dict:
    framework = framework_for(household.programme)
    return {
        "framework": framework,
        "domains": domains_with_levels(framework),
        "next_moment": _next_moment(trajectory),
        "targets": last_targets(trajectory),
    }


@require_http_methods(["GET", "POST"])
def record_assessment(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Life-domain assessment"),
        intro=_(
            "Do this together: participant, buddy and, if possible, the backup professional. "
            "Per life domain: where do you stand now, and where do you want to be?"
        ),
        submit_label=_("Save the assessment"),
        success_message=_("The assessment is saved."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=AssessmentForm,
        form_kwargs=_form_kwargs,
        allowed=lambda household, trajectory: (
            policy.may_coach(request.user, trajectory)
            and policy.may_see(request.user, trajectory, Content.ASSESSMENT_SCORES)
        ),
        call=lambda trajectory, data: assessment_record(
            trajectory=trajectory, by=request.user, **service_arguments(data)
        ),
        template="assessments/record.html",
    )
