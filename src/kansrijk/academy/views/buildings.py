"""Buddy Building meetings: planning, answers, attendance. A meeting is run by the coordinators
of its programmes; its buddies answer the invitation."""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.core.dates import today
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role

from .. import selectors, services
from ..forms import MeetingForm, RsvpForm
from ..models import Invitation, Meeting
from .academie import ticked_ids

PAST_PER_PAGE = 20


def _coordinated(request: HttpRequest):
    return policy.programmes_with_role(request.user, Role.COORDINATOR)


@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest) -> HttpResponse:
    """The Buddy Buildings of the programmes this coordinator runs, and a form to plan one."""
    programmes = _coordinated(request)
    policy.require(programmes.exists())
    form = MeetingForm(request.POST or None, programmes=programmes)
    made: list[Meeting] = []
    if request.method == "POST" and submit(
        form, lambda d: made.append(services.meeting_plan(by=request.user, **d))
    ):
        messages.success(request, _("The Buddy Building is planned and every buddy is invited."))
        return redirect("buddy_building", made[0].uuid)
    page = Paginator(selectors.meetings_for(programmes).order_by("-on"), PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page_obj": page, "today": today()}
    return render(request, "academy/meetings.html", context, status=422 if form.errors else 200)


def meeting_for_coordinator_or_404(request: HttpRequest, meeting_uuid: UUID) -> Meeting:
    return get_object_or_404(
        Meeting.objects.filter(programmes__in=_coordinated(request)).distinct(), uuid=meeting_uuid
    )


@require_http_methods(["GET", "POST"])
def meeting_page(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """One Buddy Building: who is coming, and afterwards who came."""
    meeting = meeting_for_coordinator_or_404(request, meeting_uuid)
    if request.method == "POST":
        try:
            services.meeting_attendance(
                meeting=meeting, by=request.user, present=ticked_ids(request)
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The attendance is saved."))
        return redirect("buddy_building", meeting.uuid)
    invitations = selectors.invitations_of(meeting)
    context = {
        "meeting": meeting,
        "invitations": invitations,
        "coming": sum(1 for i in invitations if i.answer == "yes"),
        "not_coming": sum(1 for i in invitations if i.answer == "no"),
        "is_past": meeting.on <= today(),
    }
    return render(request, "academy/meeting.html", context)


@require_POST
def rsvp(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """The invited buddy answers on their own page."""
    invitation = Invitation.objects.filter(meeting__uuid=meeting_uuid, user=request.user).first()
    if invitation is None:
        raise Http404
    form = RsvpForm(request.POST)
    if submit(form, lambda d: services.rsvp(invitation=invitation, by=request.user, **d)):
        messages.success(request, _("Thank you for your answer."))
    else:
        messages.error(request, _("Choose whether you are coming."))
    return redirect("buddy_home")
