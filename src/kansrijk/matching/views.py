"""The proposals page: rank buddies, propose, and follow a proposal to both yeses."""

from functools import partial
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.access.choices import ConsentMethod
from kansrijk.core.dates import today, weekday_date
from kansrijk.core.forms import submit
from kansrijk.intake.selectors import referral_wishes_for
from kansrijk.intake.services import referral_consent_renew
from kansrijk.people.choices import Role
from kansrijk.people.models import User
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import selectors, services
from .choices import ProposalStatus, Side
from .forms import (
    AnswerForm,
    ConsentRenewForm,
    IntroForm,
    ProposalForm,
    ProposeForm,
    WishesForm,
)
from .languages import codes_in
from .models import Proposal


def _answered(proposal: Proposal, data: dict[str, Any]) -> str:
    if proposal.status == ProposalStatus.DECLINED:
        return _("%(name)s is declined: not proposed to this household again.") % {
            "name": proposal.buddy
        }
    return _("The yes of %(who)s is written down.") % {"who": Side(data["side"]).label}


def _step(request: HttpRequest, trajectory: Trajectory) -> tuple[type, Any, Any]:
    """The form, service call and message of the step named in the POST's `action`: each
    step says what it did ("Amira is proposed…"), never only "Saved"."""
    user = request.user

    def proposal(data):
        return get_object_or_404(trajectory.proposals, pk=data["proposal"])

    steps = {
        "propose": (
            ProposeForm,
            lambda d: services.proposal_make(
                trajectory=trajectory,
                by=user,
                buddy=get_object_or_404(User, pk=d["buddy"]),
                version=d["version"],
            ),
            lambda made, d: (
                _("%(name)s is proposed. Ask the participant whom they choose.")
                % {"name": made.buddy}
            ),
        ),
        "choose": (
            ProposalForm,
            lambda d: services.proposal_choose(proposal=proposal(d), by=user, version=d["version"]),
            lambda chosen, d: (
                _("The participant chose %(name)s. Plan the introduction.") % {"name": chosen.buddy}
            ),
        ),
        "intro": (
            IntroForm,
            lambda d: services.proposal_plan_intro(
                proposal=proposal(d), by=user, on=d["intro_on"], version=d["version"]
            ),
            lambda planned, d: (
                _("The introduction with %(name)s is planned on %(date)s.")
                % {"name": planned.buddy, "date": weekday_date(planned.intro_on)}
            ),
        ),
        "consent": (
            ConsentRenewForm,
            lambda d: referral_consent_renew(
                trajectory=trajectory,
                by=user,
                on=d["consent_on"],
                method=ConsentMethod(d["consent_method"]),
                version=d["version"],
            ),
            lambda renewed, d: _("The participant's new consent is written down."),
        ),
        "answer": (
            AnswerForm,
            lambda d: services.proposal_answer(
                proposal=proposal(d),
                by=user,
                side=Side(d["side"]),
                yes=d["answer"] == "yes",
                reason=d["reason"],
                version=d["version"],
            ),
            _answered,
        ),
    }
    return steps.get(request.POST.get("action", ""), (None, None, None))


@require_http_methods(["GET", "POST"])
def match(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(
        trajectory.phase == Phase.MATCHING and policy.may_manage(request.user, household)
    )
    if request.method == "POST":
        form_class, call, said = _step(request, trajectory)
        policy.require(form_class is not None)
        form = form_class(request.POST)
        if submit(form, call):
            trajectory.refresh_from_db(fields=["phase"])
            if trajectory.phase == Phase.MATCHED:
                messages.success(
                    request,
                    _("Both said yes. Start the year when they have met for the first time."),
                )
                return redirect("household", household.uuid)
            messages.success(request, said(form.saved, form.cleaned_data))
        else:
            for error in form.errors.values():
                messages.error(request, " ".join(error))
        return redirect("match", household.uuid)
    log_form_read(request, household, trajectory)
    wishes = selectors.wishes_for(trajectory)
    found = selectors.candidates(trajectory, wishes)
    proposals = found.proposed
    consent_ended = selectors.consent_ended_on(trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "proposals": proposals,
        "declined": found.declined,
        "possible": found.possible,
        "impossible": found.impossible,
        "consent_ended_on": consent_ended,
        "consent_form": ConsentRenewForm(initial={"version": trajectory.version}),
        "wishes": wishes,
        "wish_summary": selectors.describe_wishes(trajectory, wishes),
        "referral_wishes": referral_wishes_for(request.user, trajectory),
        "visit_times": selectors.visit_times(trajectory),
        "may_propose": consent_ended is None
        and len(proposals) < services.MAX_OPEN_PROPOSALS
        and all(p.status == "proposed" for p in proposals),
        "sides": Side,
        "today": today(),
    }
    return render(request, "matching/proposals.html", context)


def _pairs_posted(request: HttpRequest) -> list[tuple[UUID, UUID]] | None:
    """The ticked pairs as (household uuid, buddy uuid); None when one is not a pair of uuids."""
    pairs = []
    for value in request.POST.getlist("pair"):
        household, _sep, buddy = value.partition(":")
        try:
            pairs.append((UUID(household), UUID(buddy)))
        except ValueError:
            return None
    return pairs


@require_http_methods(["GET", "POST"])
def batch_matching(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Propose a buddy to every waiting household at once; nothing is saved until confirmed."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated, slug=programme_slug)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "propose":
        pairs = _pairs_posted(request)
        policy.require(pairs is not None)
        outcome = services.proposals_make_batch(programme=programme, by=request.user, pairs=pairs)
        messages.success(request, _("Buddies proposed: %(count)d.") % {"count": len(outcome.made)})
        for refusal in outcome.refused:
            messages.error(request, refusal)
        return redirect("batch_matching", programme.slug)
    policy.require(request.method == "GET" or action == "run")
    # The names of many households are read here: log that first, like any other read.
    audit_read(
        request,
        detail=f"batch matching {programme.slug}",
        role=Role.COORDINATOR,
        purpose="journey",
    )
    found = selectors.waiting_round(request.user, programme)
    context = {
        "programme": programme,
        "round": found,
        "result": selectors.batch_result(found) if action == "run" else None,
    }
    return render(request, "matching/batch.html", context)


@require_http_methods(["GET", "POST"])
def wishes(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """What the participant wishes of a buddy, from the referral until a buddy is found."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(
        trajectory.phase in services.WISHES_PHASES and policy.may_manage(request.user, household)
    )
    current = selectors.wishes_for(trajectory)
    form = WishesForm(
        request.POST or None,
        initial=WishesForm.initial_from(current, trajectory.version),
        buddies=selectors.programme_buddies(household.programme),
        wishes=current,
    )
    call = partial(services.wishes_save, trajectory=trajectory, by=request.user)
    if request.method == "POST" and submit(form, lambda d: call(data=d, version=d["version"])):
        messages.success(request, _("The wishes are saved."))
        target = "match" if trajectory.phase == Phase.MATCHING else "household"
        return redirect(target, household.uuid)
    if request.method == "GET":
        log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "referral": getattr(trajectory, "referral", None),
        "spoken": codes_in(household.languages),
    }
    return render(request, "matching/wishes.html", context, status=422 if form.errors else 200)
