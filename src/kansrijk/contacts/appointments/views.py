"""The pages of planned meetings, the download of one, and the buddy's calendar feed."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.access.audit import audit, audit_read
from kansrijk.access.models import AuditAction
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.trajectories.pages import FormPage, household_form_page, log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from . import rules, selectors, services
from .calendar import calendar_of
from .forms import AppointmentCancelForm, AppointmentForm, AppointmentMoveForm

CALENDAR = "text/calendar; charset=utf-8"
# Where the secret of a new calendar address waits, for the one page that shows it.
NEW_FEED_KEY = "calendar_feed_token"


def _plannable(request: HttpRequest, household_uuid: UUID):
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(rules.may_plan(request.user, trajectory))
    return household, trajectory


@require_http_methods(["GET", "POST"])
def appointment_new(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Plan the next meeting"),
        intro=_("When do you see each other again? Agree on it together."),
        submit_label=_("Plan the meeting"),
        success_message=_("The meeting is planned."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=AppointmentForm,
        allowed=lambda household, trajectory: rules.may_plan(request.user, trajectory),
        call=lambda trajectory, data: services.appointment_plan(
            trajectory=trajectory, by=request.user, **data
        ),
    )


@require_http_methods(["GET", "POST"])
def appointment_edit(
    request: HttpRequest, household_uuid: UUID, appointment_uuid: UUID
) -> HttpResponse:
    """Move the meeting (another day, hour, way or place) in one step, or call it off."""
    household, trajectory = _plannable(request, household_uuid)
    appointment = selectors.appointment_in(trajectory, appointment_uuid)
    if appointment.cancelled_at is not None:
        raise Http404
    start = appointment.starts_at.astimezone()
    initial = {
        "on": start.date(),
        "at": start.time().replace(second=0, microsecond=0),
        "minutes": appointment.minutes,
        "kind": appointment.kind,
        "place": appointment.place,
        "purpose": appointment.purpose,
        "version": appointment.version,
    }
    form = AppointmentMoveForm(request.POST or None, initial=initial)
    if request.method == "POST":
        moved = submit(
            form,
            lambda data: services.appointment_move(
                appointment=appointment,
                by=request.user,
                version=data["version"],
                **form.service_arguments(),
            ),
        )
        if moved:
            messages.success(request, _("The meeting is moved."))
            return redirect("household", household.uuid)
    else:
        log_form_read(request, household, trajectory)
    context = {
        "household": household,
        "trajectory": trajectory,
        "appointment": appointment,
        "form": form,
        "cancel_form": AppointmentCancelForm(initial={"version": appointment.version}),
    }
    status = 422 if form.errors else 200
    return render(request, "contacts/appointment_form.html", context, status=status)


@require_POST
def appointment_cancel(
    request: HttpRequest, household_uuid: UUID, appointment_uuid: UUID
) -> HttpResponse:
    household, trajectory = _plannable(request, household_uuid)
    appointment = selectors.appointment_in(trajectory, appointment_uuid)
    form = AppointmentCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Open the meeting again and cancel it from there."))
        return redirect("household", household.uuid)
    try:
        services.appointment_cancel(
            appointment=appointment, by=request.user, version=form.cleaned_data["version"]
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The meeting is cancelled."))
    return redirect("household", household.uuid)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The feed is read without a login, so the middleware that does this for signed-in pages
    # does not see it: no cache between a buddy's calendar and kansrijk may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def appointment_ics(
    request: HttpRequest, household_uuid: UUID, appointment_uuid: UUID
) -> HttpResponse:
    """One meeting as a file for the phone's own calendar."""
    household, trajectory = _plannable(request, household_uuid)
    appointment = selectors.appointment_in(trajectory, appointment_uuid)
    if appointment.cancelled_at is not None:
        raise Http404
    audit_read(
        request,
        household=household,
        detail="appointment calendar file",
        role=policy.acting_role(request.user, household, trajectory),
        action=AuditAction.EXPORT,
    )
    body = calendar_of([appointment], name=_("kansrijk"), site_url=request.build_absolute_uri("/"))
    return _ics(body, "afspraak.ics")


@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The buddy's private calendar address: make it, make it anew, or stop it."""
    policy.require(rules.may_have_feed(request.user))
    if request.method == "POST":
        # Only a button says what to do: a post without one (a stray resend) changes nothing.
        action = request.POST.get("action")
        if action == "stop":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar address is stopped. It no longer works."))
        elif action == "renew":
            request.session[NEW_FEED_KEY] = services.calendar_feed_renew(user=request.user)
            messages.success(request, _("Your new calendar address is ready."))
        return redirect("calendar_feed")
    token = request.session.pop(NEW_FEED_KEY, None)
    context = {
        "feed": selectors.has_feed(request.user),
        "feed_url": request.build_absolute_uri(reverse("calendar_feed_ics", args=[token]))
        if token
        else "",
    }
    return render(request, "contacts/calendar_feed.html", context)


@login_not_required
@require_GET
def calendar_feed_ics(request: HttpRequest, feed_token: str) -> HttpResponse:
    """The buddy's meetings for their calendar app, at an address only they know."""
    owner = selectors.feed_owner(feed_token)
    if owner is None:
        raise Http404
    appointments = selectors.feed_appointments(owner)
    # Each household's file was read: one entry per household, as for any page with it.
    for household in {a.trajectory.household for a in appointments}:
        audit(
            actor=owner,
            action=AuditAction.VIEW,
            household=household,
            detail="calendar feed",
            purpose="coaching",
            role="buddy",
            request=request,
        )
    with translation.override(settings.LANGUAGE_CODE):
        body = calendar_of(
            appointments,
            name=_("kansrijk: my meetings"),
            site_url=request.build_absolute_uri("/"),
        )
    return _ics(body, "kansrijk.ics")
