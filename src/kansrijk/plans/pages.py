"""What the plan's views share: logging reads, the note form each goal carries on the page,
and the quick changes both the staff's plan page and the participant's portal make (ticking
an action off, writing a note). Forms are saved by `core.forms.submit`."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext

from kansrijk.access import policy
from kansrijk.access.audit import audit_own_read, audit_read
from kansrijk.core.forms import submit
from kansrijk.core.submissions import submission_saved
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.models import Household, User
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import log_form_read

from .forms import ActionDoneForm, MyNoteForm, NoteForm, ProposalForm
from .models import Action, Goal, ProgressNote
from .rules import is_participant_of
from .selectors import Plan, goal_on_page, plan_of, proposals_of
from .services import action_set_done, note_add


def log_read(request: HttpRequest, household: Household, trajectory: Trajectory, what: str):
    """A plan page shows the participant's goals: log the read, in the role it was read in."""
    role = policy.acting_role(request.user, household, trajectory)
    audit_read(
        request,
        household=household,
        detail=what,
        role=role,
    )


def note_form_for(goal: Goal, *, portal: bool, data: Any = None) -> forms.Form:
    """The small "how is it going?" form under a goal; field ids unique on the page."""
    form_class = MyNoteForm if portal else NoteForm
    return form_class(data, auto_id=f"note-{goal.uuid.hex[:12]}-%s")


def attach_note_forms(plan: Plan, *, portal: bool) -> None:
    for goal in plan.goals:
        if not goal.is_closed:
            goal.note_form = note_form_for(goal, portal=portal)


def portal_plan_context(
    user: User, household: Household, trajectory: Trajectory | None
) -> dict[str, Any]:
    """The participant's own plan for their portal page; read-only once the year is over."""
    if trajectory is None or trajectory.matched_on is None:
        return {"plan": None}
    trajectory.household = household
    plan = plan_of(trajectory)
    writes = is_participant_of(user, trajectory)
    if writes:
        attach_note_forms(plan, portal=True)
    return {"plan": plan, "participant_writes": writes, "portal": True}


# ---- the quick changes, shared by the plan page and the participant's portal ----


def goal_url(household: Household, goal: Goal, *, portal: bool = False) -> str:
    """Back to the goal on the page it is shown on."""
    page = reverse("my_file") if portal else reverse("plan", args=[household.uuid])
    return f"{page}#goal-{goal.uuid}"


def _partial_context(household: Household, *, portal: bool, **extra: Any) -> dict[str, Any]:
    return {
        "household": household,
        "portal": portal,
        "editable": not portal,
        "participant_writes": portal,
        **extra,
    }


def tick(request: HttpRequest, household: Household, action: Action, *, portal: bool):
    """Tick an action off (or, for staff, undo that): htmx gets the action's row back."""
    form = ActionDoneForm(request.POST)
    if submit(
        form,
        lambda data: action_set_done(
            action=action,
            by=request.user,
            version=data["version"],
            done=data["state"] == ActionDoneForm.DONE,
        ),
    ):
        action, level = form.saved, messages.SUCCESS
        flash = (
            pgettext("participant", "Done. Well done!")
            if action.is_done
            else pgettext("participant", "The step is open again.")
        )
    else:
        action = form.overtaken or action
        level, flash = (
            messages.ERROR,
            " ".join(form.non_field_errors()) or pgettext("participant", "Try again."),
        )
    if request.htmx:
        context = _partial_context(household, portal=portal, action=action, flash=flash)
        return render(request, "plans/_action.html", context)
    messages.add_message(request, level, flash)
    return redirect(goal_url(household, action.goal, portal=portal))


def add_note(
    request: HttpRequest, household: Household, trajectory: Trajectory, goal: Goal, *, portal: bool
):
    """A note or a small success under a goal: inline with htmx, or as a page of its own."""
    if goal.is_closed:
        messages.info(
            request, pgettext("participant", "This goal is closed: it takes no new notes.")
        )
        return redirect(goal_url(household, goal, portal=portal))
    form = note_form_for(goal, portal=portal, data=request.POST or None)
    note = None
    if request.method == "POST":
        submit(
            form,
            lambda data: note_add(
                goal=goal,
                by=request.user,
                text=data["text"],
                is_success=data["is_success"],
                by_participant=data.get("by_participant", False),
            ),
        )
        note = form.saved
        if request.htmx:
            if note is not None:
                # The answer is the goal's fragment, not a redirect: say where a repeat goes.
                submission_saved(request, result_url=goal_url(household, goal, portal=portal))
            shown = goal_on_page(goal)
            shown.note_form = note_form_for(shown, portal=portal) if note else form
            flash = _saved_message(note) if note else ""
            context = _partial_context(household, portal=portal, goal=shown, flash=flash)
            return render(request, "plans/_progress.html", context)
        if note is not None:
            messages.success(request, _saved_message(note))
            return redirect(goal_url(household, goal, portal=portal))
    elif portal:
        audit_own_read(request, household, f"form {request.resolver_match.url_name}")
    else:
        log_form_read(request, household, trajectory)
    context = _partial_context(household, portal=portal, goal=goal, form=form)
    return render(request, "plans/note_new.html", context, status=422 if form.errors else 200)


def _saved_message(note: ProgressNote) -> str:
    if note.is_success:
        return pgettext("participant", "A small success! It is on the plan now.")
    return pgettext("participant", "The note is saved.")


def portal_proposals_context(
    user: User, household: Household, trajectory: Trajectory | None
) -> dict[str, Any]:
    """Her proposed goals and, during her year, the form to propose one, for her own page."""
    writes = trajectory is not None and is_participant_of(user, trajectory)
    domains = list(framework_for(household.programme).domains.all()) if writes else []
    return {
        "proposals": proposals_of(trajectory),
        "proposal_form": ProposalForm(domains=domains) if writes else None,
    }
