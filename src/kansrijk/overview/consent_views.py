"""The household's consents: who may see which part of the file, recorded and withdrawn here."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.access import policy, services
from kansrijk.access.forms import ParticipantAccountForm
from kansrijk.access.models import ParticipantAccount
from kansrijk.access.selectors import consent_history
from kansrijk.core.confirm import confirm_page, confirmed
from kansrijk.core.errors import Refused
from kansrijk.core.forms import submit
from kansrijk.people.languages import in_her_language
from kansrijk.trajectories.pages import log_form_read
from kansrijk.trajectories.selectors import trajectory_for_user_or_404

from .forms import ConsentForm
from .withdrawal import withdrawal


def _keeper_or_404(request: HttpRequest, household_uuid: UUID):
    household, trajectory = trajectory_for_user_or_404(request.user, household_uuid)
    policy.require(policy.works_with_whole_file(request.user, household, trajectory))
    return household, trajectory


@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """List the household's consents and record a new one."""
    household, trajectory = _keeper_or_404(request, household_uuid)
    form = ConsentForm(request.POST or None)

    def record(data: dict) -> object:
        return services.consent_record(
            household=household,
            trajectory=trajectory,
            by=request.user,
            recipient=data["recipient"],
            organisation=data["organisation"],
            parts=set(data["parts"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            method=data["method"],
        )

    if request.method == "POST" and submit(form, record):
        messages.success(request, _("The consent is recorded."))
        return redirect(reverse("consents", args=[household.uuid]))
    context = {
        "household": household,
        "trajectory": trajectory,
        "form": form,
        "history": consent_history(household),
        "account_form": ParticipantAccountForm(),
        "has_account": ParticipantAccount.objects.filter(household=household).exists(),
        "reason": policy.reason_to_see(request.user, household, trajectory),
    }
    return render(request, "overview/consents.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def withdraw_consent(
    request: HttpRequest, household_uuid: UUID, consent_uuid: UUID
) -> HttpResponse:
    """Withdraw a consent the participant takes back, after saying what that changes."""
    household, trajectory = _keeper_or_404(request, household_uuid)
    consent = get_object_or_404(household.consents, uuid=consent_uuid)
    if not confirmed(request):
        log_form_read(request, household, trajectory)
        return confirm_page(request, withdrawal(consent, participant=False))
    try:
        services.consent_withdraw(consent=consent, trajectory=trajectory, by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The consent is withdrawn. It no longer counts."))
    return redirect(reverse("consents", args=[household.uuid]))


@require_POST
def portal_account(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    """Give the participant a portal login; the link to choose a password goes to their e-mail."""
    household, trajectory = _keeper_or_404(request, household_uuid)
    form = ParticipantAccountForm(request.POST)
    created = []

    def create(data: dict) -> object:
        user = services.participant_account_create(
            household=household, trajectory=trajectory, by=request.user, email=data["email"]
        )
        created.append(user)
        return user

    if submit(form, create):
        with in_her_language(household):
            _send_password_link(request, created[0])
        messages.success(
            request,
            _("The portal account is made. %(email)s gets an e-mail to choose a password.")
            % {"email": created[0].email},
        )
    else:
        for error in form.errors.get("__all__", []) + form.errors.get("email", []):
            messages.error(request, error)
    return redirect(reverse("consents", args=[household.uuid]))


def _send_password_link(request: HttpRequest, user) -> None:
    link = request.build_absolute_uri(
        reverse(
            "password_reset_confirm",
            # The link names the user by public UUID, as the password reset pages expect.
            args=[user.uuid, default_token_generator.make_token(user)],
        )
    )
    send_mail(
        subject=pgettext("participant", "Your own page at kansrijk"),
        message=pgettext(
            "participant",
            "Hello %(name)s,\n\nWith this link you choose a password for your own page. "
            "There you see your plan, who may see your file, and who looked at it.\n\n%(link)s\n",
        )
        % {"name": user.first_name or user.email, "link": link},
        from_email=None,
        recipient_list=[user.email],
    )
