"""The coordinator's selection pages: the board, a candidate's steps, the programme's Academie
settings. For the coordinators of the programme in the URL; anyone else gets a 404."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.core.files import attachment
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role

from .. import selectors, services
from ..choices import BOARD_STAGES, Stage
from ..forms import (
    CandidateForm,
    DateStepForm,
    DecisionForm,
    InterviewForm,
    ReferenceForm,
    RejectForm,
    SettingsForm,
    VogForm,
    VogScanForm,
)
from ..models import Candidate

# The candidate's page shows the newest scans of the VOG; a renewed VOG adds one every few years.
VOG_SCANS_SHOWN = 5


@require_GET
def candidates(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The selection as a board: a column per stage, from application to active buddy."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    found = selectors.board(programme)
    context = {
        "programme": programme,
        "columns": found.columns,
        "rejected": found.rejected,
        "active": found.active,
    }
    return render(request, "academy/board.html", context)


@require_http_methods(["GET", "POST"])
def candidate_new(request: HttpRequest, programme_slug: str) -> HttpResponse:
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    form = CandidateForm(request.POST or None, programme=programme)
    made: list[Candidate] = []

    def apply(data: dict[str, Any]) -> None:
        made.append(services.candidate_apply(programme=programme, by=request.user, **data))

    if request.method == "POST" and submit(form, apply):
        messages.success(request, _("The application is recorded."))
        return redirect("academy_candidate", programme.slug, made[0].uuid)
    context = {"programme": programme, "form": form}
    return render(
        request, "academy/candidate_new.html", context, status=422 if form.errors else 200
    )


# The steps on a candidate's page: (form, service call, message when done).
Step = tuple[type[forms.Form], Callable[..., Any], str]


def _steps(request: HttpRequest, candidate: Candidate) -> dict[str, Step]:
    by = request.user

    def common(data: dict[str, Any]) -> dict[str, Any]:
        return {"candidate": candidate, "by": by, "version": data["version"]}

    return {
        "interview": (
            InterviewForm,
            lambda d: services.interview_record(
                **common(d), held_on=d["held_on"], notes=d["notes"]
            ),
            _("The interview is recorded."),
        ),
        "accept": (
            DecisionForm,
            lambda d: services.candidate_accept(**common(d), reason=d["reason"]),
            _("Selected. Next: the certificate of conduct (VOG)."),
        ),
        "reject": (
            RejectForm,
            lambda d: services.candidate_reject(
                **common(d), reason=d["reason"], message=d["message"]
            ),
            _("The decision is recorded and the message is sent."),
        ),
        "vog_requested": (
            DateStepForm,
            lambda d: services.vog_request(**common(d), requested_on=d["on"]),
            _("The request for the VOG is recorded."),
        ),
        "vog_received": (
            VogForm,
            lambda d: services.vog_receive(
                **common(d), received_on=d["received_on"], expires_on=d["expires_on"]
            ),
            _("The certificate of conduct is recorded."),
        ),
        "references": (
            ReferenceForm,
            lambda d: services.reference_check(**common(d), checked_on=d["on"], note=d["note"]),
            _("The reference check is recorded."),
        ),
        "agreement": (
            DateStepForm,
            lambda d: services.agreement_sign(**common(d), signed_on=d["on"]),
            _("The agreement is signed. Enrol the new buddy in the Academie's courses."),
        ),
        "activate": (
            forms.Form,
            lambda d: services.candidate_activate(candidate=candidate, by=by, version=None),
            _("Welcome! The buddy is active and can be matched."),
        ),
    }


# Which steps a stage offers, the next one first.
STAGE_STEPS = {
    Stage.APPLIED: ["interview", "reject"],
    Stage.INTERVIEW: ["accept", "interview", "reject"],
    Stage.VOG: ["vog_received", "vog_requested", "reject"],
    Stage.REFERENCES: ["references", "reject"],
    Stage.AGREEMENT: ["agreement", "reject"],
    Stage.TRAINING: ["activate", "reject"],
    Stage.ACTIVE: ["vog_received"],
}


@require_http_methods(["GET", "POST"])
def candidate_page(request: HttpRequest, programme_slug: str, candidate_uuid: UUID) -> HttpResponse:
    """One candidate: what they wrote, what happened so far, and the next step as a form."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    candidate = selectors.candidate_or_404(programme, candidate_uuid)
    steps = _steps(request, candidate)
    offered = STAGE_STEPS.get(candidate.stage, [])
    initial = {"version": candidate.version}
    if "reject" in offered:
        initial["message"] = services.rejection_text(candidate, request.user)
    bound = request.POST.get("step") if request.method == "POST" else None
    shown = {}
    for name in offered:
        form_class = steps[name][0]
        data = request.POST if name == bound else None
        shown[name] = form_class(data, initial=initial, prefix=name)
    if bound in shown:
        form_class, call, done = steps[bound]
        if submit(shown[bound], call):
            messages.success(request, done)
            return redirect("academy_candidate", programme.slug, candidate.uuid)
    elif request.method == "POST":
        messages.error(request, _("This step is not possible now."))
        return redirect("academy_candidate", programme.slug, candidate.uuid)
    if candidate.stage == Stage.REJECTED:
        shown = {}
    context = {
        "programme": programme,
        "candidate": candidate,
        "interviews": candidate.interviews.select_related("by"),
        "steps": shown,
        "blocks": services.activation_blocks(candidate)
        if candidate.stage == Stage.TRAINING
        else [],
        "courses": selectors.courses_attended(candidate.user) if candidate.user_id else [],
        "stages": _stage_states(candidate),
        "vog_scans": selectors.vog_scans(candidate)[:VOG_SCANS_SHOWN],
    }
    failed = any(f.errors for f in shown.values())
    return render(request, "academy/candidate.html", context, status=422 if failed else 200)


