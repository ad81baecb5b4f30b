"""The Buddy Academie's pages: sessions, enrolment, attendance. The Academie is
municipality-wide: every coordinator runs it, buddies see it to enrol."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.forms import ID_BOUNDS, number_from, submit
from kansrijk.people.choices import Role
from kansrijk.people.models import User

from .. import rules, selectors, services
from ..choices import EnrolmentStatus
from ..forms import EnrolBuddyForm, ExternalForm
from ..forms import SessionForm as SessionPlanForm
from ..models import Enrolment, Session

PAST_PER_PAGE = 20


@require_GET
def academie(request: HttpRequest) -> HttpResponse:
    """The coming sessions (with places left) and the sessions held, newest first."""
    policy.require(rules.academy_visitor(request.user))
    past = Paginator(selectors.past_sessions(), PAST_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "upcoming": selectors.upcoming_sessions()[:50],
        "page_obj": past,
        "runs": rules.runs_the_academy(request.user),
        "mine": set(
            Enrolment.objects.filter(user=request.user)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .values_list("session_id", flat=True)
        ),
    }
    return render(request, "academy/academie.html", context)


@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    policy.require(rules.runs_the_academy(request.user))
    form = SessionPlanForm(request.POST or None)
    made: list[Session] = []
    if request.method == "POST" and submit(
        form, lambda d: made.append(services.session_plan(by=request.user, **d))
    ):
        messages.success(request, _("The session is planned."))
        return redirect("academy_session", made[0].uuid)
    return render(
        request, "academy/session_new.html", {"form": form}, status=422 if form.errors else 200
    )


def _trainees() -> Any:
    """Who a coordinator can enrol: buddies, also those in training (role not active yet)."""
    return (
        User.objects.filter(programme_roles__role=Role.BUDDY, is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


def _session_post(request: HttpRequest, session: Session, runs: bool) -> str | None:
    """Do the step the form asked for; answer with a message, or None when it failed."""
    action = request.POST.get("action")
    by = request.user
    if action == "enrol_me":
        enrolment = services.enrol(session=session, by=by, user=by)
        if enrolment.status == EnrolmentStatus.WAITING:
            return _("The session is full: you are on the waiting list.")
        return _("You are enrolled.")
    if action == "cancel":
        enrolment = get_object_or_404(
            Enrolment, session=session, pk=number_from(request.POST.get("enrolment"), **ID_BOUNDS)
        )
        policy.require(runs or enrolment.user_id == by.pk)
        moved_up = services.enrolment_cancel(enrolment=enrolment, by=by)
        if moved_up is not None:
            return _("Cancelled. %(name)s moved up from the waiting list.") % {
                "name": moved_up.name
            }
        return _("Cancelled.")
    policy.require(runs)
    if action == "enrol":
        form = EnrolBuddyForm(request.POST, people=_trainees())
        if not form.is_valid():
            raise Refused(_("Choose a buddy or trainee."))
        made = services.enrol(session=session, by=by, user=form.cleaned_data["user"])
        return _status_message(made)
    if action == "external":
        form = ExternalForm(request.POST)
        if not form.is_valid():
            raise Refused(_("Write the name and the organisation of the external trainee."))
        made = services.enrol(session=session, by=by, **form.cleaned_data)
        return _status_message(made)
    if action == "attendance":
        services.attendance_record(session=session, by=by, present=ticked_ids(request))
        return _("The attendance is saved.")
    raise Refused(_("This step is not possible now."))


def ticked_ids(request: HttpRequest) -> set[int]:
    """The ids of the ticked people on an attendance list; anything else posted is no one."""
    ids = (number_from(value, **ID_BOUNDS) for value in request.POST.getlist("present"))
    return {pk for pk in ids if pk is not None}


def _status_message(enrolment: Enrolment) -> str:
    if enrolment.status == EnrolmentStatus.WAITING:
        return _("The session is full: %(name)s is on the waiting list.") % {"name": enrolment.name}
    return _("%(name)s is enrolled.") % {"name": enrolment.name}


@require_http_methods(["GET", "POST"])
def session_page(request: HttpRequest, session_uuid: UUID) -> HttpResponse:
    """A session: the coordinator enrols people and marks who came; a buddy enrols."""
    policy.require(rules.academy_visitor(request.user))
    session = get_object_or_404(Session.objects.select_related("course"), uuid=session_uuid)
    runs = rules.runs_the_academy(request.user)
    if request.method == "POST":
        try:
            done = _session_post(request, session, runs)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, done)
        return redirect("academy_session", session.uuid)
    enrolments = selectors.session_enrolments(session)
    mine = next((e for e in enrolments if e.user_id == request.user.pk), None)
    context = {
        "session": session,
        "runs": runs,
        "enrolments": enrolments if runs else [],
        "placed": [e for e in enrolments if e.status == EnrolmentStatus.ENROLLED],
        "waiting": [e for e in enrolments if e.status == EnrolmentStatus.WAITING],
        "mine": mine,
        "position": selectors.waiting_position(mine)
        if mine and mine.status == EnrolmentStatus.WAITING
        else None,
        "may_enrol_self": policy.has_role(request.user, Role.BUDDY) and mine is None,
        "enrol_form": EnrolBuddyForm(people=_trainees()) if runs else None,
        "external_form": ExternalForm() if runs else None,
        # Enrolling is open until the day itself; attendance is recorded from that day on.
        "is_over": session.on < today(),
        "may_record": session.on <= today(),
    }
    return render(request, "academy/session.html", context)
