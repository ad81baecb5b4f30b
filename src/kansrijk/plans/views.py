"""The household's plan: the page, its print view, and small forms to change it.

Quick changes (tick an action off, write a note, celebrate a success) answer htmx with only the
changed part of the page, and a plain form post with a redirect back to the goal: they work
without JavaScript too.
"""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.frameworks.models import Domain
from kansrijk.frameworks.selectors import framework_for
from kansrijk.people.languages import her_language, participant_language
from kansrijk.people.models import Household
from kansrijk.trajectories.models import Trajectory
from kansrijk.trajectories.pages import log_form_read

from . import rules, selectors, services
from .forms import MY_WORDS, OWN_WORDS, ActionForm, GoalEditForm, GoalForm, GoalStatusForm
from .models import Goal
from .pages import add_note, attach_note_forms, goal_url, log_read, tick


def _editable_plan(request: HttpRequest, household_uuid: UUID) -> tuple[Household, Trajectory]:
    household, trajectory = selectors.plan_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_edit_plan(request.user, trajectory))
    return household, trajectory


def _closed(request: HttpRequest, household: Household, goal: Goal) -> HttpResponse:
    messages.info(request, _("This goal is closed. Make a new goal instead."))
    return redirect(goal_url(household, goal))


def _page(request, template: str, context: dict, form) -> HttpResponse:
    return render(request, template, context, status=422 if form.errors else 200)