@require_http_methods(["GET", "POST"])
def vog_scan_new(request: HttpRequest, programme_slug: str, candidate_uuid: UUID) -> HttpResponse:
    """Keep the scan of the candidate's certificate of conduct (VOG) with their file."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    candidate = selectors.candidate_or_404(programme, candidate_uuid)
    form = VogScanForm(request.POST, request.FILES) if request.method == "POST" else VogScanForm()

    def keep(data: dict[str, Any]) -> object:
        return services.vog_scan_add(candidate=candidate, by=request.user, upload=data["file"])

    if request.method == "POST" and submit(form, keep):
        messages.success(request, _("The scan of the VOG is kept with the buddy's file."))
        return redirect("academy_candidate", programme.slug, candidate.uuid)
    context = {"programme": programme, "candidate": candidate, "form": form}
    return render(request, "academy/vog_scan_new.html", context, status=422 if form.errors else 200)


@require_GET
def vog_scan(
    request: HttpRequest, programme_slug: str, candidate_uuid: UUID, scan_uuid: UUID
) -> HttpResponse:
    """Download the scan of a VOG: only the programme's coordinators; logged."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    candidate = selectors.candidate_or_404(programme, candidate_uuid)
    scan = selectors.vog_scan_or_404(candidate, scan_uuid)
    audit_read(request, detail=f"VOG scan {scan.uuid}", role=Role.COORDINATOR)
    return attachment(scan.content, scan.kind, scan.name)


def _stage_states(candidate: Candidate) -> list[tuple[Stage, str]]:
    """The stages for the step bar: done, the current one, and those still to come."""
    order = list(BOARD_STAGES)
    now = order.index(candidate.stage) if candidate.stage in order else -1
    return [
        (stage, "is-done" if i < now else "is-current" if i == now else "")
        for i, stage in enumerate(order)
    ]


@require_http_methods(["GET", "POST"])
def academy_settings(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """What a buddy of this programme needs before matching; how long rejected data stays."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    current = selectors.settings_for(programme)
    initial = {
        "version": current.version,
        "required_courses": list(current.required_courses.all()) if current.pk else [],
        "requires_vog": current.requires_vog,
        "vog_valid_years": current.vog_valid_years,
        "rejected_retention_days": current.rejected_retention_days,
    }
    form = SettingsForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> None:
        services.settings_save(programme=programme, by=request.user, **data)

    if request.method == "POST" and submit(form, save):
        messages.success(request, _("Saved. Matching uses these rules from now on."))
        return redirect("buddy_profiles", programme.slug)
    context = {"programme": programme, "form": form}
    return render(request, "academy/settings.html", context, status=422 if form.errors else 200)
