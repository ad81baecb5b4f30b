"""The rights page of a household: download all its data, or erase it. Coordinators only."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role
from kansrijk.people.models import Household
from kansrijk.trajectories.selectors import current_trajectory

from . import services
from .forms import EraseForm


def _managed_household_or_404(request: HttpRequest, household_uuid: UUID) -> Household:
    """The household, if this user coordinates its programme; everyone else gets 404."""
    household = policy.household_for_user_or_404(request.user, household_uuid)
    policy.require(policy.may_manage(request.user, household))
    return household


def _audit_read(request: HttpRequest, household: Household, what: str) -> None:
    audit_read(
        request,
        household=household,
        detail=what,
        role=Role.COORDINATOR,
    )


def _context(request: HttpRequest, household: Household, **extra) -> dict:
    trajectory = current_trajectory(household)
    return {
        "household": household,
        "trajectory": trajectory,
        "still_open": trajectory is not None and trajectory.is_open,
        "reason": policy.reason_to_see(request.user, household, trajectory),
        "retention_years": settings.RETENTION_YEARS_AFTER_END,
        **extra,
    }


@require_GET
def rights(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """What the participant may ask for: all their data, or to be erased."""
    household = _managed_household_or_404(request, household_uuid)
    _audit_read(request, household, "rights page")
    return render(request, "rights/rights.html", _context(request, household))


def _download(content: bytes, content_type: str, household: Household, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # The UUID, not the name: file names end up in download lists and backups.
    filename = f"kansrijk-{household.uuid}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def export_zip(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    household = _managed_household_or_404(request, household_uuid)
    content = services.household_export_zip(household=household, by=request.user, request=request)
    return _download(content, "application/zip", household, "zip")


@require_GET
def export_pdf(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    household = _managed_household_or_404(request, household_uuid)
    content = services.household_export_pdf(household=household, by=request.user, request=request)
    return _download(content, "application/pdf", household, "pdf")


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Erase the household on the participant's request, after typing its name and a reason."""
    household = _managed_household_or_404(request, household_uuid)
    form = EraseForm(request.POST or None, household=household)

    def call(data: dict) -> object:
        return services.household_erase(
            household=household, by=request.user, reason=data["reason"], request=request
        )

    if request.method == "POST" and submit(form, call):
        messages.success(
            request,
            _("The household is erased. The figures for funders still count its trajectories."),
        )
        return redirect("programme", household.programme.slug)
    if request.method == "GET":
        _audit_read(request, household, "form erase")
    context = _context(request, household, form=form)
    return render(request, "rights/erase.html", context, status=422 if form.errors else 200)


@require_GET
def my_export_zip(request: HttpRequest) -> HttpResponse:
    """The participant downloads all their own data (the right of access and portability)."""
    household = policy.own_household_or_404(request.user)
    content = services.household_export_zip(household=household, by=request.user, request=request)
    return _download(content, "application/zip", household, "zip")


@require_GET
def my_export_pdf(request: HttpRequest) -> HttpResponse:
    household = policy.own_household_or_404(request.user)
    content = services.household_export_pdf(household=household, by=request.user, request=request)
    return _download(content, "application/pdf", household, "pdf")
