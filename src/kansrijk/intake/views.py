from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kansrijk.access import policy
from kansrijk.core.errors import Refused
from kansrijk.people.choices import MemberRelation, Role

from . import services
from .forms import DIFFERENT_HOUSEHOLD, ChildFormSet, ReferralForm, hidden_copy
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


def _register(request: HttpRequest, programme, data: dict, children: list[dict]):
    """A new household, or (when the coordinator said it is the same) a new journey for one."""
    referral = {
        name: data[name]
        for name in (
            "organisation",
            "referrer_name",
            "reason",
            "stress_sources",
            "preferences",
            "preferred_gender",
            "consent_on",
            "consent_method",
        )
    }
    if data["same_household"]:
        household = policy.household_for_user_or_404(request.user, data["same_household"])
        if household.programme_id != programme.pk:
            raise Http404
        return services.rereferral_register(by=request.user, household=household, **referral)
    participant, others = _members_from(data, children)
    contact_fields = ("phone", "email", "street_address", "postcode", "languages")
    return services.referral_register(
        check_known=data["confirm"] != DIFFERENT_HOUSEHOLD,
        by=request.user,
        area=data["area"],
        participant=participant,
        others=others,
        contact={name: data[name] for name in contact_fields},
        **referral,
    )


@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, programme_slug: str) -> HttpResponse:
    """Register a referral from a partner organisation; first ask about possible duplicates."""
    programmes = policy.programmes_with_role(request.user, Role.COORDINATOR)
    programme = get_object_or_404(programmes, slug=programme_slug)
    form = ReferralForm(request.POST or None, programme=programme)
    children = ChildFormSet(request.POST or None, prefix="children")
    duplicates = []
    if request.method == "POST" and form.is_valid() and children.is_valid():
        try:
            trajectory = _register(request, programme, form.cleaned_data, children.cleaned_data)
        except services.PossiblyKnown as known:
            duplicates = known.trajectories
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The referral is registered."))
            return redirect(reverse("household", args=[trajectory.household.uuid]))
    context = {"programme": programme, "form": form, "children": children, "duplicates": duplicates}
    if duplicates:
        context["hidden_copy"] = hidden_copy(form, children.management_form, *children)
    status = 422 if request.method == "POST" else 200
    return render(request, "intake/refer.html", context, status=status)
