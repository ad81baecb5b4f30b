"""The referrer's pages (new referral, their referrals) and the coordinator's inbox."""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.access import policy
from kansrijk.access.audit import audit_read
from kansrijk.core.forms import submit
from kansrijk.people.choices import Role
from kansrijk.people.models import Area, Programme

from . import rules, selectors, services
from .choices import Decision
from .forms import NEW_HOUSEHOLD, AcceptForm, DeclineForm, PartnerReferralForm
from .models import PartnerReferral

REFERRALS_PER_PAGE = 25


# ---- the referrer ----


def _require_referrer(request: HttpRequest) -> None:
    policy.require(rules.may_refer(request.user))


def _own_referral_or_404(request: HttpRequest, referral_uuid: UUID) -> PartnerReferral:
    _require_referrer(request)
    referral = selectors.referrals_sent_by(request.user).filter(uuid=referral_uuid).first()
    if referral is None:
        raise Http404
    return referral


@require_GET
def my_referrals(request: HttpRequest) -> HttpResponse:
    """The referrer's home: the households they signed up, each with where it stands."""
    _require_referrer(request)
    page = Paginator(selectors.referrals_sent_by(request.user), REFERRALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(referral, selectors.referral_status(referral)) for referral in page]
    audit_read(request, detail="partner referrals sent", role=Role.REFERRER)
    return render(request, "partners/my_referrals.html", {"page_obj": page, "rows": rows})


@require_GET
def my_referral(request: HttpRequest, referral_uuid: UUID) -> HttpResponse:
    """One referral as its referrer follows it: the step line, a decline's reason, and the
    household's file only when the participant lets their organisation see it."""
    referral = _own_referral_or_404(request, referral_uuid)
    trajectory = referral.trajectory
    household = trajectory.household if trajectory is not None else None
    file_open = (
        household is not None
        and policy.visible_households(request.user).filter(pk=household.pk).exists()
    )
    # A read of the household only when its file is open to them: otherwise they read their
    # own referral, and "who looked at my file" does not list them.
    audit_read(
        request,
        detail="partner referral",
        household=household if file_open else None,
        role=Role.REFERRER,
    )
    context = {
        "referral": referral,
        "steps": selectors.referral_steps(referral),
        "status": selectors.referral_status(referral),
        "file_uuid": household.uuid if file_open and household is not None else None,
    }
    return render(request, "partners/my_referral.html", context)


@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    """ "Nieuwe aanmelding": sign a household up, with the participant's consent."""
    _require_referrer(request)
    user = request.user
    areas = Area.objects.filter(programme__in=policy.programmes_with_role(user, Role.REFERRER))
    form = PartnerReferralForm(request.POST or None, areas=areas)
    if request.method == "POST" and submit(
        form,
        lambda data: services.partner_referral_submit(
            by=user,
            organisation=user.organisation,
            **form.service_arguments(),
        ),
    ):
        messages.success(request, _("Thank you. The referral is sent to the coordinator."))
        return redirect("my_referral", form.saved[0].uuid)  # (referral, made)
    status = 422 if form.errors else 200
    return render(request, "partners/referral_new.html", {"form": form}, status=status)


# ---- the coordinator ----


def _inbox_programme_or_404(request: HttpRequest, programme_slug: str) -> Programme:
    """The programme of the URL, when its inbox is this user's (`rules.sees_inbox`)."""
    programme = policy.coordinated_programme_or_404(request.user, programme_slug)
    policy.require(rules.sees_inbox(request.user, programme))
    return programme


def _incoming_or_404(request: HttpRequest, programme_slug: str, referral_uuid: UUID):
    """The referral of this programme, for its coordinator. Once accepted, its details are the
    household's: only while `access` lets this user see the household (not after it moved to
    another programme, say). A waiting or declined one is its programme's coordinator's."""
    programme = _inbox_programme_or_404(request, programme_slug)
    referral = (
        PartnerReferral.objects.filter(programme=programme, uuid=referral_uuid)
        .select_related("area", "organisation", "referred_by", "decided_by", "trajectory")
        .first()
    )
    if referral is None:
        raise Http404
    trajectory = referral.trajectory
    if trajectory is not None:
        policy.require(
            policy.visible_households(request.user).filter(pk=trajectory.household_id).exists()
        )
    return programme, referral


def _incoming_page(
    request: HttpRequest,
    programme: Programme,
    referral: PartnerReferral,
    *,
    form: AcceptForm,
    decline_form: DeclineForm,
    duplicates: list,
    status: int,
) -> HttpResponse:
    context = {
        "programme": programme,
        "referral": referral,
        "waiting": referral.status == Decision.RECEIVED,
        "duplicates": duplicates,
        "form": form,
        "decline_form": decline_form,
        "status": selectors.referral_status(referral),
    }
    return render(request, "partners/incoming.html", context, status=status)


@require_GET
def referral_inbox(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """The referrals waiting for a decision, oldest first."""
    programme = _inbox_programme_or_404(request, programme_slug)
    page = Paginator(selectors.inbox(programme), REFERRALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    audit_read(request, detail=f"partner referral inbox {programme.slug}", role=Role.COORDINATOR)
    return render(request, "partners/inbox.html", {"programme": programme, "page_obj": page})


def _accept(request: HttpRequest, referral: PartnerReferral, form: AcceptForm):
    def call(data: dict):
        household = None
        if data["household"] != NEW_HOUSEHOLD:
            household = policy.household_for_user_or_404(request.user, data["household"])
        return services.partner_referral_accept(
            by=request.user, referral=referral, household=household
        )

    return submit(form, call)


@require_http_methods(["GET", "POST"])
def incoming_referral(
    request: HttpRequest, programme_slug: str, referral_uuid: UUID
) -> HttpResponse:
    """Read one referral, answer "Is this the same household?", and accept it into the intake
    (or decline it, on the form below that posts to `referral_decline`)."""
    programme, referral = _incoming_or_404(request, programme_slug, referral_uuid)
    waiting = referral.status == Decision.RECEIVED
    duplicates = selectors.likely_duplicates(referral, user=request.user) if waiting else []
    form = AcceptForm(request.POST or None, choices=[str(t.household.uuid) for t in duplicates])
    if request.method == "POST" and _accept(request, referral, form):
        messages.success(request, _("The referral is accepted. Go on with the intake."))
        return redirect("intake", form.saved.household.uuid)
    audit_read(
        request,
        detail="partner referral",
        household=referral.trajectory.household if referral.trajectory else None,
        role=Role.COORDINATOR,
    )
    return _incoming_page(
        request,
        programme,
        referral,
        form=form,
        decline_form=DeclineForm(),
        duplicates=duplicates,
        status=422 if form.errors else 200,
    )


@require_POST
def referral_decline(
    request: HttpRequest, programme_slug: str, referral_uuid: UUID
) -> HttpResponse:
    """Decline with a reason; the referrer reads it on their page."""
    programme, referral = _incoming_or_404(request, programme_slug, referral_uuid)
    form = DeclineForm(request.POST)
    if submit(
        form,
        lambda data: services.partner_referral_decline(
            by=request.user, referral=referral, reason=data["reason"]
        ),
    ):
        messages.success(request, _("The referral is declined. The referrer hears why."))
        return redirect("referral_inbox", programme.slug)
    waiting = referral.status == Decision.RECEIVED
    duplicates = selectors.likely_duplicates(referral, user=request.user) if waiting else []
    return _incoming_page(
        request,
        programme,
        referral,
        form=AcceptForm(choices=[]),
        decline_form=form,
        duplicates=duplicates,
        status=422,
    )
