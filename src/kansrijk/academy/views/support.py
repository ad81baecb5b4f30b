"""A buddy's own pages: check-in, break and certificate. They are theirs alone."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role

from .. import certificate, selectors, services
from ..forms import CheckInForm, PauseForm


def _require_buddy(request: HttpRequest) -> None:
    policy.require(policy.has_role(request.user, Role.BUDDY))


@require_GET
def own_certificate(request: HttpRequest) -> HttpResponse:
    _require_buddy(request)
    return certificate.response(request.user)


@require_http_methods(["GET", "POST"])
def own_check_in(request: HttpRequest) -> HttpResponse:
    """How is it going? Load and wellbeing, for the coordinator to see."""
    _require_buddy(request)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and submit(
        form, lambda d: services.check_in_record(user=request.user, by=request.user, **d)
    ):
        messages.success(request, _("Thank you. Your coordinator sees how it is going."))
        return redirect("buddy_home")
    context = {"form": form, "check_ins": selectors.check_ins_of(request.user)[:6]}
    return render(request, "academy/check_in.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def buddy_pause(request: HttpRequest) -> HttpResponse:
    """A break (holiday, illness): no new household and no reminders meanwhile."""
    _require_buddy(request)
    current = selectors.current_pause(request.user)
    form = PauseForm(request.POST if "pause" in request.POST else None)
    if request.method == "POST":
        if "end" in request.POST and current is not None:
            services.pause_end(pause=current, by=request.user)
            messages.success(request, _("Welcome back. Your break has ended."))
            return redirect("buddy_home")
        if submit(form, lambda d: services.pause_record(user=request.user, by=request.user, **d)):
            messages.success(request, _("Your break is recorded. Have a good rest."))
            return redirect("buddy_home")
    context = {
        "form": form,
        "current": current,
        "pauses": selectors.pauses_of(request.user)[:6],
    }
    return render(request, "academy/pause.html", context, status=422 if form.errors else 200)
