"""The household's outcomes: the list, a form to record or correct one, and the closure checklist.

Every page starts from `selectors.outcomes_for_user_or_404` (coordinator, buddy, backup with
consent; anyone else 404). Reads are logged like every household page; the services log writes.
"""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.core.confirm import Confirmation, confirm_page, confirmed
from kansrijk.core.dates import long_date
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.core.forms import submit
from kansrijk.people.models import Household
from kansrijk.plans.pages import log_read
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import FormPage, household_form_page, log_form_read

from . import rules, selectors, services
from .forms import (
    CloseChecklistForm,
    OutcomeEditForm,
    OutcomeForm,
    OutcomeRemoveForm,
    OutcomeTypesForm,
    ticked_lines,
)
from .models import Outcome

OUTCOMES_PER_PAGE = 20


def _recordable(request: HttpRequest, household_uuid: UUID) -> tuple[Household, Trajectory]:
    household, trajectory = selectors.outcomes_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_record_outcomes(request.user, household, trajectory))
    return household, trajectory


def _list_url(household: Household) -> str:
    return reverse("outcomes", args=[household.uuid])


@require_GET
def outcomes(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Everything the household reached, the latest first, a page at a time."""
    household, trajectory = selectors.outcomes_for_user_or_404(request.user, household_uuid)
    page = Paginator(selectors.outcomes_of(household), OUTCOMES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "household": household,
        "trajectory": trajectory,
        "page_obj": page,
        "may_record": rules.may_record_outcomes(request.user, household, trajectory),
        "reason": policy.reason_to_see(request.user, household, trajectory),
    }
    log_read(request, household, trajectory, "outcomes")
    return render(request, "outcomes/outcomes.html", context)


def _form_page(request, template: str, form, household, trajectory, **extra) -> HttpResponse:
    context = {"household": household, "trajectory": trajectory, "form": form, **extra}
    return render(request, template, context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def outcome_new(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    household, trajectory = _recordable(request, household_uuid)
    types = selectors.outcome_types(household.programme)
    form = OutcomeForm(
        request.POST or None,
        types=types,
        members=selectors.members_of(household),
        initial={"outcome_type": request.GET.get("type")},
    )
    if request.method == "POST":
        if submit(
            form,
            lambda _data: services.outcome_record(
                trajectory=trajectory, by=request.user, **form.service_arguments()
            ),
        ):
            messages.success(request, _("The outcome is recorded. Well done!"))
            return redirect(_list_url(household))
    else:
        log_form_read(request, household, trajectory)
    return _form_page(request, "outcomes/outcome_form.html", form, household, trajectory)


@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, household_uuid: UUID, outcome_uuid: UUID) -> HttpResponse:
    household, trajectory = _recordable(request, household_uuid)
    outcome = selectors.outcome_in(household, outcome_uuid)
    types = selectors.outcome_types(household.programme)
    if outcome.outcome_type not in types:
        types.insert(0, outcome.outcome_type)
    initial = {
        "outcome_type": outcome.outcome_type_id,
        "reached_on": outcome.reached_on,
        "member": outcome.member_id,
        "evidence": outcome.evidence,
        "hours": outcome.hours,
        "welfare": outcome.welfare,
        "level": outcome.level,
        "diploma": outcome.diploma,
        "sector": outcome.sector,
        "version": outcome.version,
    }
    form = OutcomeEditForm(
        request.POST or None, types=types, members=selectors.members_of(household), initial=initial
    )
    if request.method == "POST":
        if submit(
            form,
            lambda data: services.outcome_edit(
                outcome=outcome,
                by=request.user,
                version=data["version"],
                **form.service_arguments(),
            ),
        ):
            messages.success(request, _("The outcome is saved."))
            return redirect(_list_url(household))
    else:
        log_form_read(request, household, trajectory)
    remove_form = OutcomeRemoveForm(initial={"version": outcome.version})
    return _form_page(
        request,
        "outcomes/outcome_form.html",
        form,
        household,
        trajectory,
        outcome=outcome,
        remove_form=remove_form,
    )


@require_POST
def outcome_remove(request: HttpRequest, household_uuid: UUID, outcome_uuid: UUID) -> HttpResponse:
    """Take back an outcome recorded by mistake."""
    household, _trajectory = _recordable(request, household_uuid)
    outcome = selectors.outcome_in(household, outcome_uuid)
    form = OutcomeRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Open the outcome again and remove it from there."))
        return redirect("outcome_edit", household.uuid, outcome.uuid)
    if not confirmed(request):
        log_form_read(request, household, _trajectory)
        return confirm_page(request, _removal(household, outcome), form)
    try:
        services.outcome_remove(
            outcome=outcome, by=request.user, version=form.cleaned_data["version"]
        )
    except Overtaken as overtaken:
        messages.error(request, overtaken.message)
        return redirect("outcome_edit", household.uuid, outcome.uuid)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(_list_url(household))
    messages.success(request, _("The outcome is removed."))
    return redirect(_list_url(household))


def _removal(household: Household, outcome: Outcome) -> Confirmation:
    return Confirmation(
        title=_("Remove this outcome?"),
        lead=_("This outcome goes out of the household's file and out of the figures:"),
        facts=[f"{outcome.outcome_type}, {long_date(outcome.reached_on)}"],
        afterwards=_("This cannot be undone. The household's other outcomes stay."),
        button=_("Yes, remove the outcome"),
        cancel_url=reverse("outcome_edit", args=[household.uuid, outcome.uuid]),
    )


def _recorded(trajectory: Trajectory) -> list[Outcome]:
    return list(trajectory.outcomes.select_related("outcome_type").order_by("reached_on", "id"))


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Close the trajectory with the checklist of the programme's outcomes, in one go."""
    page = FormPage(
        title=_("Close the trajectory"),
        intro=_(
            "The year (and aftercare) ran its course. Tick what the household reached, so no "
            "result is forgotten: the outcomes and the closure are saved together."
        ),
        submit_label=_("Close the trajectory"),
        success_message=_("The trajectory is closed."),
    )
    offered: dict = {}

    def form_kwargs(household: Household, trajectory: Trajectory) -> dict:
        recorded = _recorded(trajectory)
        done = {o.outcome_type_id for o in recorded}
        types = [t for t in selectors.outcome_types(household.programme) if t.pk not in done]
        offered["types"] = types
        return {"types": types, "recorded": recorded}

    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=CloseChecklistForm,
        form_kwargs=form_kwargs,
        allowed=lambda household, trajectory: (
            trajectory.phase in (Phase.ACTIVE, Phase.AFTERCARE)
            and policy.may_manage(request.user, household)
        ),
        call=lambda trajectory, data: services.trajectory_close_with_checklist(
            trajectory=trajectory,
            by=request.user,
            on=data["on"],
            note=data["note"],
            version=data["version"],
            reached=ticked_lines(offered["types"], data),
            nothing_reached=data["nothing_reached"],
        ),
        template="outcomes/close.html",
    )


@require_http_methods(["GET", "POST"])
def outcome_types(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The programme's coordinator words, orders, switches off and adds outcome types."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    types = selectors.outcome_types(programme, active_only=False)
    form = OutcomeTypesForm(request.POST or None, types=types)
    if request.method == "POST" and submit(
        form,
        lambda _data: services.outcome_types_save(
            programme=programme,
            by=request.user,
            changes=form.changes(),
            new_name=form.cleaned_data["new_name"],
        ),
    ):
        messages.success(request, _("The outcomes of the programme are saved."))
        return redirect("outcome_types", programme.slug)
    context = {"programme": programme, "form": form}
    return render(
        request, "outcomes/outcome_types.html", context, status=422 if form.errors else 200
    )
