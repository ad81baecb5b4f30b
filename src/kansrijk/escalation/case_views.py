"""Doorbraak cases: open one for a household (or from a signal), the list, a case and its edit
form, and the learning register with its CSV export."""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.access.models import AuditAction
from kansrijk.core.forms import number_from, submit
from kansrijk.core.paging import CountedPages
from kansrijk.core.spreadsheet import CSV_FLAVOURS, DUTCH, csv_flavour
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.choices import Role
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import case_services, register, rules, selectors
from .forms import CaseEditForm, CaseForm, run
from .models import DoorbraakCase, Signal

CASES_PER_PAGE = 25


def _signal_to_escalate(request: HttpRequest, trajectory: Trajectory) -> Signal | None:
    """The signal named in `?signal=` (or the form), if this user may read it and it is this
    household's; otherwise the case is opened without one."""
    wanted = request.POST.get("signal") or request.GET.get("signal")
    if not wanted:
        return None
    try:
        UUID(str(wanted))
    except ValueError:
        return None
    return (
        selectors.readable_signals(request.user)
        .filter(uuid=wanted, trajectory=trajectory)
        .select_related("trajectory")
        .first()
    )


@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Open a Doorbraak case; without the participant's consent for Doorbraak, say so plainly."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_open_case(request.user, trajectory))
    signal = _signal_to_escalate(request, trajectory)
    consent = policy.doorbraak_consent_in_force(household)
    tags = selectors.tags_for(household.programme)
    form = CaseForm(request.POST or None, tags=tags, auto_id="case-%s")
    if consent and request.method == "POST":
        version = number_from(request.POST.get("signal_version"), min_value=1)
        case = run(
            form,
            lambda data: case_services.case_open(
                trajectory=trajectory,
                by=request.user,
                signal=signal,
                signal_version=version,
                **form.service_arguments(),
            ),
        )
        if case is not None:
            messages.success(request, _("The Doorbraak case is opened."))
            return redirect("doorbraak_case", case.uuid)
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "consent": consent,
        "signal": signal,
        "keeper": policy.works_with_whole_file(request.user, household, trajectory),
    }
    status = 422 if form.errors or (request.method == "POST" and not consent) else 200
    return render(request, "escalation/case_open.html", context, status=status)


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """The Doorbraak cases this user may read: open ones first."""
    user = request.user
    programmes = register.register_programmes(user)
    policy.require(bool(programmes))
    number = request.GET.get("page")
    cases = CountedPages(
        lambda offset, limit: selectors.case_page(user, offset, limit),
        lambda: selectors.case_count(user),
        CASES_PER_PAGE,
        number,
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(number)
    audit_read(
        request,
        detail="doorbraak cases",
        role=Role.DOORBRAAK if policy.has_role(user, Role.DOORBRAAK) else Role.COORDINATOR,
        purpose="",
    )
    return render(request, "escalation/cases.html", {"page_obj": page, "programmes": programmes})


def _domain_names(case: DoorbraakCase) -> list[str]:
    names = {
        d.code: d.display_name
        for d in framework_for(case.trajectory.household.programme).domains.all()
    }
    return [names.get(code, code) for code in case.freed_domains]


@require_GET
def case_page(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = selectors.case_for_user_or_404(request.user, case_uuid)
    trajectory = case.trajectory
    household = trajectory.household
    signal_readable = (
        case.signal_id is not None
        and selectors.readable_signals(request.user).filter(pk=case.signal_id).exists()
    )
    context = {
        "case": case,
        "household": household,
        "trajectory": trajectory,
        "reason": policy.reason_to_see(request.user, household, trajectory),
        "domains": _domain_names(case),
        "editable": rules.may_edit_case(request.user, case),
        "signal_readable": signal_readable,
    }
    role = policy.acting_role(request.user, household, trajectory)
    audit_read(
        request,
        household=household,
        detail="doorbraak case",
        role=role,
    )
    return render(request, "escalation/case.html", context)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = selectors.case_for_user_or_404(request.user, case_uuid)
    policy.require(rules.may_edit_case(request.user, case))
    trajectory = case.trajectory
    household = trajectory.household
    domains = [(d.code, d.display_name) for d in framework_for(household.programme).domains.all()]
    initial = {
        "version": case.version,
        "barrier": case.barrier,
        "blocking_rule": case.blocking_rule,
        "barrier_types": [t.pk for t in case.barrier_types.all()],
        "agencies": [t.pk for t in case.agencies.all()],
        "opened_on": case.opened_on,
        "solution": case.solution,
        "decided_by": case.decided_by,
        "costs": case.costs,
        "solved_on": case.solved_on,
        "freed_domains": case.freed_domains,
        "lesson": case.lesson,
    }
    tags = selectors.tags_for(household.programme)
    _keep_retired_tags(tags, case)
    form = CaseEditForm(
        request.POST or None, initial=initial, tags=tags, domains=domains, auto_id="case-%s"
    )
    if request.method == "POST":
        if submit(
            form,
            lambda data: case_services.case_update(
                case=case, by=request.user, version=data["version"], **form.service_arguments()
            ),
        ):
            messages.success(request, _("The case is saved."))
            return redirect("doorbraak_case", case.uuid)
    else:
        log_form_read(request, household, trajectory)
    context = {"case": case, "household": household, "trajectory": trajectory, "form": form}
    return render(request, "escalation/case_edit.html", context, status=422 if form.errors else 200)


def _keep_retired_tags(tags: dict, case: DoorbraakCase) -> None:
    """A tag no longer offered stays choosable on a case that has it, so saving keeps it."""
    for kind_tags, current in (
        (tags["barrier"], case.barrier_types.all()),
        (tags["agency"], case.agencies.all()),
    ):
        kind_tags += [tag for tag in current if tag not in kind_tags]


def _register(request: HttpRequest):
    programmes = register.register_programmes(request.user)
    policy.require(bool(programmes))
    chosen = next((p for p in programmes if p.slug == request.GET.get("programme")), None)
    return programmes, chosen, register.learning_register([chosen] if chosen else programmes)


@require_GET
def learning_register(request: HttpRequest) -> HttpResponse:
    """Recurring barriers by kind and agency: counts, lead times, costs, lessons for policy."""
    programmes, chosen, figures = _register(request)
    context = {
        "programmes": programmes,
        "chosen": chosen,
        "register": figures,
        "csv_flavours": list(CSV_FLAVOURS.values()),
    }
    return render(request, "escalation/register.html", context)


@require_GET
def learning_register_csv(request: HttpRequest) -> HttpResponse:
    """The register as CSV: for Excel in Dutch, or `?flavour=international`."""
    flavour = csv_flavour(request.GET.get("flavour"))
    if flavour is None:
        raise Http404
    _programmes, chosen, figures = _register(request)
    name = chosen.slug if chosen else "all"
    if flavour is not DUTCH:
        name += f"-{flavour.slug}"
    content = register.register_csv(figures, flavour)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-register-{name}.csv"'
    audit_read(
        request,
        action=AuditAction.EXPORT,
        detail=f"learning register {name}",
    )
    return response
