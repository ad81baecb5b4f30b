"""The household's network: the map of a moment, two moments compared, and small forms to change it.

Every page starts from `selectors.network_for_user_or_404` (the file's part "wishes and plan");
the forms also need `rules.may_edit_network`. Denied is 404. Reads are logged like every
household page; the services log the writes.
"""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.core.confirm import Confirmation, confirm_page, confirmed
from kansrijk.core.errors import Overtaken, Refused
from kansrijk.core.forms import submit
from kansrijk.people.models import Household
from kansrijk.plans.pages import log_read
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import log_form_read

from . import rules, selectors, services
from .forms import (
    ORGANISATION,
    PERSON,
    MapEditForm,
    NewMapForm,
    TieEditForm,
    TieForm,
    TieRemoveForm,
)
from .models import NetworkMap


def _editable(request: HttpRequest, household_uuid: UUID) -> tuple[Household, Trajectory]:
    household, trajectory = selectors.network_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_edit_network(request.user, trajectory))
    return household, trajectory


def _map_url(household: Household, network_map: NetworkMap, anchor: str = "") -> str:
    url = reverse("network_map", args=[household.uuid, network_map.uuid])
    return f"{url}#{anchor}" if anchor else url


def _page(
    request: HttpRequest,
    template: str,
    form: forms.Form,
    household: Household,
    trajectory: Trajectory,
    network_map: NetworkMap | None = None,
    **extra,
) -> HttpResponse:
    """A form page of the network: 422 while the form has errors."""
    context = {"household": household, "trajectory": trajectory, "form": form, **extra}
    if network_map is not None:
        context.update(network_map=network_map, map_name=selectors.map_name(network_map))
    return render(request, template, context, status=422 if form.errors else 200)


# ---- reading ----


@require_GET
def network(
    request: HttpRequest, household_uuid: UUID, map_uuid: UUID | None = None
) -> HttpResponse:
    """One map of the network (the latest by default), its ties, and what changed before it."""
    household, trajectory = selectors.network_for_user_or_404(request.user, household_uuid)
    page = selectors.network_page(trajectory, map_uuid)
    context = {
        "household": household,
        "trajectory": trajectory,
        "page": page,
        "editable": rules.may_edit_network(request.user, trajectory),
        "reason": policy.reason_to_see(request.user, household, trajectory),
    }
    log_read(request, household, trajectory, "network map")
    return render(request, "network/network.html", context)


