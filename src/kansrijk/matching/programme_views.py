"""Matching's pages about a programme: its buddies' profiles and the weights of the score.

A buddy's profile holds no household's data; the coordinator sees every buddy of their
programme, a buddy only their own profile. Anyone else gets a 404.
"""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.academy.selectors import application_of
from kansrijk.access import policy
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role
from kansrijk.people.models import Programme, ProgrammeRole

from . import selectors, services
from .forms import BuddyProfileForm, WeightsForm
from .models import BuddyProfile, MatchingWeights


def _coordinated(request: HttpRequest, programme_slug: str) -> Programme:
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    return get_object_or_404(coordinated, slug=programme_slug)


def buddy_profiles(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The programme's one buddies page: each buddy's readiness (the Academie's rule) and why,
    room, reach, languages, training hours and latest check-in."""
    programme = _coordinated(request, programme_slug)
    context = {"programme": programme, "buddies": selectors.buddy_overview(programme)}
    return render(request, "matching/buddies.html", context)


@require_http_methods(["GET", "POST"])
def buddy_profile(request: HttpRequest, programme_slug: str, user_uuid: UUID) -> HttpResponse:
    programme = _coordinated(request, programme_slug)
    role = get_object_or_404(
        ProgrammeRole.objects.select_related("user", "programme"),
        programme=programme,
        role=Role.BUDDY,
        active=True,
        user__uuid=user_uuid,
    )
    return _profile_page(request, role, by_coordinator=True)


@require_http_methods(["GET", "POST"])
def own_buddy_profile(request: HttpRequest, programme_slug: str) -> HttpResponse:
    role = get_object_or_404(
        ProgrammeRole.objects.select_related("user", "programme"),
        programme__slug=programme_slug,
        role=Role.BUDDY,
        active=True,
        user=request.user,
    )
    return _profile_page(request, role, by_coordinator=False)


def _profile_page(request: HttpRequest, role: ProgrammeRole, *, by_coordinator: bool):
    profile = BuddyProfile.objects.filter(role=role).first() or BuddyProfile(role=role)
    form = BuddyProfileForm(
        request.POST or None,
        initial=BuddyProfileForm.initial_from(
            profile, role, None if profile.pk else application_of(role)
        ),
        areas=role.programme.areas.all(),
        by_coordinator=by_coordinator,
    )

    def save(data):
        return services.buddy_profile_save(
            role=role, by=request.user, data=data, version=data["version"]
        )

    if request.method == "POST" and submit(form, save):
        messages.success(request, _("The profile is saved."))
        if by_coordinator:
            return redirect("buddy_profiles", role.programme.slug)
        return redirect("buddy_home")
    context = {"role": role, "form": form, "by_coordinator": by_coordinator}
    return render(
        request, "matching/buddy_profile.html", context, status=422 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def matching_weights(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """How much each criterion counts in this programme's match scores."""
    programme = _coordinated(request, programme_slug)
    current = MatchingWeights.objects.filter(programme=programme).first() or MatchingWeights(
        programme=programme
    )
    form = WeightsForm(request.POST or None, instance=current, initial={"version": current.version})

    def save(data):
        return services.weights_save(
            programme=programme, by=request.user, data=data, version=data["version"]
        )

    if request.method == "POST" and submit(form, save):
        messages.success(request, _("The weights are saved. New scores use them from now on."))
        return redirect("batch_matching", programme.slug)
    context = {"programme": programme, "form": form, "weights": current}
    return render(request, "matching/weights.html", context, status=422 if form.errors else 200)
