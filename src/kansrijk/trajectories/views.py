"""Phase changes, each a small form page about one household."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy

from . import rules, services
from .choices import Phase
from .forms import (
    AftercareForm,
    DropOutForm,
    ExtendForm,
    PairForm,
    StartIntakeForm,
    StartYearForm,
)
from .pages import FormPage, household_form_page


def _coordinator_in(user, *phases: Phase):
    """Allowed for a coordinator of the household's programme, in one of these phases."""
    return lambda household, trajectory: (
        trajectory.phase in phases and policy.may_manage(user, household)
    )


@require_http_methods(["GET", "POST"])
def start_intake(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Start the intake"),
        intro=_("Accept the referral. The household moves to the intake."),
        submit_label=_("Start the intake"),
        success_message=_("The intake has started."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=StartIntakeForm,
        allowed=_coordinator_in(request.user, Phase.REFERRED),
        call=lambda trajectory, data: services.trajectory_start_intake(
            trajectory=trajectory, by=request.user, version=data["version"]
        ),
    )


@require_http_methods(["GET", "POST"])
def pair(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Pair with a buddy"),
        intro=_(
            "Choose the buddy the participant said yes to after the introduction. "
            "The year starts at their first meeting."
        ),
        submit_label=_("Pair"),
        success_message=_("The household is paired. Start the year at the first meeting."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=PairForm,
        form_kwargs=lambda household, trajectory: {"programme": household.programme},
        allowed=_coordinator_in(request.user, Phase.MATCHING),
        call=lambda trajectory, data: services.trajectory_match(
            trajectory=trajectory,
            by=request.user,
            buddy=data["buddy"],
            backup=data["backup"],
            paired_on=data["paired_on"],
            version=data["version"],
        ),
    )


@require_http_methods(["GET", "POST"])
def start_year(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Start the year"),
        intro=_(
            "Participant and buddy both said yes. The year starts on the day they first met "
            "to work together: fill in that day."
        ),
        submit_label=_("Start the year"),
        success_message=_("The year has started."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=StartYearForm,
        allowed=lambda household, trajectory: rules.may_start_year(request.user, trajectory),
        call=lambda trajectory, data: services.trajectory_start_year(
            trajectory=trajectory,
            by=request.user,
            start_on=data["start_on"],
            version=data["version"],
        ),
    )


@require_http_methods(["GET", "POST"])
def start_aftercare(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Start the aftercare"),
        intro=_("After the active year, buddy and participant may keep in touch for six months."),
        submit_label=_("Start the aftercare"),
        success_message=_("The aftercare has started."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=AftercareForm,
        allowed=lambda household, trajectory: (
            trajectory.phase == Phase.ACTIVE and rules.may_start_aftercare(request.user, trajectory)
        ),
        call=lambda trajectory, data: services.trajectory_start_aftercare(
            trajectory=trajectory,
            by=request.user,
            start_on=data["start_on"],
            version=data["version"],
        ),
    )


@require_http_methods(["GET", "POST"])
def extend(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Extend the year or the aftercare"),
        intro=_(
            "The buddy stays longer when that is needed. The year's start stays the same: "
            "halfway and the figures keep counting from it."
        ),
        submit_label=_("Extend"),
        success_message=_("The extension is saved."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=ExtendForm,
        form_kwargs=lambda household, trajectory: {"trajectory": trajectory},
        allowed=lambda household, trajectory: rules.may_extend(request.user, trajectory),
        call=lambda trajectory, data: services.trajectory_extend(
            trajectory=trajectory,
            by=request.user,
            new_end=data["new_end"],
            reason=data["reason"],
            note=data["note"],
            version=data["version"],
        ),
    )


@require_http_methods(["GET", "POST"])
def drop_out(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Record a drop-out"),
        intro=_("The household stops before the end. The reason helps the programme learn."),
        submit_label=_("Record the drop-out"),
        success_message=_("The drop-out is recorded."),
        danger=True,
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=DropOutForm,
        allowed=lambda household, trajectory: (
            trajectory.is_open and policy.may_manage(request.user, household)
        ),
        call=lambda trajectory, data: services.trajectory_drop_out(
            trajectory=trajectory,
            by=request.user,
            reason=data["reason"],
            on=data["on"],
            note=data["note"],
            version=data["version"],
        ),
    )