@require_GET
def plan(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """The plan: goals per life domain with their actions, progress and small successes."""
    household, trajectory = selectors.plan_for_user_or_404(
        request.user, household_uuid, with_wishes=True
    )
    the_plan = selectors.plan_of(trajectory)
    editable = rules.may_edit_plan(request.user, trajectory)
    if editable:
        attach_note_forms(the_plan, portal=False)
    context = {
        "household": household,
        "trajectory": trajectory,
        "plan": the_plan,
        "editable": editable,
        "reason": policy.reason_to_see(request.user, household, trajectory),
        "wishes": selectors.wishes_of(trajectory),
        "proposals": selectors.open_proposals(trajectory),
        "her_language": her_language(household),
    }
    log_read(request, household, trajectory, "plan page")
    return render(request, "plans/plan.html", context)


@require_GET
def plan_print(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """One page to leave on the kitchen table: open goals, their actions, recent successes."""
    household, trajectory = selectors.plan_for_user_or_404(request.user, household_uuid)
    # The buddy's one tap (`?language=ar`): the sheet in her language, the page around it in
    # his. Only a participant language is accepted; anything else is no page.
    asked = request.GET.get("language")
    sheet_language = participant_language(asked) if asked else translation.get_language()
    if sheet_language is None:
        raise Http404
    context = {
        "household": household,
        "trajectory": trajectory,
        "plan": selectors.plan_of(trajectory),
        "back_url": reverse("plan", args=[household.uuid]),
        "sheet_language": sheet_language,
    }
    log_read(request, household, trajectory, "plan print")
    return render(request, "plans/print.html", context)


def _goal_start(request: HttpRequest, domains: list[Domain]) -> dict:
    """What a new goal starts with: a chosen example's words, or a chosen domain."""
    example = selectors.goal_template(request.GET.get("example"))
    code = example.domain_code if example else request.GET.get("domain", "")
    initial: dict = {}
    domain = next((d for d in domains if d.code == code), None)
    if domain is not None:
        initial["domain"] = domain.pk
    if example is not None:
        initial.update(text=example.display_text, basic_calm=example.basic_calm)
    return initial


def _examples(domains: list[Domain], templates: dict, chosen: int | None) -> list:
    """The examples per domain; only the chosen domain's, when a domain was chosen."""
    shown = [d for d in domains if d.pk == chosen] or domains
    return [(d, templates[d.code]) for d in shown if d.code in templates]


@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    domains = list(framework_for(household.programme).domains.all())
    initial = _goal_start(request, domains)
    form = GoalForm(request.POST or None, domains=domains, initial=initial)
    if request.method == "POST":
        if submit(
            form,
            lambda _data: services.goal_create(
                trajectory=trajectory, by=request.user, **form.service_arguments()
            ),
        ):
            messages.success(request, _("The goal is added. What is the first step?"))
            return redirect("action_new", household.uuid, form.saved.uuid)
    else:
        log_form_read(request, household, trajectory)
    templates = selectors.goal_templates(domains)
    context = {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "examples": _examples(domains, templates, initial.get("domain")),
        "chosen_domain": initial.get("domain"),
    }
    return _page(request, "plans/goal_new.html", context, form)


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, household_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    goal = selectors.goal_in(trajectory, goal_uuid)
    if goal.is_closed:
        return _closed(request, household, goal)
    domains = list(framework_for(household.programme).domains.all())
    if goal.domain not in domains:
        domains.insert(0, goal.domain)
    initial = {
        "domain": goal.domain_id,
        "text": goal.text,
        "words": OWN_WORDS if goal.in_own_words else MY_WORDS,
        "basic_calm": goal.basic_calm,
        "target_on": goal.target_on,
        "version": goal.version,
    }
    form = GoalEditForm(request.POST or None, domains=domains, initial=initial)
    if request.method == "POST":
        if submit(
            form,
            lambda data: services.goal_edit(
                goal=goal,
                by=request.user,
                version=data["version"],
                **form.service_arguments(),
            ),
        ):
            messages.success(request, _("The goal is saved."))
            return redirect(goal_url(household, form.saved))
    else:
        log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "goal": goal,
        "form": form,
        "title": _("Change the goal"),
    }
    return _page(request, "plans/goal_edit.html", context, form)


@require_http_methods(["GET", "POST"])
def goal_status(request: HttpRequest, household_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    goal = selectors.goal_in(trajectory, goal_uuid)
    if goal.is_closed:
        return _closed(request, household, goal)
    form = GoalStatusForm(
        request.POST or None, initial={"version": goal.version, "new_text": goal.text}
    )
    if request.method == "POST":
        if submit(form, lambda data: services.goal_set_status(goal=goal, by=request.user, **data)):
            messages.success(request, _status_message(form.saved))
            return redirect(goal_url(household, form.saved))
    else:
        log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "goal": goal,
        "form": form,
        "title": _("Achieved, adjust or stop"),
    }
    return _page(request, "plans/goal_status.html", context, form)


def _status_message(goal: Goal) -> str:
    return {
        "achieved": _("Goal achieved. That is worth celebrating!"),
        "adjusted": _("The goal is adjusted. Its earlier words are kept in the notes."),
        "dropped": _("The goal is stopped. The reason is kept in the notes."),
    }[goal.status]


@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, household_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    goal = selectors.goal_in(trajectory, goal_uuid)
    if goal.is_closed:
        return _closed(request, household, goal)
    form = ActionForm(request.POST or None)
    if request.method == "POST":
        if submit(form, lambda data: services.action_add(goal=goal, by=request.user, **data)):
            messages.success(request, _("The step is added."))
            if "another" in request.POST:
                return redirect("action_new", household.uuid, goal.uuid)
            return redirect(goal_url(household, goal))
    else:
        log_form_read(request, household, trajectory)
    context = {"household": household, "trajectory": trajectory, "goal": goal, "form": form}
    return _page(request, "plans/action_new.html", context, form)


@require_POST
def action_done(request: HttpRequest, household_uuid: UUID, action_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    action = selectors.action_in(trajectory, action_uuid)
    return tick(request, household, action, portal=False)


@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, household_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    goal = selectors.goal_in(trajectory, goal_uuid)
    return add_note(request, household, trajectory, goal, portal=False)


@require_POST
def note_celebrate(request: HttpRequest, household_uuid: UUID, note_uuid: UUID) -> HttpResponse:
    household, trajectory = _editable_plan(request, household_uuid)
    note = selectors.note_in(trajectory, note_uuid)
    try:
        note = services.note_celebrate(note=note, by=request.user)
    except Refused as refusal:
        flash, level = refusal.message, messages.ERROR
    else:
        flash, level = _("Celebrated! Well done, both of you."), messages.SUCCESS
    if request.htmx:
        context = {"household": household, "note": note, "editable": True, "flash": flash}
        return render(request, "plans/_note.html", context)
    messages.add_message(request, level, flash)
    return redirect(goal_url(household, note.goal))
