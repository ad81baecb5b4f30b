from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.core.errors import Refused
from kansrijk.people.choices import MemberRelation, Role
from kansrijk.trajectories.choices import Phase
from kansrijk.trajectories.pages import FormPage, household_form_page

from . import services
from .forms import ChildFormSet, IntakeForm, ReferralForm
from .services import NewMember


def _members_from(data: dict, children: list[dict]) -> tuple[NewMember, list[NewMember]]:
    participant = NewMember(
        MemberRelation.PARTICIPANT, data["given_name"], data["family_name"], data["birth_year"]
    )
    others = [
        NewMember(MemberRelation.CHILD, child["given_name"], birth_year=child["birth_year"])
        for child in children
        if child.get("given_name")
    ]
    if data["partner_given_name"]:
        others.insert(
            0,
            NewMember(
                MemberRelation.PARTNER, data["partner_given_name"], data["partner_family_name"]
            ),
        )
    return participant, others


def _register(request: HttpRequest, data: dict, children: list[dict]):
    participant, others = _members_from(data, children)
    contact_fields = ("phone", "email", "street_address", "postcode", "languages")
    return services.referral_register(
        by=request.user,
        area=data["area"],
        organisation=data["organisation"],
        referrer_name=data["referrer_name"],
        participant=participant,
        others=others,
        contact={name: data[name] for name in contact_fields},
        reason=data["reason"],
        stress_sources=data["stress_sources"],
        preferences=data["preferences"],
        consent_on=data["consent_on"],
        consent_method=data["consent_method"],
    )


@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Register a referral from a partner organisation."""
    programmes = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(programmes, slug=programme_slug)
    form = ReferralForm(request.POST or None, programme=programme)
    children = ChildFormSet(request.POST or None, prefix="children")
    if request.method == "POST" and form.is_valid() and children.is_valid():
        try:
            trajectory = _register(request, form.cleaned_data, children.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The referral is registered."))
            return redirect(reverse("household", args=[trajectory.household.uuid]))
    context = {"programme": programme, "form": form, "children": children}
    status = 422 if request.method == "POST" else 200
    return render(request, "intake/refer.html", context, status=status)


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, household_uuid: UUID) -> HttpResponse:
    page = FormPage(
        title=_("Intake"),
        intro=_(
            "First calm at the base: what causes the most stress? "
            "Then the question that leads the whole year: what do you want?"
        ),
        submit_label=_("Save the intake"),
        success_message=_("The intake is saved. The household now waits for a buddy."),
    )
    return household_form_page(
        request,
        household_uuid,
        page=page,
        form_class=IntakeForm,
        allowed=lambda household, trajectory: (
            trajectory.phase == Phase.INTAKE and policy.may_manage(request.user, household)
        ),
        call=lambda trajectory, data: services.intake_record(
            trajectory=trajectory, by=request.user, **data
        ),
    )
