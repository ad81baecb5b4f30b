"""The evaluation's pages: the participant's form in her portal, and the coordinator's list,
one evaluation's answers and the form to type in a paper one.

The participant reaches only her own (`policy.own_household_or_404`); the coordinator pages
start from `policy.coordinated_programme_or_404` or the household the coordinator may manage:
buddy, backup, funder and other coordinators get 404. Every read of answers is logged.
"""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_own_read, audit_read
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role

from . import rules, selectors, services
from .forms import EvaluationForm, PaperEvaluationForm

PER_PAGE = 25
TO_COLLECT_SHOWN = 50


@require_http_methods(["GET", "POST"])
def my_evaluation(request: HttpRequest) -> HttpResponse:
    """The participant says what she thought of her year (once, after it ended)."""
    household = policy.own_household_or_404(request.user)
    trajectory = selectors.open_invitation(household)
    if trajectory is None and request.method == "POST":
        # Sent again, or the coordinator typed in her paper form a moment before.
        if selectors.own_evaluation(household) is not None:
            already = pgettext("participant", "This evaluation was already given. Thank you!")
            messages.info(request, already)
        return redirect("my_evaluation")
    form = EvaluationForm(request.POST or None) if trajectory else None
    if form is not None and request.method == "POST":
        if submit(
            form,
            lambda _data: services.evaluation_give(
                trajectory=trajectory, by=request.user, answers=form.answers()
            ),
        ):
            messages.success(request, pgettext("participant", "Thank you for your answers!"))
            return redirect("my_file")
    else:
        audit_own_read(request, household, "evaluation")
    context = {"form": form, "evaluation": selectors.own_evaluation(household)}
    status = 422 if form is not None and form.errors else 200
    return render(request, "evaluations/my_evaluation.html", context, status=status)


@require_GET
def evaluations(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The programme's evaluations: still to collect, and those answered."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    policy.require(rules.may_read_evaluations(request.user, programme))
    to_collect = selectors.to_collect(programme)
    page = Paginator(selectors.answered(programme), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "to_collect": list(to_collect[:TO_COLLECT_SHOWN]),
        "to_collect_count": to_collect.count(),
        "page_obj": page,
    }
    audit_read(
        request, detail=f"evaluations of {programme.slug}", role=Role.COORDINATOR, purpose="journey"
    )
    return render(request, "evaluations/evaluations.html", context)


@require_GET
def evaluation(request: HttpRequest, programme_slug: str, evaluation_uuid: UUID) -> HttpResponse:
    """One participant's answers, for the programme's coordinator."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    policy.require(rules.may_read_evaluations(request.user, programme))
    found = selectors.evaluation_in(programme, evaluation_uuid)
    audit_read(
        request,
        household=found.trajectory.household,
        detail="evaluation",
        role=Role.COORDINATOR,
        purpose="journey",
    )
    return render(
        request, "evaluations/evaluation.html", {"programme": programme, "evaluation": found}
    )


@require_http_methods(["GET", "POST"])
def evaluation_paper(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """The coordinator types in the evaluation the participant filled in on paper."""
    household = policy.household_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_enter_paper(request.user, household))
    trajectory = selectors.open_invitation(household)
    if trajectory is None:
        given = selectors.own_evaluation(household)
        policy.require(given is not None)
        if request.method == "POST":
            messages.info(request, _("This evaluation was already given."))
        return redirect("evaluation", household.programme.slug, given.uuid)
    form = PaperEvaluationForm(request.POST or None)
    if request.method == "POST":
        if submit(
            form,
            lambda data: services.evaluation_enter_paper(
                trajectory=trajectory,
                by=request.user,
                answers=form.answers(),
                paper_dated=data["paper_dated"],
            ),
        ):
            messages.success(request, _("The evaluation is saved."))
            return redirect("evaluation", household.programme.slug, form.saved.uuid)
    else:
        audit_read(
            request,
            household=household,
            detail="evaluation paper form",
            role=Role.COORDINATOR,
            purpose="journey",
        )
    context = {"household": household, "trajectory": trajectory, "form": form}
    return render(request, "evaluations/paper.html", context, status=422 if form.errors else 200)
