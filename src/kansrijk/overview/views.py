"""Role home pages and the household file."""

from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from kansrijk.academy.selectors import buddy_page
from kansrijk.access import policy
from kansrijk.access.audit import audit_read, parts_named
from kansrijk.access.models import BY_ORGANISATION
from kansrijk.access.selectors import (
    consented_households,
    households_consenting_to,
    organisations_with_people,
)
from kansrijk.contacts.appointments.selectors import week_ahead
from kansrijk.core.dates import today
from kansrijk.core.forms import number_from
from kansrijk.escalation.selectors import queue_summary
from kansrijk.partners import rules as partner_rules
from kansrijk.people.choices import Role
from kansrijk.plans.selectors import waiting_proposals
from kansrijk.reports.reach import cached_reach, reach_sentence, reach_table
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.selectors import (
    trajectory_for_user_or_404,
    waiting_per_area,
)

from . import rules, selectors
from .next_steps import next_steps
from .timeline import timeline_page

HOUSEHOLDS_PER_PAGE = 25
# Besides one phase, the household list can show all open trajectories (the default) or all.
OPEN, ALL = "open", "all"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the page of their main role."""
    roles = policy.roles_of(request.user)
    if not roles and policy.own_household(request.user) is not None:
        return redirect("my_file")
    if not roles and request.user.organisation_id is not None:
        return redirect("organisation_home")
    held = {r.role for r in roles}
    coordinated = [r.programme for r in roles if r.role == Role.COORDINATOR]
    if len(coordinated) == 1 and held == {Role.COORDINATOR}:
        return redirect("programme", coordinated[0].slug)
    if held == {Role.BUDDY}:
        return redirect("buddy_home")
    if held == {Role.BACKUP}:
        return redirect("backup_home")
    if held == {Role.FUNDER}:
        return redirect("figures")
    if held == {Role.DOORBRAAK}:
        return redirect("doorbraak_cases")
    if held == {Role.REFERRER} and partner_rules.may_refer(request.user):
        return redirect("my_referrals")
    return render(request, "overview/home.html", {"roles": roles})


@require_GET
def organisation_home(request: HttpRequest) -> HttpResponse:
    """For a person of a partner organisation: the households whose participant lets their
    organisation see her file, with which parts and until when. Shows only their own."""
    households = households_consenting_to(request.user)
    page = Paginator(households, HOUSEHOLDS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = consented_households(request.user, page.object_list)
    if page.object_list:
        audit_read(request, detail="household list organisation", role=BY_ORGANISATION)
    context = {"organisation": request.user.organisation, "page_obj": page}
    return render(request, "overview/organisation_home.html", context)


@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    """For coordinators: the partner organisations a participant can name in a consent, and
    who works there (their people are managed in the admin)."""
    policy.require(rules.may_see_organisations(request.user))
    page = Paginator(organisations_with_people(), HOUSEHOLDS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "overview/organisations.html", {"page_obj": page})


@require_GET
def programme(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The coordinator's dashboard: phases, who needs attention, the year's reach. The list of
    households is a page of its own (the menu's "Households"), so a phone need not scroll it."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    prefetch_related_objects([programme], "areas")
    dashboard = selectors.programme_dashboard(request.user, programme)
    figures = cached_reach(
        programme,
        list(programme.areas.all()),
        year=today().year,
        until=today(),
        version=dashboard.figures_version,
    )
    reach_figures = reach_table(figures)
    context = {
        "dashboard": dashboard,
        "reach_table": reach_figures,
        "reach_sentence": reach_sentence(figures, reach_figures.rows[-1][2]),
        "programme": programme,
    }
    _audit_list(request, programme)
    return render(request, "overview/programme.html", context)


@require_GET
def programme_households(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The household list alone: the filter swaps it in with htmx, and it works without."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated.prefetch_related("areas"), slug=programme_slug)
    context = _household_list_context(request, programme)
    _audit_list(request, programme)
    template = "overview/_household_list.html" if request.htmx else "overview/households.html"
    return render(request, template, context)


@require_GET
def waiting_list(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Who waits for their year to start, per area: how many, how long, and who."""
    coordinated = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(coordinated, slug=programme_slug)
    trajectories = selectors.programme_trajectories(request.user, programme)
    context = {
        "programme": programme,
        "areas": waiting_per_area(trajectories, list(programme.areas.all())),
    }
    _audit_list(request, programme, what="waiting list")
    return render(request, "overview/waiting.html", context)


def _audit_list(request: HttpRequest, programme, what: str = "household list") -> None:
    """A list of names is a read too: one entry for the list, not one per household."""
    audit_read(
        request,
        detail=f"{what} {programme.slug} {request.GET.urlencode()}",
        role=Role.COORDINATOR,
        purpose="",
    )


def _household_list_context(request: HttpRequest, programme) -> dict:
    requested = request.GET.get("phase", OPEN)
    phase = requested if requested in (*Phase.values, OPEN, ALL) else OPEN
    area = request.GET.get("area", "")
    rows = selectors.household_rows(request.user, programme, phase, area)
    page = Paginator(rows, HOUSEHOLDS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "programme": programme,
        "page_obj": page,
        "phase_filter": phase,
        "area_filter": area,
        "phases": Phase.choices,
    }


@require_GET
def household(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """The household's file: phase, dates, what is due, people, history."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    file = selectors.household_file(request.user, household, trajectory)
    due_now = any(d.overdue or d.upcoming for d in file.due)
    file.actions = next_steps(request.user, trajectory, due_now)
    audit_read(
        request,
        household=household,
        detail=f"household page: {parts_named(file.sight.parts)}",
        role=file.reason.role,
    )
    return render(request, "overview/household.html", {"file": file})


@require_GET
def household_timeline(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Everything that happened in the household's year, newest first, a page at a time."""
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    number = number_from(request.GET.get("page"), min_value=1) or 1
    reason = policy.reason_to_see(request.user, household, trajectory)
    audit_read(
        request,
        household=household,
        detail=f"timeline page {number}: "
        + parts_named(policy.visible_parts(request.user, household, trajectory)),
        role=reason.role,
    )
    context = {
        "household": household,
        "trajectory": trajectory,
        "page": timeline_page(request.user, trajectory, number),
    }
    return render(request, "overview/timeline.html", context)


@require_GET
def buddy_home(request: HttpRequest) -> HttpResponse:
    """My households: the one or two households this buddy coaches."""
    mine = selectors.buddy_households(
        selectors.visible_trajectories(request.user).filter(buddy=request.user)
    )
    context = {
        "coached": mine.coached,
        "to_start": mine.to_start,
        "week": week_ahead(mine.ids),
        "proposals": waiting_proposals(mine.ids),
        "buddy_programmes": [
            r.programme for r in policy.roles_of(request.user) if r.role == Role.BUDDY
        ],
        # Training, sessions, Buddy Buildings, backup professional and break (`academy`).
        "academy": buddy_page(request.user) if policy.has_role(request.user, Role.BUDDY) else None,
    }
    return render(request, "overview/buddy_home.html", context)


@require_GET
def backup_home(request: HttpRequest) -> HttpResponse:
    """The buddies and households this backup professional backs up."""
    mine = selectors.visible_trajectories(request.user).filter(backup=request.user)
    context = {
        "coached": selectors.coached_households(mine),
        "without_consent": selectors.backed_without_consent(request.user),
        "queue": queue_summary(request.user),
    }
    return render(request, "overview/backup_home.html", context)
