"""Follow-up pages: the coordinator's list of follow-ups due, a household's follow-up form, and
the participant's own question in her portal.

The coordinator's pages start from `access.policy` (the programme she coordinates, a household
she may open) and ask `rules.may_record_follow_up`; the portal page starts from
`policy.own_household_or_404`. Anyone else gets 404. Reads are logged; the service logs writes.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.access.audit import audit_own_read, audit_read
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import current_trajectory

from .. import rules
from . import selectors, services
from .forms import FollowUpForm, MyFollowUpForm

DUE_PER_PAGE = 25


@require_GET
def follow_ups_due(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Closed households whose follow-up (6 or 12 months after closure) is due, oldest first."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    page = Paginator(selectors.follow_ups_due(request.user, programme), DUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [selectors.as_due(t) for t in page.object_list]
    audit_read(request, detail=f"follow-ups due {programme.slug}", role=Role.COORDINATOR)
    context = {"programme": programme, "page_obj": page, "rows": rows}
    return render(request, "outcomes/follow_ups_due.html", context)


def _page(request, template: str, form, **context) -> HttpResponse:
    status = 422 if form is not None and form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, household_uuid) -> HttpResponse:
    """The household's follow-ups after closure: those recorded, and the form of the one due."""
    household = policy.household_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_record_follow_up(request.user, household))
    trajectory = current_trajectory(household)
    policy.require(trajectory is not None)
    trajectory.household = household
    moment = selectors.open_follow_up(trajectory)
    form = None
    if moment is not None:
        outcomes = selectors.outcomes_to_follow(trajectory)
        form = FollowUpForm(request.POST or None, outcomes=outcomes)
        if request.method == "POST" and submit(
            form,
            lambda data: services.follow_up_record(
                trajectory=trajectory,
                by=request.user,
                moment=moment,
                answers=form.answers(),
                reachable=not data["unreachable"],
                note=data["note"],
            ),
        ):
            messages.success(request, _("The follow-up is recorded."))
            return redirect("follow_ups_due", household.programme.slug)
    log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "moment": moment,
        "due_on": selectors.due_on(trajectory, moment) if moment else None,
        "recorded": selectors.follow_ups_of(trajectory),
    }
    return _page(request, "outcomes/follow_up.html", form, **context)


@require_http_methods(["GET", "POST"])
def my_follow_up(request: HttpRequest) -> HttpResponse:
    """The participant answers her own follow-up: does what she reached still hold?"""
    household = policy.own_household_or_404(request.user)
    trajectory = current_trajectory(household)
    moment = selectors.open_follow_up(trajectory)
    form = None
    if trajectory is not None and moment is not None:
        form = MyFollowUpForm(
            request.POST or None, outcomes=selectors.outcomes_to_follow(trajectory)
        )
        if request.method == "POST" and submit(
            form,
            lambda data: services.follow_up_record(
                trajectory=trajectory,
                by=request.user,
                moment=moment,
                answers=form.answers(),
                note=data["note"],
                as_participant=True,
            ),
        ):
            messages.success(request, pgettext("participant", "Thank you! Your answers are saved."))
            return redirect("my_file")
    audit_own_read(request, household, "follow-up")
    return _page(request, "outcomes/my_follow_up.html", form, household=household, moment=moment)
