from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.people.models import Household
from kansrijk.trajectories.pages import FormPage, household_form_page

from .appointments.rules import may_plan
from .forms import ContactForm
from .selectors import open_goals
from .services import contact_log


@require_http_methods(["GET", "POST"])
def log_contact(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Log a contact"),
        intro=_("A visit, a call or an app message. Half a minute is enough."),
        submit_label=_("Save the contact"),
        success_message=_("The contact is saved."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=ContactForm,
        allowed=lambda household, trajectory: policy.may_coach(request.user, trajectory),
        call=lambda trajectory, data: contact_log(
            trajectory=trajectory, by=request.user, **ContactForm.service_arguments_of(data)
        ),
        form_kwargs=lambda household, trajectory: {
            "goals": open_goals(request.user, trajectory),
            "may_plan": may_plan(request.user, trajectory),
        },
        next_url=_onward,
    )


def _onward(household: Household, data: dict[str, Any]) -> str | None:
    """A buddy who ticked "the backup professional should know" goes on to say what is up
    (that comes first: the next meeting can be planned from the household page after);
    one who ticked "plan the next meeting" goes on to plan it.

    The signal lives in a later app, so it is named by its URL, not imported.
    """
    if data.get("needs_professional"):
        return reverse("signal_raise", args=[household.uuid])
    if data.get("plan_next"):
        return reverse("appointment_new", args=[household.uuid])
    return None
