"""Transfer pages: start one from the household's page; the programme's list (incoming and
outgoing); accept, decline or cancel one. Who may act is `rules`; a household page is reached
through `access` (404 otherwise); the services log every step."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.core.confirm import confirmed
from kansrijk.core.forms import submit
from kansrijk.core.phases import Phase
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import rules, selectors, services
from .forms import TransferAcceptForm, TransferDeclineForm, TransferRequestForm

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
def transfer_request(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """The coordinator sends the household to another area, in this or another programme."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(trajectory.is_open and rules.may_request(request.user, household))
    waiting = selectors.open_transfer_of(household)
    form = TransferRequestForm(request.POST or None, household=household)
    saved = request.method == "POST" and submit(
        form,
        lambda data: services.transfer_request(
            household=household, by=request.user, to_area=data["to_area"], reason=data["reason"]
        ),
    )
    if saved:
        transfer = form.saved  # type: ignore[attr-defined]
        if transfer.between_programmes:
            messages.success(
                request,
                _("Sent. The household moves when the coordinator of %(programme)s accepts.")
                % {"programme": transfer.to_programme},
            )
        else:
            messages.success(
                request,
                _("Done: the household now belongs to %(area)s.") % {"area": transfer.to_area},
            )
        return redirect("household", household.uuid)
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = {"household": household, "trajectory": trajectory, "form": form, "waiting": waiting}
    return render(request, "transfers/request.html", context, status=422 if form.errors else 200)


@require_GET
def programme_transfers(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Transfers into and out of the programme: the waiting ones first, then all of them."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    page = Paginator(selectors.transfers_of_programme(programme), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "programme": programme,
        "waiting": list(selectors.waiting_for(programme)[:PER_PAGE]),
        "page_obj": page,
    }
    return render(request, "transfers/programme_transfers.html", context)


def _list_url(programme) -> str:
    return reverse("programme_transfers", args=[programme.slug])


@require_http_methods(["GET", "POST"])
def transfer_accept(request: HttpRequest, transfer_uuid: UUID) -> HttpResponse:
    """The receiving coordinator accepts; the page itself is the confirmation (its button)."""
    transfer = selectors.transfer_for_coordinator_or_404(request.user, transfer_uuid)
    policy.require(rules.may_decide(request.user, transfer))
    phase = selectors.phase_now(transfer)
    needs_buddy = phase == Phase.AFTERCARE
    form = TransferAcceptForm(
        request.POST or None, programme=transfer.to_programme, needs_buddy=needs_buddy
    )
    if confirmed(request) and submit(
        form,
        lambda data: services.transfer_accept(
            transfer=transfer, by=request.user, new_buddy=data.get("buddy")
        ),
    ):
        messages.success(
            request,
            _("Accepted. The household now belongs to %(area)s.") % {"area": transfer.to_area},
        )
        return redirect("household", transfer.household_uuid)  # type: ignore[attr-defined]
    context = {
        "transfer": transfer,
        "form": form,
        "programme": transfer.to_programme,
        # the buddy stops in these phases (`trajectories.services.move_to_programme`)
        "buddy_stops": phase in (Phase.MATCHED, Phase.ACTIVE),
    }
    return render(request, "transfers/accept.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def transfer_decline(request: HttpRequest, transfer_uuid: UUID) -> HttpResponse:
    transfer = selectors.transfer_for_coordinator_or_404(request.user, transfer_uuid)
    policy.require(rules.may_decide(request.user, transfer))
    form = TransferDeclineForm(request.POST or None)
    if request.method == "POST" and submit(
        form,
        lambda data: services.transfer_decline(
            transfer=transfer, by=request.user, reason=data["reason"]
        ),
    ):
        messages.success(request, _("Declined. The household stays where it is."))
        return redirect(_list_url(transfer.to_programme))
    context = {"transfer": transfer, "form": form, "programme": transfer.to_programme}
    return render(request, "transfers/decline.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def transfer_cancel(request: HttpRequest, transfer_uuid: UUID) -> HttpResponse:
    """The sending coordinator takes the transfer back; the page is the confirmation."""
    transfer = selectors.transfer_for_coordinator_or_404(request.user, transfer_uuid)
    policy.require(rules.may_cancel(request.user, transfer))
    form = forms.Form(request.POST or None)
    if confirmed(request) and submit(
        form, lambda data: services.transfer_cancel(transfer=transfer, by=request.user)
    ):
        messages.success(request, _("The transfer is cancelled. The household stays."))
        return redirect("household", transfer.household_uuid)  # type: ignore[attr-defined]
    context = {"transfer": transfer, "form": form, "programme": transfer.from_programme}
    return render(request, "transfers/cancel.html", context, status=422 if form.errors else 200)