@require_GET
def network_compare(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Two moments side by side, with the differences in words."""
    household, trajectory = selectors.network_for_user_or_404(request.user, household_uuid)
    page = selectors.compare_page(trajectory, request.GET.get("from"), request.GET.get("to"))
    context = {
        "household": household,
        "trajectory": trajectory,
        "page": page,
        "reason": policy.reason_to_see(request.user, household, trajectory),
    }
    log_read(request, household, trajectory, "network comparison")
    return render(request, "network/compare.html", context)


# ---- maps ----


@require_http_methods(["GET", "POST"])
def network_new(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """A new moment: a copy of an earlier map to update, or an empty one."""
    household, trajectory = _editable(request, household_uuid)
    maps = selectors.maps_of(trajectory)
    form = NewMapForm(request.POST or None, maps=maps)
    if request.method == "POST":
        if submit(
            form,
            lambda _data: services.network_map_create(
                trajectory=trajectory,
                by=request.user,
                moment=form.cleaned_data["moment"],
                drawn_on=form.cleaned_data["drawn_on"],
                strengths=form.cleaned_data["strengths"],
                copy_from=form.copy_from(),
            ),
        ):
            if form.copy_from() is None:
                messages.success(request, _("The map is made. Who is around the household?"))
                return redirect("network_tie_new", household.uuid, form.saved.uuid)
            messages.success(request, _("The map is copied. Now change what is different."))
            return redirect(_map_url(household, form.saved, "ties"))
    else:
        log_form_read(request, household, trajectory)
    return _page(request, "network/map_new.html", form, household, trajectory, first=not maps)


@require_http_methods(["GET", "POST"])
def network_map_edit(request: HttpRequest, household_uuid: UUID, map_uuid: UUID) -> HttpResponse:
    """Correct a map's moment or day, and write what goes well."""
    household, trajectory = _editable(request, household_uuid)
    network_map = selectors.map_in(trajectory, map_uuid)
    initial = {
        "moment": network_map.moment,
        "drawn_on": network_map.drawn_on,
        "strengths": network_map.strengths,
        "version": network_map.version,
    }
    form = MapEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if submit(
            form,
            lambda data: services.network_map_edit(
                network_map=network_map, by=request.user, **data
            ),
        ):
            messages.success(request, _("The map is saved."))
            return redirect(_map_url(household, form.saved))
    else:
        log_form_read(request, household, trajectory)
    return _page(request, "network/map_edit.html", form, household, trajectory, network_map)


# ---- ties ----


@require_http_methods(["GET", "POST"])
def network_tie_new(request: HttpRequest, household_uuid: UUID, map_uuid: UUID) -> HttpResponse:
    """Add a person or organisation; "save and add another" keeps the buddy on this form."""
    household, trajectory = _editable(request, household_uuid)
    network_map = selectors.map_in(trajectory, map_uuid)
    form = TieForm(request.POST or None)
    if request.method == "POST":
        if submit(
            form,
            lambda _data: services.tie_add(
                network_map=network_map, by=request.user, **form.service_arguments()
            ),
        ):
            messages.success(request, _("%(name)s is on the map.") % {"name": form.saved.name})
            if "another" in request.POST:
                return redirect("network_tie_new", household.uuid, network_map.uuid)
            return redirect(_map_url(household, network_map, "ties"))
    else:
        log_form_read(request, household, trajectory)
    return _page(request, "network/tie_new.html", form, household, trajectory, network_map)


@require_http_methods(["GET", "POST"])
def network_tie_edit(
    request: HttpRequest, household_uuid: UUID, map_uuid: UUID, tie_uuid: UUID
) -> HttpResponse:
    """Change a tie: stronger, weaker, what it does; or take it off the map."""
    household, trajectory = _editable(request, household_uuid)
    network_map = selectors.map_in(trajectory, map_uuid)
    tie = selectors.tie_in(network_map, tie_uuid)
    initial = {
        "name": tie.name,
        "who": ORGANISATION if tie.is_organisation else PERSON,
        "kind": tie.kind,
        "strength": tie.strength,
        "flow": tie.flow,
        "note": tie.note,
        "version": tie.version,
    }
    form = TieEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if submit(
            form,
            lambda data: services.tie_edit(
                tie=tie,
                by=request.user,
                version=data["version"],
                **form.service_arguments(),
            ),
        ):
            messages.success(request, _("The tie is saved."))
            return redirect(_map_url(household, network_map, "ties"))
    else:
        log_form_read(request, household, trajectory)
    return _page(
        request,
        "network/tie_edit.html",
        form,
        household,
        trajectory,
        network_map,
        tie=tie,
        remove_form=TieRemoveForm(initial={"version": tie.version}),
    )


def _removal(household: Household, network_map: NetworkMap, tie) -> Confirmation:
    return Confirmation(
        title=_("Take %(name)s off this map?") % {"name": tie.name},
        lead=_("%(name)s goes off this map, with what you wrote about them here.")
        % {"name": tie.name},
        afterwards=_(
            "The earlier maps keep them. To have them on this map again, add them once more."
        ),
        button=_("Yes, take them off"),
        cancel_url=reverse("network_tie_edit", args=[household.uuid, network_map.uuid, tie.uuid]),
    )


@require_POST
def network_tie_remove(
    request: HttpRequest, household_uuid: UUID, map_uuid: UUID, tie_uuid: UUID
) -> HttpResponse:
    """Take a tie off this map; earlier maps keep it."""
    household, trajectory = _editable(request, household_uuid)
    network_map = selectors.map_in(trajectory, map_uuid)
    tie = selectors.tie_in(network_map, tie_uuid)
    form = TieRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Open the tie again and remove it from there."))
        return redirect("network_tie_edit", household.uuid, network_map.uuid, tie.uuid)
    if not confirmed(request):
        log_form_read(request, household, trajectory)
        return confirm_page(request, _removal(household, network_map, tie), form)
    try:
        services.tie_remove(tie=tie, by=request.user, version=form.cleaned_data["version"])
    except Overtaken as overtaken:
        # Changed since it was opened: show it as it is now, to decide again.
        messages.error(request, overtaken.message)
        return redirect("network_tie_edit", household.uuid, network_map.uuid, tie.uuid)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(_map_url(household, network_map, "ties"))
    messages.success(request, _("%(name)s is off this map.") % {"name": tie.name})
    return redirect(_map_url(household, network_map, "ties"))
