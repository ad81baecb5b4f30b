"""A buddy's page for their coordinator: readiness, check-ins, breaks, ending as a buddy, and
the certificate. For the coordinators of the programme in the URL; anyone else gets a 404."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role
from kansrijk.people.models import ProgrammeRole

from .. import certificate, selectors, services
from ..forms import (
    CheckInForm,
    EndForm,
    PauseForm,
)


@require_GET
def buddies(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The former Academie list of buddies: the programme has one buddies page now (readiness,
    training, check-ins and matching's profile together), so old links land there."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    return redirect("buddy_profiles", programme.slug, permanent=True)


def _buddy_role(request: HttpRequest, programme_slug: str, user_uuid: UUID) -> ProgrammeRole:
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    return get_object_or_404(
        ProgrammeRole.objects.select_related("user", "programme", "default_backup"),
        programme=programme,
        role=Role.BUDDY,
        active=True,
        user__uuid=user_uuid,
    )


@require_http_methods(["GET", "POST"])
def buddy_page(request: HttpRequest, programme_slug: str, user_uuid: UUID) -> HttpResponse:
    """One buddy for the coordinator: training, check-ins and breaks, with a form for each."""
    role = _buddy_role(request, programme_slug, user_uuid)
    buddy = role.user
    check_in = CheckInForm(request.POST if "check_in" in request.POST else None, prefix="c")
    pause = PauseForm(request.POST if "pause" in request.POST else None, prefix="p")
    if request.method == "POST":
        if "check_in" in request.POST and submit(
            check_in,
            lambda d: services.check_in_record(user=buddy, by=request.user, **d),
        ):
            messages.success(request, _("The check-in is recorded."))
            return redirect(request.path)
        if "pause" in request.POST and submit(
            pause, lambda d: services.pause_record(user=buddy, by=request.user, **d)
        ):
            messages.success(request, _("The break is recorded."))
            return redirect(request.path)
        if "make_file" in request.POST:
            try:
                made = services.buddy_file_make(role=role, by=request.user)
            except Refused as refused:
                messages.error(request, str(refused))
                return redirect(request.path)
            return redirect("academy_candidate", role.programme.slug, made.uuid)
        if "check_in" not in request.POST and "pause" not in request.POST:
            return redirect(request.path)
    context = {
        "programme": role.programme,
        "role": role,
        "buddy": buddy,
        "page": selectors.buddy_page(buddy),
        "block": selectors.block_of(buddy, role.programme),
        "check_ins": selectors.check_ins_of(buddy)[:12],
        "pauses": selectors.pauses_of(buddy)[:12],
        "coached": selectors.households_coached_by(buddy, role.programme, seen_by=request.user),
        "file": selectors.buddy_file(buddy, role.programme),
        "check_in_form": check_in,
        "pause_form": pause,
    }
    failed = bool(check_in.errors or pause.errors)
    return render(request, "academy/buddy.html", context, status=422 if failed else 200)


@require_http_methods(["GET", "POST"])
def buddy_end(request: HttpRequest, programme_slug: str, user_uuid: UUID) -> HttpResponse:
    """The buddy stops: choose for each household who takes over, or the waiting list."""
    role = _buddy_role(request, programme_slug, user_uuid)
    trajectories = list(
        selectors.households_coached_by(role.user, role.programme, seen_by=request.user)
    )
    others = [
        r.user
        for r in ProgrammeRole.objects.filter(
            programme=role.programme, role=Role.BUDDY, active=True
        )
        .exclude(user=role.user)
        .select_related("user")
        .order_by("user__first_name")
    ]
    form = EndForm(request.POST or None, trajectories=trajectories, buddies=others)

    def end(data: dict[str, Any]) -> None:
        services.buddy_end(
            role=role, by=request.user, handovers=form.handovers(), reason=data["reason"]
        )

    if request.method == "POST" and submit(form, end):
        messages.success(request, _("%(name)s has stopped as a buddy.") % {"name": role.user})
        return redirect("buddy_profiles", role.programme.slug)
    context = {"programme": role.programme, "role": role, "form": form}
    return render(request, "academy/buddy_end.html", context, status=422 if form.errors else 200)


@require_GET
def buddy_certificate(request: HttpRequest, programme_slug: str, user_uuid: UUID) -> HttpResponse:
    role = _buddy_role(request, programme_slug, user_uuid)
    return certificate.response(role.user)
