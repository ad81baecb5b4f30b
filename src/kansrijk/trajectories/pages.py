"""One shape for every form page about a household: get it through access, check, submit.

Later apps (intake, contacts, assessments) use it too, so each of their views stays a few lines.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kansrijk.access.audit import audit_read
from kansrijk.access.policy import acting_role, require
from kansrijk.core.forms import submit
from kansrijk.people.models import Household

from .models import Trajectory
from .selectors import trajectory_for_user_or_404


@dataclass(frozen=True)
class FormPage:
    """What a household form page says: its title, a line of explanation and the button."""

    title: str
    intro: str
    submit_label: str
    success_message: str
    danger: bool = False


def log_form_read(request: HttpRequest, household: Household, trajectory: Trajectory) -> None:
    """A form about a household shows its details: log the read."""
    role = acting_role(request.user, household, trajectory)
    audit_read(
        request,
        household=household,
        detail=f"form {request.resolver_match.url_name}",
        role=role,
    )


def household_form_page(
    request: HttpRequest,
    household_uuid: Any,
    *,
    page: FormPage,
    form_class: type[forms.Form],
    allowed: Callable[[Household, Trajectory], bool],
    call: Callable[[Trajectory, dict[str, Any]], object],
    form_kwargs: Callable[[Household, Trajectory], dict[str, Any]] | None = None,
    template: str = "core/form_page.html",
    next_url: Callable[[Household, dict[str, Any]], str | None] | None = None,
) -> HttpResponse:
    """`next_url` may send the user on from the saved answers; the household page otherwise."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    require(allowed(household, trajectory))
    extra = form_kwargs(household, trajectory) if form_kwargs else {}
    form = form_class(request.POST or None, initial={"version": trajectory.version}, **extra)
    if request.method == "POST" and submit(form, lambda data: call(trajectory, data)):
        messages.success(request, page.success_message)
        onward = next_url(household, form.cleaned_data) if next_url else None
        return redirect(onward or reverse("household", args=[household.uuid]))
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = {"household": household, "trajectory": trajectory, "form": form, "page": page}
    return render(request, template, context, status=422 if form.errors else 200)
