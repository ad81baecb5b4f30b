"""The participant's own plan in their portal: print it, write how it goes, tick off their steps.

The participant co-owns the plan but does not rewrite it: goals and other people's actions stay
with the buddy. They add notes and small successes (always marked as their own words) and tick
off the actions that are theirs (their own, or together with the buddy), without undo: a
mistaken tick is a small thing their buddy can put right.
"""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.access.audit import audit_own_read

from . import selectors
from .pages import add_note, tick
from .rules import is_participant_of


@require_GET
def my_plan_print(request: HttpRequest) -> HttpResponse:
    household, trajectory = selectors.own_plan_or_404(request.user)
    context = {
        "household": household,
        "trajectory": trajectory,
        "plan": selectors.plan_of(trajectory),
        "back_url": reverse("my_file"),
        "portal": True,
        "sheet_language": translation.get_language(),
    }
    audit_own_read(request, household, "plan print")
    return render(request, "plans/print.html", context)


def _writing_participant(request: HttpRequest):
    household, trajectory = selectors.own_plan_or_404(request.user)
    policy.require(is_participant_of(request.user, trajectory))
    return household, trajectory


@require_http_methods(["GET", "POST"])
def my_note_new(request: HttpRequest, goal_uuid: UUID) -> HttpResponse:
    household, trajectory = _writing_participant(request)
    goal = selectors.goal_in(trajectory, goal_uuid)
    return add_note(request, household, trajectory, goal, portal=True)


@require_POST
def my_action_done(request: HttpRequest, action_uuid: UUID) -> HttpResponse:
    household, trajectory = _writing_participant(request)
    action = selectors.action_in(trajectory, action_uuid)
    policy.require(action.is_participants_own)
    return tick(request, household, action, portal=True)
