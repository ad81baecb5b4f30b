"""The participant's own pages: my year, who may see my file, who looked at it."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy, services
from kansrijk.access.audit import audit_own_read
from kansrijk.access.log_words import by_person_and_day
from kansrijk.access.selectors import consents_in_force, reads_of
from kansrijk.contacts.appointments.selectors import next_appointment
from kansrijk.core.confirm import confirm_page, confirmed
from kansrijk.core.errors import Refused
from kansrijk.documents.selectors import own_documents
from kansrijk.escalation.selectors import portal_cases
from kansrijk.network.selectors import portal_network
from kansrijk.plans.pages import portal_plan_context, portal_proposals_context
from kansrijk.trajectories.selectors import current_trajectory

from . import selectors
from .withdrawal import withdrawal

READS_PER_PAGE = 50
# The newest documents; the download of all her data holds every one.
PORTAL_DOCUMENTS = 20


@require_GET
def my_file(request: HttpRequest) -> HttpResponse:
    """What the participant sees of their own year: plan, assessments, buddy, consents."""
    household = policy.own_household_or_404(request.user)
    trajectory = current_trajectory(household)
    context = {
        "household": household,
        "trajectory": trajectory,
        "mine": selectors.participant_view(household, trajectory),
        "consents": consents_in_force(household),
        "documents": own_documents(household)[:PORTAL_DOCUMENTS],
        "next_appointment": next_appointment(trajectory),
        **portal_plan_context(request.user, household, trajectory),
        # In control: her own proposed goals, her network and her Doorbraak cases.
        **portal_proposals_context(request.user, household, trajectory),
        "network": portal_network(trajectory),
        "doorbraak_cases": portal_cases(trajectory),
    }
    audit_own_read(request, household, "portal")
    return render(request, "overview/portal.html", context)


@require_http_methods(["GET", "POST"])
def withdraw_my_consent(request: HttpRequest, consent_uuid: UUID) -> HttpResponse:
    """The participant stops a consent, after reading what that changes."""
    household = policy.own_household_or_404(request.user)
    consent = get_object_or_404(household.consents, uuid=consent_uuid)
    if not confirmed(request):
        audit_own_read(request, household, "withdraw consent")
        return confirm_page(request, withdrawal(consent, participant=True))
    try:
        services.consent_withdraw(
            consent=consent, trajectory=None, by=request.user, participant=True
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, pgettext("participant", "Done. From now on they can no longer see this.")
        )
    return redirect("my_file")


@require_GET
def my_reads(request: HttpRequest) -> HttpResponse:
    """Every time someone looked at or changed the participant's file."""
    household = policy.own_household_or_404(request.user)
    others = reads_of(household).exclude(actor=request.user)
    page = Paginator(others, READS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "days": by_person_and_day(page.object_list)}
    return render(request, "overview/portal_reads.html", context)


@require_POST
def my_language(request: HttpRequest) -> HttpResponse:
    """The participant chooses the language of her pages and of what is sent to her; it is
    stored with her household, so it holds on every device and in her e-mails and letters."""
    household = policy.own_household_or_404(request.user)
    try:
        services.household_language_choose(
            household=household, language=request.POST.get("language", ""), by=request.user
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    back = request.POST.get("next", "")
    # Only a path of this site: anything else (a full address, a stray word) goes to her page.
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    ):
        back = reverse("my_file")
    response = HttpResponseRedirect(back)
    # The login page after she logs out speaks her language too.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        household.language,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
