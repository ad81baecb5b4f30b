"""The guided intake: a page per step, each saved on its own, then a check and finish."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.access.policy import require
from kansrijk.core.forms import carry_forward, submit
from kansrijk.people.models import Household
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import FormPage, household_form_page, log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import selectors, services, steps
from .models import Intake
from .step_forms import STEP_FORMS, FinishIntakeForm, HouseholdTypeForm, household_initial


def intake_for_coordinator(
    request: HttpRequest, household_uuid: UUID
) -> tuple[Household, Trajectory, Intake | None]:
    """The household in the intake with its draft, for a coordinator of its programme; 404
    for anyone else or outside the intake."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    require(trajectory.phase == Phase.INTAKE and policy.may_manage(request.user, household))
    return household, trajectory, Intake.objects.filter(trajectory=trajectory).first()


def _step_page(request: HttpRequest, household_uuid: UUID, slug: str | None) -> HttpResponse:
    household, trajectory, draft = intake_for_coordinator(request, household_uuid)
    step = steps.resume_step(draft) if slug is None else steps.step_by_slug(slug)
    if step is None:
        raise Http404
    if step == steps.FINISH:
        return redirect(reverse("intake_finish", args=[household.uuid]))
    form_class = STEP_FORMS.get(step.slug)
    if form_class is None:
        # The first picture is the start assessment: its page is the assessments app's, at
        # the same address (`kansrijk.urls` routes it there first).
        if slug is not None:
            raise Http404
        return redirect(step_url(household, step))
    initial = {
        "version": trajectory.version,
        **(household_initial(household) if step.household else {}),
        "language": household.language,
        **form_class.initial_from(draft),
    }
    form = form_class(request.POST or None, initial=initial)
    if step.slug == "basics" and not (draft and step.number in draft.steps_saved):
        stress = selectors.referral_stress_for(request.user, trajectory)
        carry_forward(form, "stress_now", stress, _("From the referral"))
    if request.method == "POST" and submit(
        form,
        lambda data: services.intake_save_step(
            trajectory=trajectory,
            by=request.user,
            step=step.number,
            data=form.answers(),
            version=data["version"],
            language=data.get("language") or None,
        ),
    ):
        messages.success(request, _("Step %(number)s is saved.") % {"number": step.number})
        saved = Intake.objects.get(trajectory=trajectory)
        return redirect(step_url(household, steps.resume_step(saved)))
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = step_context(household, trajectory, draft, step, form)
    return render(request, "intake/step.html", context, status=422 if form.errors else 200)


def step_context(
    household: Household, trajectory: Trajectory, draft: Intake | None, step: steps.Step, form
) -> dict:
    """What every step's page shows around its form: the steps and where this one stands."""
    return {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "step": step,
        "all_steps": steps.ALL_STEPS,
        "saved": draft.steps_saved if draft else [],
        "previous": step_url(household, steps.STEPS[step.number - 2]) if step.number > 1 else "",
    }


def step_url(household: Household, step: steps.Step) -> str:
    if step == steps.FINISH:
        return reverse("intake_finish", args=[household.uuid])
    return reverse("intake_step", args=[household.uuid, step.slug])


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Open the intake where it was left: the first step not saved yet."""
    return _step_page(request, household_uuid, None)


@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, household_uuid: UUID, step: str) -> HttpResponse:
    """One step of the intake; saving it keeps the answers, also when the rest waits."""
    return _step_page(request, household_uuid, step)


@require_http_methods(["GET", "POST"])
def intake_finish(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Check all answers, then finish the intake: the household waits for a buddy."""
    household, trajectory, draft = intake_for_coordinator(request, household_uuid)
    form = FinishIntakeForm(request.POST or None, initial={"version": trajectory.version})
    if request.method == "POST" and submit(
        form,
        lambda data: services.intake_complete(trajectory=trajectory, by=request.user, **data),
    ):
        messages.success(request, _("The intake is saved. The household now waits for a buddy."))
        return redirect(reverse("household", args=[household.uuid]))
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "step": steps.FINISH,
        "all_steps": steps.ALL_STEPS,
        "saved": draft.steps_saved if draft else [],
        "summary": steps.summary(draft, household),
    }
    return render(request, "intake/finish.html", context, status=422 if form.errors else 200)


class _HouseholdTypeForm(HouseholdTypeForm):
    """The form with the household's answers so far filled in."""

    def __init__(self, *args, household: Household, **kwargs) -> None:
        kwargs["initial"] = {**household_initial(household), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)


@require_http_methods(["GET", "POST"])
def household_type(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """The coordinator records or corrects who the household is, at any point of the journey."""
    page = FormPage(
        title=_("Household type"),
        intro=_("Who the household is. The reports count households per type, never a name."),
        submit_label=_("Save"),
        success_message=_("The household type is saved."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=_HouseholdTypeForm,
        form_kwargs=lambda household, trajectory: {"household": household},
        allowed=lambda household, trajectory: policy.may_manage(request.user, household),
        call=lambda trajectory, data: services.household_type_record(
            trajectory=trajectory,
            by=request.user,
            household_type=data["household_type"],
            working_poor=data["working_poor"],
            version=data["version"],
        ),
    )
