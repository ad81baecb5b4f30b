"""Goals the participant proposes in her portal, and the buddy's answer on the plan page.

She writes a goal in her own words; her buddy (or the coordinator, or the backup when her
consent covers the plan) takes it into the plan, where her words stay the goal's, or marks it
to talk about first. She sees on her own page what became of it.
"""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.access.audit import audit_own_read
from kansrijk.core.forms import submit
from kansrijk.frameworks.selectors import framework_for
from kansrijk.trajectories.pages import log_form_read

from . import rules, selectors, services
from .forms import DiscussProposalForm, ProposalForm, TakeProposalForm


@require_http_methods(["GET", "POST"])
def my_proposal_new(request: HttpRequest) -> HttpResponse:
    """She proposes a goal; the form also stands on her own page."""
    household, trajectory = selectors.own_plan_or_404(request.user)
    policy.require(rules.is_participant_of(request.user, trajectory))
    domains = list(framework_for(household.programme).domains.all())
    form = ProposalForm(request.POST or None, domains=domains)
    if request.method == "POST" and submit(
        form,
        lambda data: services.proposal_create(
            trajectory=trajectory, by=request.user, text=data["text"], domain=data["domain"]
        ),
    ):
        messages.success(
            request, pgettext("participant", "Thank you. Your buddy sees your goal now.")
        )
        return redirect(reverse("my_file") + "#proposals")
    if request.method == "GET":
        audit_own_read(request, household, "form")
    context = {"household": household, "form": form}
    return render(request, "plans/proposal_new.html", context, status=422 if form.errors else 200)


def _answering(request: HttpRequest, household_uuid: UUID, proposal_uuid: UUID):
    household, trajectory = selectors.plan_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_edit_plan(request.user, trajectory))
    return household, trajectory, selectors.proposal_in(trajectory, proposal_uuid)


@require_http_methods(["GET", "POST"])
def proposal_take(request: HttpRequest, household_uuid: UUID, proposal_uuid: UUID) -> HttpResponse:
    """Take her proposal into the plan: her words stay; choose the domain and a target date."""
    household, trajectory, proposal = _answering(request, household_uuid, proposal_uuid)
    policy.require(proposal.is_open)
    domains = list(framework_for(household.programme).domains.all())
    initial = {"version": proposal.version, "domain": proposal.domain_id}
    form = TakeProposalForm(request.POST or None, domains=domains, initial=initial)
    if request.method == "POST" and submit(
        form,
        lambda data: services.proposal_take(
            proposal=proposal,
            by=request.user,
            version=data["version"],
            domain=data["domain"],
            target_on=data["target_on"],
            basic_calm=data["basic_calm"],
        ),
    ):
        messages.success(
            request,
            _("The goal is in the plan, in the participant's own words. What is the first step?"),
        )
        return redirect("action_new", household.uuid, form.saved.uuid)
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = {"household": household, "trajectory": trajectory, "proposal": proposal, "form": form}
    return render(request, "plans/proposal_take.html", context, status=422 if form.errors else 200)


@require_POST
def proposal_discuss(
    request: HttpRequest, household_uuid: UUID, proposal_uuid: UUID
) -> HttpResponse:
    """Not into the plan yet: talk it over with her first. She sees this answer."""
    household, _trajectory, proposal = _answering(request, household_uuid, proposal_uuid)
    form = DiscussProposalForm(request.POST)
    if submit(
        form,
        lambda data: services.proposal_discuss(
            proposal=proposal, by=request.user, version=data["version"]
        ),
    ):
        messages.success(request, _("Noted: you talk about it together first."))
    else:
        messages.error(request, " ".join(form.non_field_errors()) or _("Try again."))
    return redirect(reverse("plan", args=[household.uuid]) + "#proposals")
